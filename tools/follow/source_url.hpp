#pragma once
// The --follow URL: where the source API is and how to reach it.
#include <string>

namespace ordinal::follow {

struct SourceUrl {
  bool tls = false;       ///< https://
  std::string host;       ///< name or address, without IPv6 brackets
  std::string port;       ///< "443", "80" or as given
  std::string base_path;  ///< prefix before /api..., without a trailing slash; often ""

  /// The Host header: host[:port], IPv6 in brackets.
  [[nodiscard]] std::string host_header() const;
  /// "https://host:port/base": the URL as the user would write it again.
  [[nodiscard]] std::string to_string() const;
};

/// Parses "http://HOST[:PORT][/PATH]" or "https://...". Throws std::invalid_argument saying
/// what is wrong.
SourceUrl parse_source_url(const std::string& text);

}  // namespace ordinal::follow
