#pragma once
// The built-in provisioner behind every StorageClass (statefulset.md SS-15.5, SS-15.8): a
// provisioned volume is a directory `<root>/<volume name>` on this machine, served to pods as a
// hostPath. It deletes only what it could have made, a direct child of its root, so a volume
// that points elsewhere (a hand-made PV, an edited path, a symlink out of the root) never loses
// data through it.
//
// Thread-safety: no shared state beyond the file system; one caller per volume at a time.
#include <filesystem>
#include <optional>
#include <string>

#include "identity/api_error.hpp"
#include "identity/json.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/storage_class.hpp"

namespace ordinal::controller {

class LocalProvisioner {
 public:
  /// `root` is made absolute against the current directory now; it is created on first use.
  explicit LocalProvisioner(std::filesystem::path root);

  /// Creates `<root>/<volume_name>` (and the root) when missing and returns its absolute path.
  /// Idempotent: an existing directory is reused, so a retried provisioning finds its data.
  /// Fails (500) for a name that is not a single path component or when the file system does.
  identity::Result<std::filesystem::path> provision(const std::string& volume_name) const;

  /// Whether `path` is a direct child of the root once symlinks in the existing part of both
  /// are resolved: the only paths remove() touches.
  [[nodiscard]] bool owns(const std::filesystem::path& path) const;

  /// Removes `path` and its contents when owns(path); a path already gone is success. nullopt
  /// on success, else the error (a path outside the root is refused, nothing is removed).
  [[nodiscard]] std::optional<identity::ApiError> remove(const std::filesystem::path& path) const;

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

/// The PersistentVolume provisioned for `claim` from `storage_class` in `dir` (SS-15.5): named
/// `pvc-<claim uid>`, the claim's request as capacity, its access modes and volume mode, the
/// class's name and reclaim policy ("Delete" when unset), already reserved for the claim
/// (`claimRef` with its UID), a `hostPath` of type DirectoryOrCreate at `dir`, and the
/// annotations `pv.kubernetes.io/provisioned-by: <provisioner>` and
/// `pv.kubernetes.io/bound-by-controller: "yes"`. Status is left to the binder.
[[nodiscard]] identity::Json provisioned_volume(const identity::PersistentVolumeClaim& claim,
                                                const identity::StorageClass& storage_class,
                                                const std::filesystem::path& dir);

}  // namespace ordinal::controller
