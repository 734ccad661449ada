#include "tools/api/cached_document.hpp"

#include <cstdint>
#include <cstdio>
#include <utility>

#include "tools/api/api_response.hpp"
#include "tools/api/trim.hpp"

namespace ordinal::api {
namespace {

// 64-bit FNV-1a: a validator only has to change when the bytes do.
std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

CachedDocument make_cached_document(const identity::Json& document, std::string content_type) {
  CachedDocument cached;
  cached.body = document.dump(-1, ' ', false, identity::Json::error_handler_t::replace);
  cached.content_type = std::move(content_type);
  char hex[19];
  std::snprintf(hex, sizeof hex, "%016llX", static_cast<unsigned long long>(fnv1a_64(cached.body)));
  cached.etag = "\"" + std::string(hex) + "\"";
  return cached;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view candidate = trim(if_none_match.substr(0, comma));
    if (candidate == "*") return true;
    if (candidate.substr(0, 2) == "W/") candidate.remove_prefix(2);
    if (!candidate.empty() && candidate == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

ApiResponse cached_response(const ApiRequest& request, const CachedDocument& document,
                            bool vary_accept) {
  ApiResponse response;
  response.content_type = document.content_type;
  response.headers.emplace_back("ETag", document.etag);
  if (vary_accept) response.headers.emplace_back("Vary", "Accept");
  if (etag_matches(header_value(request, "if-none-match"), document.etag)) {
    response.status = 304;
    return response;
  }
  response.status = 200;
  response.body = document.body;
  return response;
}

}  // namespace ordinal::api
