#pragma once
// The ObjectManager of `ordinal serve`: every call goes straight to the identity registry, so a
// controller's write is durable when the call returns and its reads are never stale.
#include "controller/object_manager.hpp"

namespace ordinal::controller {

class RegistryObjectManager final : public ObjectManager {
 public:
  /// `registry` must outlive this object.
  explicit RegistryObjectManager(identity::Registry& registry) : registry_(registry) {}

  [[nodiscard]] Result<ObjectPtr> get(const ObjectKey& key) const override;
  [[nodiscard]] std::vector<ObjectPtr> list(
      const std::string& kind, const std::optional<std::string>& ns,
      const identity::LabelSelector& selector = {}) const override;
  Result<ObjectPtr> create(Json object) override;
  Result<ObjectPtr> update(Json object, identity::UpdateScope scope) override;
  Result<ObjectPtr> remove(const ObjectKey& key, const identity::DeleteOptions& options) override;
  std::vector<Result<ObjectPtr>> commit(std::vector<identity::Registry::Write> writes) override;

 private:
  identity::Registry& registry_;
};

}  // namespace ordinal::controller
