#include "controller/registry_object_manager.hpp"

namespace ordinal::controller {

Result<ObjectPtr> RegistryObjectManager::get(const ObjectKey& key) const {
  return registry_.get(key);
}

std::vector<ObjectPtr> RegistryObjectManager::list(const std::string& kind,
                                                   const std::optional<std::string>& ns,
                                                   const identity::LabelSelector& selector) const {
  return registry_.list(kind, ns, selector).items;
}

Result<ObjectPtr> RegistryObjectManager::create(Json object) {
  return registry_.create(std::move(object));
}

Result<ObjectPtr> RegistryObjectManager::update(Json object, identity::UpdateScope scope) {
  return registry_.update(std::move(object), scope);
}

Result<ObjectPtr> RegistryObjectManager::remove(const ObjectKey& key,
                                                const identity::DeleteOptions& options) {
  return registry_.remove(key, options);
}

}  // namespace ordinal::controller
