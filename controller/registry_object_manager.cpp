#include "controller/registry_object_manager.hpp"

#include <utility>
#include <variant>

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

std::vector<Result<ObjectPtr>> RegistryObjectManager::commit(
    std::vector<identity::Registry::Write> writes) {
  return registry_.commit(std::move(writes));
}

std::vector<Result<ObjectPtr>> ObjectManager::commit(
    std::vector<identity::Registry::Write> writes) {
  std::vector<Result<ObjectPtr>> results;
  results.reserve(writes.size());
  for (auto& write : writes) {
    if (auto* create_write = std::get_if<identity::Registry::Create>(&write))
      results.push_back(create(std::move(create_write->object)));
    else if (auto* update_write = std::get_if<identity::Registry::Update>(&write))
      results.push_back(update(std::move(update_write->object), update_write->scope));
    else if (auto* delete_write = std::get_if<identity::Registry::Delete>(&write))
      results.push_back(remove(delete_write->key, delete_write->options));
  }
  return results;
}

}  // namespace ordinal::controller
