#include "controller/local_provisioner.hpp"

#include <system_error>
#include <utility>

#include "controller/volume_binder.hpp"
#include "identity/persistent_volume.hpp"

namespace ordinal::controller {
namespace {

namespace fs = std::filesystem;

// Resolves symlinks in the part that exists, so `root/x -> /elsewhere` is seen as /elsewhere.
fs::path resolved(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal() : out;
}

}  // namespace

LocalProvisioner::LocalProvisioner(std::filesystem::path root)
    : root_(fs::absolute(std::move(root)).lexically_normal()) {}

identity::Result<fs::path> LocalProvisioner::provision(const std::string& volume_name) const {
  const fs::path name(volume_name);
  if (volume_name.empty() || volume_name == "." || volume_name == ".." || name.filename() != name ||
      name.has_root_path())
    return identity::internal_error("cannot provision volume \"" + volume_name +
                                    "\": not a plain directory name");
  const fs::path dir = root_ / name;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return identity::internal_error("cannot create " + dir.string() + ": " + ec.message());
  return dir;
}

bool LocalProvisioner::owns(const fs::path& path) const {
  if (path.empty()) return false;
  const fs::path candidate = resolved(fs::absolute(path));
  const fs::path relative = candidate.lexically_relative(resolved(root_));
  if (relative.empty() || relative == "." || relative.begin() == relative.end()) return false;
  // A direct child: exactly one component, and not a way out of the root.
  return std::next(relative.begin()) == relative.end() && *relative.begin() != "..";
}

std::optional<identity::ApiError> LocalProvisioner::remove(const fs::path& path) const {
  if (!owns(path))
    return identity::internal_error("refusing to delete " + path.string() +
                                    ": not a volume directory under " + root_.string());
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return identity::internal_error("cannot delete " + path.string() + ": " + ec.message());
  return std::nullopt;
}

identity::Json provisioned_volume(const identity::PersistentVolumeClaim& claim,
                                  const identity::StorageClass& storage_class,
                                  const fs::path& dir) {
  identity::PersistentVolume volume;
  volume.api_version = identity::PersistentVolume::kApiVersion;
  volume.kind = identity::PersistentVolume::kKind;
  volume.metadata.name = "pvc-" + claim.metadata.uid;
  volume.metadata.annotations[std::string(kProvisionedByAnnotation)] = storage_class.provisioner;
  volume.metadata.annotations[std::string(kBoundByControllerAnnotation)] = "yes";
  volume.spec.capacity_storage = claim.spec.storage_request;
  volume.spec.access_modes = claim.spec.access_modes;
  volume.spec.volume_mode = claim.spec.volume_mode;
  volume.spec.storage_class_name = storage_class.metadata.name;
  volume.spec.persistent_volume_reclaim_policy =
      storage_class.reclaim_policy.empty() ? "Delete" : storage_class.reclaim_policy;
  volume.spec.claim_ref = claim_reference(claim);
  volume.spec.host_path = identity::Json{{"path", dir.string()}, {"type", "DirectoryOrCreate"}};
  identity::Json out = volume.to_json();
  // As Kubernetes' provisioning does, the class's mount options travel to its volumes.
  if (const auto it = storage_class.original.find("mountOptions");
      storage_class.original.is_object() && it != storage_class.original.end())
    out["spec"]["mountOptions"] = *it;
  return out;
}

}  // namespace ordinal::controller
