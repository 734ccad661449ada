#include "controller/revision_hash.hpp"

#include <string>
#include <utility>

#include "controller/owner_reference.hpp"
#include "identity/controller_revision.hpp"

namespace ordinal::controller {
namespace {

// Go's encoder escapes these for safe embedding in HTML; nlohmann's does not. Outside strings
// none of them can occur in compact JSON, so replacing every occurrence is exact.
std::string go_html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

identity::Json revision_data(const identity::StatefulSet& set) {
  identity::Json pod_template = set.spec.pod_template.to_json();
  if (!pod_template.is_object()) pod_template = identity::Json::object();
  pod_template["$patch"] = "replace";
  return {{"spec", {{"template", std::move(pod_template)}}}};
}

std::string encode_revision_data(const identity::Json& data) {
  // identity::Json keeps object keys in a std::map, so dump() already sorts them bytewise.
  return go_html_escape(data.dump(-1, ' ', false, identity::Json::error_handler_t::replace));
}

std::uint32_t fnv1_32(std::string_view bytes) {
  std::uint32_t hash = 2166136261U;
  for (const char c : bytes) {
    hash *= 16777619U;
    hash ^= static_cast<std::uint8_t>(c);
  }
  return hash;
}

std::string safe_encode(std::string_view text) {
  static constexpr std::string_view kAlphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) out += kAlphabet[static_cast<std::uint8_t>(c) % kAlphabet.size()];
  return out;
}

std::string revision_hash(const identity::Json& data, std::optional<std::int32_t> collision_count) {
  std::string bytes = encode_revision_data(data);
  if (collision_count) bytes += std::to_string(*collision_count);
  return safe_encode(std::to_string(fnv1_32(bytes)));
}

std::string revision_name(std::string_view set_name, std::string_view hash) {
  return std::string(set_name.substr(0, 223)) + "-" + std::string(hash);
}

identity::Json new_revision(const identity::StatefulSet& set, std::int64_t revision,
                            std::int32_t collision_count) {
  identity::ControllerRevision out;
  out.api_version = std::string(identity::ControllerRevision::kApiVersion);
  out.kind = std::string(identity::ControllerRevision::kKind);
  out.data = revision_data(set);
  const std::string hash = revision_hash(out.data, collision_count);
  out.metadata.name = revision_name(set.metadata.name, hash);
  out.metadata.ns = set.metadata.ns;
  out.metadata.labels = set.spec.pod_template.metadata.labels;
  out.metadata.labels[std::string(kRevisionHashLabel)] = hash;
  out.metadata.annotations = set.metadata.annotations;
  out.metadata.owner_references.push_back(controller_reference(set));
  out.revision = revision;
  return out.to_json();
}

}  // namespace ordinal::controller
