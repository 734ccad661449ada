// describe for PersistentVolumeClaims and PersistentVolumes, as kubectl prints them.
#include <algorithm>

#include "tools/cli/describe_printers.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

std::string access_modes(const Json& modes) {
  static const std::vector<std::pair<std::string, std::string>> short_names = {
      {"ReadWriteOnce", "RWO"},
      {"ReadOnlyMany", "ROX"},
      {"ReadWriteMany", "RWX"},
      {"ReadWriteOncePod", "RWOP"}};
  std::string out;
  // kubectl lists them in this fixed order, whatever the object's order.
  for (const auto& [mode, abbreviation] : short_names)
    if (modes.is_array() && std::find(modes.begin(), modes.end(), Json(mode)) != modes.end())
      out += (out.empty() ? "" : ",") + abbreviation;
  return out;
}

std::string finalizers(const Json& object) {
  std::string out;
  for (const auto& f : object.value("/metadata/finalizers"_json_pointer, Json::array()))
    out += (out.empty() ? "" : " ") + f.get<std::string>();
  return "[" + out + "]";
}

void status_line(TabWriter& w, const DescribeContext& context) {
  const Json& object = context.object;
  if (!text_at(object, "/metadata/deletionTimestamp").empty())
    w.write(0, "Status:\tTerminating (lasts " +
                   age_of(text_at(object, "/metadata/deletionTimestamp"), context.now) + ")\n");
  else
    w.write(0, "Status:\t" + text_at(object, "/status/phase") + "\n");
}

void volume_source(TabWriter& w, const Json& spec) {
  w.write(0, "Source:\n");
  if (spec.contains("hostPath"))
    w.write(0, "    Type:\tHostPath (bare host directory volume)\n    Path:\t" +
                   text_at(spec, "/hostPath/path") + "\n    HostPathType:\t" +
                   text_at(spec, "/hostPath/type") + "\n");
  else if (spec.contains("local"))
    w.write(0,
            "    Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n"
            "    Path:\t" +
                text_at(spec, "/local/path") + "\n");
  else if (spec.contains("csi"))
    w.write(0, "    Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t" +
                   text_at(spec, "/csi/driver") + "\n    VolumeHandle:\t" +
                   text_at(spec, "/csi/volumeHandle") + "\n");
  else
    w.write(0, "    <unknown>\n");
}

void node_affinity(TabWriter& w, const Json& spec) {
  const Json terms =
      spec.value("/nodeAffinity/required/nodeSelectorTerms"_json_pointer, Json::array());
  if (terms.empty()) {
    w.write(0, "Node Affinity:\t<none>\n");
    return;
  }
  w.write(0, "Node Affinity:\t\n");
  w.write(1, "Required Terms:\t\n");
  for (std::size_t i = 0; i < terms.size(); ++i) {
    w.write(2, "Term " + std::to_string(i) + ":\t");
    bool first = true;
    for (const auto& e : terms[i].value("matchExpressions", Json::array())) {
      std::string values;
      for (const auto& v : e.value("values", Json::array()))
        values += (values.empty() ? "" : ", ") + v.get<std::string>();
      w.write(0, std::string(first ? "" : "\t\t\t") + e.value("key", "") + " " +
                     e.value("operator", "") + " [" + values + "]\n");
      first = false;
    }
    if (first) w.write(0, "<none>\n");
  }
}

}  // namespace

void describe_claim(TabWriter& w, const DescribeContext& context) {
  const Json& claim = context.object;
  w.write(0, "Name:\t" + text_at(claim, "/metadata/name") + "\n");
  w.write(0, "Namespace:\t" + text_at(claim, "/metadata/namespace") + "\n");
  w.write(0, "StorageClass:\t" + text_at(claim, "/spec/storageClassName") + "\n");
  status_line(w, context);
  w.write(0, "Volume:\t" + text_at(claim, "/spec/volumeName") + "\n");
  print_labels(w, "", "Labels", claim.value("/metadata/labels"_json_pointer, Json::object()));
  print_annotations(w, "", "Annotations",
                    claim.value("/metadata/annotations"_json_pointer, Json::object()));
  w.write(0, "Finalizers:\t" + finalizers(claim) + "\n");
  // As kubectl: capacity and modes are the bound volume's, shown only once bound.
  const bool bound = !text_at(claim, "/spec/volumeName").empty();
  w.write(0, "Capacity:\t" + (bound ? text_at(claim, "/status/capacity/storage") : "") + "\n");
  w.write(0,
          "Access Modes:\t" +
              (bound ? access_modes(claim.value("/status/accessModes"_json_pointer, Json())) : "") +
              "\n");
  if (!text_at(claim, "/spec/volumeMode").empty())
    w.write(0, "VolumeMode:\t" + text_at(claim, "/spec/volumeMode") + "\n");
  w.write(0, "Used By:\t");
  if (context.related.empty()) w.write(0, "<none>\n");
  for (std::size_t i = 0; i < context.related.size(); ++i)
    w.write(0, (i == 0 ? "" : "\t") + text_at(context.related[i], "/metadata/name") + "\n");
}

void describe_volume(TabWriter& w, const DescribeContext& context) {
  const Json& volume = context.object;
  const Json spec = volume.value("spec", Json::object());
  w.write(0, "Name:\t" + text_at(volume, "/metadata/name") + "\n");
  print_labels(w, "", "Labels", volume.value("/metadata/labels"_json_pointer, Json::object()));
  print_annotations(w, "", "Annotations",
                    volume.value("/metadata/annotations"_json_pointer, Json::object()));
  w.write(0, "Finalizers:\t" + finalizers(volume) + "\n");
  w.write(0, "StorageClass:\t" + text_at(spec, "/storageClassName") + "\n");
  status_line(w, context);
  const std::string claim = text_at(spec, "/claimRef/name");
  w.write(0, "Claim:\t" +
                 (claim.empty() ? "" : text_at(spec, "/claimRef/namespace") + "/" + claim) + "\n");
  w.write(0, "Reclaim Policy:\t" + text_at(spec, "/persistentVolumeReclaimPolicy") + "\n");
  w.write(0, "Access Modes:\t" + access_modes(spec.value("accessModes", Json())) + "\n");
  if (!text_at(spec, "/volumeMode").empty())
    w.write(0, "VolumeMode:\t" + text_at(spec, "/volumeMode") + "\n");
  w.write(0, "Capacity:\t" + text_at(spec, "/capacity/storage", "0") + "\n");
  node_affinity(w, spec);
  w.write(0, "Message:\t" + text_at(volume, "/status/message") + "\n");
  volume_source(w, spec);
}

}  // namespace ordinal::cli
