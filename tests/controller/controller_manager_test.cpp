// The controller manager on a real registry: existing objects reach the reconcilers at start,
// changes reach them while running, timers re-run a key, and failures are retried.
#include "controller/controller_manager.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "fake_object_manager.hpp"

namespace ordinal::controller {
namespace {

using identity::Json;

Json config_map(const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", "default"}}},
          {"data", {{"k", "v"}}}};
}

// Records every key it syncs; fails the first `fail_first` syncs of "default/flaky"; asks for a
// re-run of "default/timer" once.
class RecordingReconciler final : public Reconciler {
 public:
  std::string_view name() const override { return "recording"; }
  std::vector<std::string> watched_kinds() const override { return {"ConfigMap"}; }
  void on_change(const identity::WatchEvent& event, KeySink& keys) override {
    keys.add(event.object->at("metadata").value("namespace", "") + "/" +
             event.object->at("metadata").value("name", ""));
  }
  SyncOutcome sync(const std::string& key, TimePoint) override {
    std::lock_guard lock(mu_);
    ++counts_[key];
    if (key == "default/flaky" && counts_[key] <= 2)
      return SyncOutcome::failed(identity::internal_error("try again"));
    if (key == "default/timer" && counts_[key] == 1)
      return SyncOutcome::after(std::chrono::milliseconds(20));
    return SyncOutcome::done();
  }
  int count(const std::string& key) {
    std::lock_guard lock(mu_);
    return counts_[key];
  }

 private:
  std::mutex mu_;
  std::map<std::string, int> counts_;
};

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 500; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

TEST(ControllerManager, SyncsExistingObjectsChangesTimersAndRetries) {
  testing::FakeObjectManager objects;
  ASSERT_TRUE(objects.create(config_map("before")));
  auto owned = std::make_unique<RecordingReconciler>();
  RecordingReconciler& reconciler = *owned;
  ControllerManager manager(objects.registry());
  manager.add(std::move(owned));
  manager.start();

  EXPECT_TRUE(eventually([&] { return reconciler.count("default/before") == 1; }));
  ASSERT_TRUE(objects.create(config_map("after")));
  EXPECT_TRUE(eventually([&] { return reconciler.count("default/after") >= 1; }));
  ASSERT_TRUE(objects.create(config_map("timer")));
  EXPECT_TRUE(eventually([&] { return reconciler.count("default/timer") == 2; }));
  ASSERT_TRUE(objects.create(config_map("flaky")));
  EXPECT_TRUE(eventually([&] { return reconciler.count("default/flaky") == 3; }));

  manager.stop();
  const auto stats = manager.stats();
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].name, "recording");
  EXPECT_EQ(stats[0].failures, 2u);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(reconciler.count("default/flaky"), 3) << "no more syncs after success";
}

// Allows overlapping syncs; records the most syncs seen running at once.
class OverlappingReconciler final : public Reconciler {
 public:
  std::string_view name() const override { return "overlapping"; }
  std::vector<std::string> watched_kinds() const override { return {"ConfigMap"}; }
  std::size_t max_concurrent_syncs() const override { return 4; }
  void on_change(const identity::WatchEvent& event, KeySink& keys) override {
    keys.add(event.object->at("metadata").value("name", ""));
  }
  SyncOutcome sync(const std::string& key, TimePoint) override {
    const int now_running = ++running_;
    {
      std::lock_guard lock(mu_);
      ++counts_[key];
      most_ = std::max(most_, now_running);
    }
    --running_;
    return SyncOutcome::done();
  }
  std::map<std::string, int> counts() {
    std::lock_guard lock(mu_);
    return counts_;
  }

 private:
  std::atomic<int> running_{0};
  std::mutex mu_;
  std::map<std::string, int> counts_;
  int most_ = 0;
};

TEST(ControllerManager, OverlappingSyncsSyncEveryKeyOnce) {
  testing::FakeObjectManager objects;
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(objects.create(config_map("cm-" + std::to_string(i))));
  auto owned = std::make_unique<OverlappingReconciler>();
  OverlappingReconciler& reconciler = *owned;
  ControllerManager manager(objects.registry());
  manager.add(std::move(owned));
  int rounds = 0;
  manager.after_round([&rounds] { ++rounds; });
  manager.start();
  EXPECT_TRUE(eventually([&] { return reconciler.counts().size() == 20; }));
  manager.stop();
  for (const auto& [key, count] : reconciler.counts()) EXPECT_EQ(count, 1) << key;
  EXPECT_GE(rounds, 1) << "the after-round work runs";
}

}  // namespace
}  // namespace ordinal::controller
