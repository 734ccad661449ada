#include "tools/follow/source_url.hpp"

#include <cctype>
#include <stdexcept>

namespace ordinal::follow {
namespace {

bool is_digits(const std::string& text) {
  if (text.empty() || text.size() > 5) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return std::stoul(text) <= 65535;
}

}  // namespace

std::string SourceUrl::host_header() const {
  const bool v6 = host.find(':') != std::string::npos;
  const std::string name = v6 ? "[" + host + "]" : host;
  const bool default_port = (tls && port == "443") || (!tls && port == "80");
  return default_port ? name : name + ":" + port;
}

std::string SourceUrl::to_string() const {
  return std::string(tls ? "https://" : "http://") + host_header() + base_path;
}

SourceUrl parse_source_url(const std::string& text) {
  auto bad = [&](const std::string& why) {
    return std::invalid_argument("--follow \"" + text + "\": " + why +
                                 " (expected http://HOST[:PORT] or https://HOST[:PORT])");
  };
  SourceUrl url;
  std::string rest;
  if (text.rfind("https://", 0) == 0) {
    url.tls = true;
    rest = text.substr(8);
  } else if (text.rfind("http://", 0) == 0) {
    rest = text.substr(7);
  } else {
    throw bad("unknown scheme");
  }
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) url.base_path = rest.substr(slash);
  while (!url.base_path.empty() && url.base_path.back() == '/') url.base_path.pop_back();
  if (url.base_path.find_first_of("?#") != std::string::npos) throw bad("no query or fragment");
  if (authority.find('@') != std::string::npos) throw bad("credentials go in --token-file");
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) throw bad("unclosed [");
    url.host = authority.substr(1, close - 1);
    const std::string after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw bad("bad port");
      url.port = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    url.host = authority.substr(0, colon);
    if (colon != std::string::npos) url.port = authority.substr(colon + 1);
  }
  if (url.host.empty()) throw bad("no host");
  if (url.port.empty()) url.port = url.tls ? "443" : "80";
  if (!is_digits(url.port)) throw bad("bad port");
  return url;
}

}  // namespace ordinal::follow
