#include "identity/label_syntax.hpp"

#include <cctype>

namespace ordinal::identity {
namespace {

constexpr std::size_t kMaxNameLength = 63;
constexpr std::size_t kMaxPrefixLength = 253;

// A DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', alphanumeric at both ends.
bool is_subdomain(std::string_view s) {
  if (s.empty() || s.size() > kMaxPrefixLength) return false;
  auto lower_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '-' && c != '.') return false;
  return true;
}

}  // namespace

bool is_qualified_name_syntax(std::string_view name) {
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (name.empty() || !alnum(name.front()) || !alnum(name.back())) return false;
  for (char c : name)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::string label_key_error(std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  std::string_view name = key;
  if (const auto slash = key.find('/'); slash != std::string_view::npos) {
    if (!is_subdomain(key.substr(0, slash)))
      return "invalid label key " + quoted + ": prefix part must be a DNS-1123 subdomain";
    name = key.substr(slash + 1);
  }
  if (name.empty()) return "invalid label key " + quoted + ": name part must be non-empty";
  if (name.size() > kMaxNameLength)
    return "invalid label key " + quoted + ": name part must be no more than 63 characters";
  if (!is_qualified_name_syntax(name))
    return "invalid label key " + quoted +
           ": name part must consist of alphanumeric characters, '-', '_' or '.', and must start "
           "and end with an alphanumeric character";
  return {};
}

std::string label_value_error(std::string_view value) {
  if (value.empty()) return {};
  const std::string quoted = "\"" + std::string(value) + "\"";
  if (value.size() > kMaxNameLength)
    return "invalid label value " + quoted + ": must be no more than 63 characters";
  if (!is_qualified_name_syntax(value))
    return "invalid label value " + quoted +
           ": a valid label must be an empty string or consist of alphanumeric characters, '-', "
           "'_' or '.', and must start and end with an alphanumeric character";
  return {};
}

}  // namespace ordinal::identity
