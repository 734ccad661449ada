// The column lists of PersistentVolumeClaims, PersistentVolumes and StorageClasses.
#include "tools/api/print_cells.hpp"
#include "tools/api/print_columns.hpp"

namespace ordinal::api {
namespace {

using identity::Json;
using Clock = std::chrono::system_clock;

PrintColumn volume_mode_column() {
  return text_column(
      "VolumeMode", "Whether the volume is a filesystem or a raw block device.",
      [](const Json& o) { return value_text(o, "/spec/volumeMode", "Filesystem"); }, 1);
}

PrintColumn attributes_class_column() {
  return text_column(
      "VolumeAttributesClass", "The VolumeAttributesClass of the volume.",
      [](const Json& o) { return value_text(o, "/spec/volumeAttributesClassName", "<unset>"); });
}

PrintColumns claim_columns(Clock::time_point now) {
  return {
      name_column(),
      text_column("Status", "The phase of the claim.",
                  [](const Json& o) { return value_text(o, "/status/phase", "Pending"); }),
      text_column("Volume", "The PersistentVolume bound to the claim.",
                  [](const Json& o) { return value_text(o, "/spec/volumeName", ""); }),
      text_column("Capacity", "The storage the bound volume provides.",
                  [](const Json& o) { return value_text(o, "/status/capacity/storage", ""); }),
      text_column(
          "Access Modes", "The access modes of the bound volume.",
          [](const Json& o) { return access_modes_cell(value_at(o, "/status/accessModes")); }),
      text_column("StorageClass", "The StorageClass the claim asks for.",
                  [](const Json& o) { return value_text(o, "/spec/storageClassName", "<unset>"); }),
      attributes_class_column(),
      age_column(now),
      volume_mode_column()};
}

PrintColumns volume_columns(Clock::time_point now) {
  return {name_column(),
          text_column("Capacity", "The storage the volume provides.",
                      [](const Json& o) { return value_text(o, "/spec/capacity/storage", ""); }),
          text_column(
              "Access Modes", "The access modes of the volume.",
              [](const Json& o) { return access_modes_cell(value_at(o, "/spec/accessModes")); }),
          text_column("Reclaim Policy", "What happens to the volume when its claim goes.",
                      [](const Json& o) {
                        return value_text(o, "/spec/persistentVolumeReclaimPolicy", "");
                      }),
          text_column("Status", "The phase of the volume.",
                      [](const Json& o) { return value_text(o, "/status/phase", "Pending"); }),
          text_column("Claim", "The claim bound to the volume, namespace/name.", volume_claim_cell),
          text_column("StorageClass", "The StorageClass of the volume.",
                      [](const Json& o) { return value_text(o, "/spec/storageClassName", ""); }),
          attributes_class_column(),
          text_column("Reason", "Why the volume is in its phase.",
                      [](const Json& o) { return value_text(o, "/status/reason", ""); }),
          age_column(now),
          volume_mode_column()};
}

PrintColumns class_columns(Clock::time_point now) {
  return {
      name_column(),
      text_column("Provisioner", "The provisioner of the class's volumes.",
                  [](const Json& o) { return value_text(o, "/provisioner", ""); }),
      text_column("ReclaimPolicy", "The reclaim policy of provisioned volumes.",
                  [](const Json& o) { return value_text(o, "/reclaimPolicy", "Delete"); }),
      text_column("VolumeBindingMode", "When claims of the class are bound.",
                  [](const Json& o) { return value_text(o, "/volumeBindingMode", "Immediate"); }),
      text_column("AllowVolumeExpansion", "Whether claims of the class may grow.",
                  [](const Json& o) { return value_text(o, "/allowVolumeExpansion", "false"); }),
      age_column(now)};
}

}  // namespace

bool storage_columns(const std::string& kind, Clock::time_point now, PrintColumns& out) {
  if (kind == "PersistentVolumeClaim")
    out = claim_columns(now);
  else if (kind == "PersistentVolume")
    out = volume_columns(now);
  else if (kind == "StorageClass")
    out = class_columns(now);
  else
    return false;
  return true;
}

}  // namespace ordinal::api
