#include "tools/cli/peers_template.hpp"

#include <algorithm>
#include <stdexcept>

#include "tools/cli/peers_format.hpp"

namespace ordinal::cli {
namespace {

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

std::string peer_fqdns(const TemplateContext& context) {
  std::string out;
  for (const auto& peer : context.peers) {
    if (!out.empty()) out += context.separator;
    out += peer.fqdn;
  }
  return out;
}

// `address:port` of every member; the names of those without an address go to `missing`.
std::string peer_addresses(const TemplateContext& context, std::vector<std::string>& missing) {
  std::string out;
  for (const auto& peer : context.peers) {
    if (peer.addresses.empty()) {
      missing.push_back(peer.fqdn);
      continue;
    }
    const std::string& address = peer.addresses.front();
    if (!out.empty()) out += context.separator;
    out += address.find(':') == std::string::npos ? address : "[" + address + "]";
    out += ":" + std::to_string(peer.port);
  }
  return out;
}

// The value of placeholder `key`; nullopt for an unknown key. A known identity key without a
// self is reported by the caller, so that all problems are listed together.
std::optional<std::string> value_of(const std::string& key, const TemplateContext& context,
                                    bool& needs_self, std::vector<std::string>& unresolved) {
  static const char* const kIdentity[] = {"ordinal", "ordinal_plus_one", "fqdn", "name"};
  if (key == "peers") return join_endpoints(context.peers, context.separator);
  if (key == "peer_fqdns") return peer_fqdns(context);
  if (key == "peer_addresses") return peer_addresses(context, unresolved);
  if (std::find(std::begin(kIdentity), std::end(kIdentity), key) == std::end(kIdentity))
    return std::nullopt;
  if (!context.self) {
    needs_self = true;
    return std::string();
  }
  const SelfIdentity& self = *context.self;
  if (key == "ordinal") return std::to_string(self.ordinal);
  if (key == "ordinal_plus_one") return std::to_string(self.ordinal + 1);
  if (key == "fqdn") return self.fqdn;
  return self.name;
}

// One message for every problem of the template, so a user fixes them in one go.
std::string problem_report(const std::string& source, std::vector<std::string> problems,
                           const std::vector<std::string>& identity_uses) {
  if (!identity_uses.empty()) {
    std::string uses;
    for (const auto& use : identity_uses) uses += (uses.empty() ? "" : ", ") + use;
    problems.push_back(uses + " need the caller's identity: add --self");
  }
  std::string message = source + ":";
  for (const auto& problem : problems) message += "\n  " + problem;
  return message +
         "\n  (known placeholders: {{ordinal}}, {{ordinal_plus_one}}, {{fqdn}}, {{name}}, "
         "{{peers}}, {{peer_fqdns}}, {{peer_addresses}})";
}

}  // namespace

std::string render_template(const std::string& text, const TemplateContext& context,
                            const std::string& source) {
  std::string out;
  std::vector<std::string> problems;
  std::vector<std::string> identity_uses;
  int line = 1;
  std::size_t at = 0;
  for (;;) {
    const auto open = text.find("{{", at);
    const auto chunk_end = open == std::string::npos ? text.size() : open;
    line +=
        static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(at),
                                    text.begin() + static_cast<std::ptrdiff_t>(chunk_end), '\n'));
    out.append(text, at, chunk_end - at);
    if (open == std::string::npos) break;
    const auto close = text.find("}}", open + 2);
    const auto newline = text.find('\n', open);
    if (close == std::string::npos || (newline != std::string::npos && newline < close)) {
      problems.push_back("line " + std::to_string(line) + ": \"{{\" is not closed by \"}}\"");
      out.append("{{");
      at = open + 2;
      continue;
    }
    const std::string key = trimmed(text.substr(open + 2, close - open - 2));
    bool needs_self = false;
    std::vector<std::string> unresolved;
    if (auto value = value_of(key, context, needs_self, unresolved))
      out += *value;
    else
      problems.push_back("line " + std::to_string(line) + ": unknown placeholder {{" + key + "}}");
    for (const auto& fqdn : unresolved)
      problems.push_back("line " + std::to_string(line) + ": {{" + key + "}}: " + fqdn +
                         " has no address");
    if (needs_self) identity_uses.push_back("{{" + key + "}} (line " + std::to_string(line) + ")");
    at = close + 2;
  }
  if (problems.empty() && identity_uses.empty()) return out;
  throw std::invalid_argument(problem_report(source, problems, identity_uses));
}

}  // namespace ordinal::cli
