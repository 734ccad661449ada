#pragma once
// The object manager of the controller tests: the real registry semantics (uids,
// resourceVersions, conflicts, graceful pod deletion) on a throw-away store in memory-backed
// storage, plus a settable clock, injected failures and a log of every write, as Kubernetes'
// fake pod control does in stateful_set_control_test.go.
#include <chrono>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"
#include "controller/registry_object_manager.hpp"
#include "identity/registry.hpp"

namespace ordinal::controller::testing {

/// A manually advanced clock, starting at 2026-11-22T00:15:08Z.
class TestClock {
 public:
  [[nodiscard]] TimePoint now() const { return now_; }
  void advance(std::chrono::milliseconds by) { now_ += by; }

 private:
  TimePoint now_{std::chrono::seconds{1795306508}};
};

class FakeObjectManager final : public ObjectManager {
 public:
  enum class Verb { Create, Update, Remove };

  FakeObjectManager() : dir_(make_dir()) {
    identity::RegistryOptions options;
    options.now = [this] { return clock_.now(); };
    registry_ = identity::Registry::open(dir_, options);
    real_ = std::make_unique<RegistryObjectManager>(*registry_);
  }
  ~FakeObjectManager() override {
    real_.reset();
    registry_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  FakeObjectManager(const FakeObjectManager&) = delete;
  FakeObjectManager& operator=(const FakeObjectManager&) = delete;

  TestClock& clock() { return clock_; }
  identity::Registry& registry() { return *registry_; }

  /// The next `times` calls of `verb` on objects of `kind` fail with `error`, changing nothing.
  void fail_next(Verb verb, const std::string& kind, ApiError error, int times = 1) {
    for (int i = 0; i < times; ++i) failures_.push_back({verb, kind, error});
  }
  /// Every successful write, in order: "create Pod default/web-0", "update Pod default/web-0",
  /// "update-status StatefulSet default/web", "remove Pod default/web-2".
  [[nodiscard]] const std::vector<std::string>& writes() const { return writes_; }
  void clear_writes() { writes_.clear(); }

  [[nodiscard]] Result<ObjectPtr> get(const ObjectKey& key) const override {
    return real_->get(key);
  }
  [[nodiscard]] std::vector<ObjectPtr> list(
      const std::string& kind, const std::optional<std::string>& ns,
      const identity::LabelSelector& selector = {}) const override {
    return real_->list(kind, ns, selector);
  }
  Result<ObjectPtr> create(Json object) override {
    const ObjectKey key = ObjectKey::of(object);
    if (auto injected = take_failure(Verb::Create, key.kind)) return *injected;
    auto result = real_->create(std::move(object));
    if (result) log("create", ObjectKey::of(**result));
    return result;
  }
  Result<ObjectPtr> update(Json object,
                           identity::UpdateScope scope = identity::UpdateScope::Main) override {
    const ObjectKey key = ObjectKey::of(object);
    if (auto injected = take_failure(Verb::Update, key.kind)) return *injected;
    auto result = real_->update(std::move(object), scope);
    if (result) log(scope == identity::UpdateScope::Status ? "update-status" : "update", key);
    return result;
  }
  Result<ObjectPtr> remove(const ObjectKey& key,
                           const identity::DeleteOptions& options = {}) override {
    if (auto injected = take_failure(Verb::Remove, key.kind)) return *injected;
    auto result = real_->remove(key, options);
    if (result) log("remove", key);
    return result;
  }

 private:
  struct Failure {
    Verb verb;
    std::string kind;
    ApiError error;
  };

  static std::filesystem::path make_dir() {
    const std::filesystem::path shm = "/dev/shm";
    const auto base =
        std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path();
    std::string pattern = (base / "ordinal-controller-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
  }
  std::optional<ApiError> take_failure(Verb verb, const std::string& kind) {
    for (auto it = failures_.begin(); it != failures_.end(); ++it) {
      if (it->verb != verb || it->kind != kind) continue;
      ApiError error = it->error;
      failures_.erase(it);
      return error;
    }
    return std::nullopt;
  }
  void log(const char* verb, const ObjectKey& key) {
    writes_.push_back(std::string(verb) + " " + key.kind + " " +
                      (key.ns.empty() ? key.name : key.ns + "/" + key.name));
  }

  TestClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<identity::Registry> registry_;
  std::unique_ptr<RegistryObjectManager> real_;
  std::deque<Failure> failures_;
  std::vector<std::string> writes_;
};

/// The keys a reconciler's on_change() asked for.
class KeysSeen final : public KeySink {
 public:
  void add(const std::string& key) override { keys.insert(key); }
  std::set<std::string> keys;
};

}  // namespace ordinal::controller::testing
