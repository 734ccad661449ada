#include "tools/api/authenticator.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "tools/api/api_response.hpp"
#include "tools/api/trim.hpp"

namespace ordinal::api {
namespace {

// One CSV record (RFC 4180 quoting, spaces around unquoted fields trimmed).
std::vector<std::string> csv_fields(std::string_view line, std::size_t number) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  for (;;) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::string field;
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i >= line.size())
          throw TokenFileError("line " + std::to_string(number) + ": unterminated quoted field");
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (line[i] == '"') {
          ++i;
          break;
        } else {
          field += line[i];
        }
      }
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i < line.size() && line[i] != ',')
        throw TokenFileError("line " + std::to_string(number) +
                             ": unexpected text after a quoted field");
    } else {
      const std::size_t comma = std::min(line.find(',', i), line.size());
      field = std::string(trim(line.substr(i, comma - i)));
      i = comma;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return fields;
    ++i;  // the comma
  }
}

std::vector<std::string> split_groups(const std::string& text) {
  std::vector<std::string> groups;
  std::istringstream in(text);
  for (std::string group; std::getline(in, group, ',');)
    if (auto g = trim(group); !g.empty()) groups.emplace_back(g);
  return groups;
}

std::array<unsigned char, 32> sha256(std::string_view text) {
  std::array<unsigned char, 32> digest{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != digest.size())
    throw std::runtime_error("SHA-256 is not available");
  return digest;
}

// The token of an `Authorization: Bearer <token>` header, as kube-apiserver reads it.
std::string bearer_token(const ApiRequest& request) {
  const std::string value = header_value(request, "authorization");
  const auto space = value.find(' ');
  if (space == std::string::npos) return "";
  std::string scheme = value.substr(0, space);
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer") return "";
  std::string token = value.substr(space + 1);
  if (const auto end = token.find(' '); end != std::string::npos) token.resize(end);
  return token;
}

}  // namespace

std::vector<TokenEntry> parse_token_file(std::string_view text) {
  std::vector<TokenEntry> entries;
  std::set<std::string> seen;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t nl = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(std::min(nl + 1, text.size()));
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line).front() == '#') continue;
    auto fields = csv_fields(line, number);
    const std::string where = "line " + std::to_string(number) + ": ";
    if (fields.size() < 3)
      throw TokenFileError(where +
                           "expected at least 3 columns (token, user name, user uid), found " +
                           std::to_string(fields.size()));
    if (fields[0].empty()) throw TokenFileError(where + "empty token");
    if (fields[1].empty()) throw TokenFileError(where + "empty user name");
    if (!seen.insert(fields[0]).second) throw TokenFileError(where + "the token is given twice");
    TokenEntry entry{fields[0], fields[1], fields[2], {}};
    if (fields.size() > 3) entry.groups = split_groups(fields[3]);
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<TokenEntry> load_token_file(const std::string& path,
                                        std::vector<std::string>& warnings) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TokenFileError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    warnings.push_back("--token-file " + path + " is readable by others (mode " + mode +
                       "); chmod 600 it");
  }
  try {
    auto entries = parse_token_file(text.str());
    if (entries.empty()) throw TokenFileError("no tokens");
    return entries;
  } catch (const TokenFileError& e) {
    throw TokenFileError("--token-file " + path + ": " + e.what());
  }
}

bool is_health_path(std::string_view target) {
  target = target.substr(0, target.find('?'));
  for (std::string_view path : {"/healthz", "/livez", "/readyz"})
    if (target.substr(0, path.size()) == path &&
        (target.size() == path.size() || target[path.size()] == '/'))
      return true;
  return false;
}

Authenticator::Authenticator(const std::vector<TokenEntry>& tokens, bool client_certificates)
    : certificates_(client_certificates) {
  for (const auto& entry : tokens) tokens_.push_back({sha256(entry.token), entry.user});
}

std::optional<std::string> Authenticator::user_of(const ApiRequest& request,
                                                  const std::string& certificate_user) const {
  if (certificates_ && !certificate_user.empty()) return certificate_user;
  const std::string token = bearer_token(request);
  if (token.empty() || tokens_.empty()) return std::nullopt;
  const Digest presented = sha256(token);
  const Known* match = nullptr;
  for (const auto& known : tokens_)  // every entry, whatever matched before
    if (CRYPTO_memcmp(known.digest.data(), presented.data(), presented.size()) == 0) match = &known;
  if (match == nullptr) return std::nullopt;
  return match->user;
}

std::optional<ApiResponse> Authenticator::refuse(const ApiRequest& request,
                                                 const std::string& certificate_user) const {
  if (!enabled() || is_health_path(request.target)) return std::nullopt;
  if (user_of(request, certificate_user)) return std::nullopt;
  identity::ApiError error;
  error.code = 401;
  error.reason = "Unauthorized";
  error.message = "Unauthorized";
  ApiResponse response = error_response(error);
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

}  // namespace ordinal::api
