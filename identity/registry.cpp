#include "identity/registry.hpp"

#include <stdexcept>

#include "identity/kinds.hpp"
#include "identity/registry_state.hpp"
#include "identity/write_batch.hpp"

namespace ordinal::identity {

Registry::Registry(std::unique_ptr<Store> store, RegistryOptions options) {
  StoreContents contents = store->load();
  state_ = std::make_unique<State>(std::move(store), std::move(options), contents.resource_version);
  auto data = state_->data.lock();
  for (auto& object : contents.objects) {
    const ObjectKey key = ObjectKey::of(object);
    data->events.add(key, object);
    data->objects[key] = std::make_shared<const Json>(std::move(object));
  }
}

Registry::~Registry() {
  close_watches();
}

std::unique_ptr<Registry> Registry::open(const std::filesystem::path& data_dir,
                                         RegistryOptions options) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    throw std::runtime_error("identity store: cannot create " + data_dir.string() + ": " +
                             ec.message());
  auto store = Store::open(data_dir / Store::kFileName, options.sync_writes);
  return std::unique_ptr<Registry>(new Registry(std::move(store), std::move(options)));
}

Result<ObjectPtr> Registry::get(const ObjectKey& raw_key) const {
  const ObjectKey key = normalized(raw_key);
  {
    auto data = state_->data.read();
    if (const auto it = data->objects.find(key); it != data->objects.end()) return it->second;
  }
  const ResourceName names = resource_name(key.kind);
  return not_found(names.resource, names.group, key.name);
}

ListResult Registry::list(const std::string& kind, const std::optional<std::string>& raw_ns,
                          const LabelSelector& selector) const {
  // A namespace means nothing for cluster-scoped kinds: list them all rather than none.
  const KindInfo* info = find_kind(kind);
  const std::optional<std::string> ns = info && !info->namespaced ? std::nullopt : raw_ns;
  ListResult result;
  auto data = state_->data.read();
  result.resource_version = data->resource_version;
  // Keys sort by kind, namespace, name: one contiguous range, already in the promised order.
  auto it = data->objects.lower_bound(ObjectKey{kind, ns.value_or(""), ""});
  for (; it != data->objects.end() && it->first.kind == kind; ++it) {
    if (ns && it->first.ns != *ns) break;
    if (selector.matches_object(*it->second)) result.items.push_back(it->second);
  }
  return result;
}

std::uint64_t Registry::resource_version() const {
  return state_->data.read()->resource_version;
}

}  // namespace ordinal::identity
