#include "controller/pod_identity.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "controller/naming.hpp"
#include "controller/owner_reference.hpp"
#include "identity/volume.hpp"

namespace ordinal::controller {
namespace {

bool is_template_name(const identity::StatefulSet& set, const std::string& name) {
  const auto& templates = set.spec.volume_claim_templates;
  return std::any_of(templates.begin(), templates.end(),
                     [&name](const auto& claim) { return claim.metadata.name == name; });
}

std::string label(const identity::Pod& pod, std::string_view key) {
  return std::string(pod.metadata.label(key));
}

}  // namespace

bool identity_matches(const identity::StatefulSet& set, const identity::Pod& pod) {
  const PodNameParts parts = split_pod_name(pod.metadata.name);
  return parts.ordinal >= 0 && parts.parent == set.metadata.name &&
         pod.metadata.name == pod_name(set, parts.ordinal) && pod.metadata.ns == set.metadata.ns &&
         label(pod, kPodNameLabel) == pod.metadata.name;
}

bool storage_matches(const identity::StatefulSet& set, const identity::Pod& pod) {
  const std::int32_t ordinal = parse_ordinal(pod.metadata.name);
  if (ordinal < 0) return false;
  for (const identity::PersistentVolumeClaim& claim : set.spec.volume_claim_templates) {
    const identity::Volume* volume = pod.spec.find_volume(claim.metadata.name);
    if (volume == nullptr || !volume->persistent_volume_claim ||
        volume->persistent_volume_claim->claim_name != claim_name(claim, set, ordinal))
      return false;
  }
  return true;
}

identity::Json new_pod(const identity::StatefulSet& set, std::int32_t ordinal,
                       const std::string& revision_name) {
  const identity::PodTemplateSpec& pod_template = set.spec.pod_template;
  identity::Pod pod;
  pod.api_version = std::string(identity::Pod::kApiVersion);
  pod.kind = std::string(identity::Pod::kKind);
  // Only these three come from the template's metadata (SS-3.2); its name, namespace or owner
  // references, if written, would be wrong for the pod.
  pod.metadata.labels = pod_template.metadata.labels;
  pod.metadata.annotations = pod_template.metadata.annotations;
  pod.metadata.finalizers = pod_template.metadata.finalizers;
  pod.metadata.owner_references.push_back(controller_reference(set));
  pod.metadata.name = pod_name(set, ordinal);
  // The spec view carries the template's whole JSON, so unmodelled fields come along.
  pod.spec = pod_template.spec;
  update_identity(set, pod);
  // Written only here: both fields are immutable once the pod exists (SS-3.4).
  pod.spec.hostname = pod.metadata.name;
  pod.spec.subdomain = set.spec.service_name;
  update_storage(set, pod);
  pod.metadata.labels[std::string(kRevisionLabel)] = revision_name;
  return pod.to_json();
}

void update_identity(const identity::StatefulSet& set, identity::Pod& pod) {
  const std::int32_t ordinal = parse_ordinal(pod.metadata.name);
  if (ordinal < 0) return;
  pod.metadata.name = pod_name(set, ordinal);
  pod.metadata.ns = set.metadata.ns;
  pod.metadata.labels[std::string(kPodNameLabel)] = pod.metadata.name;
  pod.metadata.labels[std::string(kPodIndexLabel)] = std::to_string(ordinal);
}

void update_storage(const identity::StatefulSet& set, identity::Pod& pod) {
  const std::int32_t ordinal = parse_ordinal(pod.metadata.name);
  if (ordinal < 0) return;
  std::vector<identity::Volume> volumes;
  volumes.reserve(set.spec.volume_claim_templates.size() + pod.spec.volumes.size());
  for (const identity::PersistentVolumeClaim& claim : set.spec.volume_claim_templates)
    volumes.push_back(
        identity::Volume::for_claim(claim.metadata.name, claim_name(claim, set, ordinal)));
  for (identity::Volume& volume : pod.spec.volumes)
    if (!is_template_name(set, volume.name)) volumes.push_back(std::move(volume));
  pod.spec.volumes = std::move(volumes);
}

}  // namespace ordinal::controller
