#pragma once
// The one list of core/v1 volume source names that is used in more than one place: the pod
// and PersistentVolume schemas accept the ones they do not model as unchecked objects
// (schema_pod.cpp, schema_core.cpp), and PersistentVolume validation requires exactly one of
// its sources (validation_core.cpp). Constant data; safe from any thread.
#include <array>
#include <string_view>

namespace ordinal::identity {

/// Where a volume source may be given.
enum class VolumeSourceScope {
  Pod,               ///< only in a pod's `spec.volumes[*]`
  PersistentVolume,  ///< only in a PersistentVolume's `spec`
  Both,
};

struct VolumeSourceName {
  std::string_view name;  ///< the JSON field, e.g. "awsElasticBlockStore"
  VolumeSourceScope scope;

  /// The source may be given where `where` (Pod or PersistentVolume) says.
  [[nodiscard]] constexpr bool used_in(VolumeSourceScope where) const {
    return scope == VolumeSourceScope::Both || scope == where;
  }
};

/// In the order the schemas list them (which decides ties between "did you mean" suggestions).
/// Pod sources that only pods have and that pod schemas model field by field (emptyDir,
/// configMap, secret, ...) are not listed.
inline constexpr auto kVolumeSources = std::to_array<VolumeSourceName>({
    {"hostPath", VolumeSourceScope::Both},
    {"local", VolumeSourceScope::PersistentVolume},
    {"nfs", VolumeSourceScope::Both},
    {"csi", VolumeSourceScope::Both},
    {"ephemeral", VolumeSourceScope::Pod},
    {"image", VolumeSourceScope::Pod},
    {"iscsi", VolumeSourceScope::Both},
    {"awsElasticBlockStore", VolumeSourceScope::Both},
    {"gcePersistentDisk", VolumeSourceScope::Both},
    {"gitRepo", VolumeSourceScope::Pod},
    {"glusterfs", VolumeSourceScope::Both},
    {"rbd", VolumeSourceScope::Both},
    {"flexVolume", VolumeSourceScope::Both},
    {"cinder", VolumeSourceScope::Both},
    {"cephfs", VolumeSourceScope::Both},
    {"flocker", VolumeSourceScope::Both},
    {"fc", VolumeSourceScope::Both},
    {"azureFile", VolumeSourceScope::Both},
    {"azureDisk", VolumeSourceScope::Both},
    {"vsphereVolume", VolumeSourceScope::Both},
    {"quobyte", VolumeSourceScope::Both},
    {"photonPersistentDisk", VolumeSourceScope::Both},
    {"portworxVolume", VolumeSourceScope::Both},
    {"scaleIO", VolumeSourceScope::Both},
    {"storageos", VolumeSourceScope::Both},
});

}  // namespace ordinal::identity
