#pragma once
// `ordinal peers --template FILE`: a configuration file with the peer list and the caller's own
// identity filled in. Placeholders are `{{name}}` with optional spaces inside the braces.
#include <optional>
#include <string>
#include <vector>

#include "tools/cli/peer_list.hpp"

namespace ordinal::cli {

struct TemplateContext {
  std::vector<Peer> peers;
  std::string separator = ",";       ///< joins {{peers}} and {{peer_fqdns}}
  std::optional<SelfIdentity> self;  ///< --self; needed by {{ordinal}}, {{fqdn}}, ...
};

/// Replaces in `text`:
/// - `{{ordinal}}`, `{{ordinal_plus_one}}`, `{{fqdn}}`, `{{name}}`: the caller's identity;
/// - `{{peers}}`: `fqdn:port` of every member, joined with the separator;
/// - `{{peer_fqdns}}`: the members' names, joined with the separator;
/// - `{{peer_addresses}}`: `address:port` of every member (its first A/AAAA record, IPv6 in
///   brackets), joined with the separator, for programs that need addresses rather than names
///   (Redis Cluster's CLUSTER MEET); a member without an address is an error.
/// Throws std::invalid_argument, naming `source` and the line of each, for unknown placeholders
/// (all of them at once), an unclosed `{{`, or an identity placeholder without a self.
std::string render_template(const std::string& text, const TemplateContext& context,
                            const std::string& source);

}  // namespace ordinal::cli
