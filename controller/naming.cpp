#include "controller/naming.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "identity/label_selector.hpp"

namespace ordinal::controller {

PodNameParts split_pod_name(std::string_view pod_name) {
  const std::size_t dash = pod_name.rfind('-');
  if (dash == std::string_view::npos) return {};
  const std::string_view digits = pod_name.substr(dash + 1);
  const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!all_digits) return {};
  PodNameParts parts;
  parts.parent = std::string(pod_name.substr(0, dash));
  std::int32_t value = 0;
  const char* last = digits.data() + digits.size();
  const auto [end, error] = std::from_chars(digits.data(), last, value);
  // Leading zeros are accepted ("web-007" is ordinal 7; the identity check then fails on the
  // name); a value beyond INT32_MAX is "no ordinal", not a wrapped number.
  if (error == std::errc() && end == last) parts.ordinal = value;
  return parts;
}

std::int32_t parse_ordinal(std::string_view pod_name) {
  return split_pod_name(pod_name).ordinal;
}

std::string parent_name(std::string_view pod_name) {
  return split_pod_name(pod_name).parent;
}

std::string pod_name(const identity::StatefulSet& set, std::int32_t ordinal) {
  return set.metadata.name + "-" + std::to_string(ordinal);
}

std::string claim_name(const identity::PersistentVolumeClaim& claim_template,
                       const identity::StatefulSet& set, std::int32_t ordinal) {
  return claim_template.metadata.name + "-" + pod_name(set, ordinal);
}

bool in_range(const identity::StatefulSet& set, std::int32_t ordinal) {
  // 64-bit so that a start near INT32_MAX plus replicas cannot overflow.
  const std::int64_t start = set.start_ordinal();
  const std::int64_t end = start + set.desired_replicas() - 1;
  return ordinal >= start && ordinal <= end;
}

bool is_member_of(const identity::StatefulSet& set, const identity::Pod& pod) {
  return is_member_of(set, identity::LabelSelector::from_json(set.spec.selector), pod);
}

bool is_member_of(const identity::StatefulSet& set,
                  const std::optional<identity::LabelSelector>& selector,
                  const identity::Pod& pod) {
  if (pod.metadata.ns != set.metadata.ns) return false;
  if (parent_name(pod.metadata.name) != set.metadata.name) return false;
  return selector.has_value() && selector->matches(pod.metadata.labels);
}

}  // namespace ordinal::controller
