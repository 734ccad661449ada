// Kubernetes's field.Error wording and name rules (apimachinery util/validation).
#include "identity/label_syntax.hpp"
#include "identity/validation_rules.hpp"

namespace ordinal::identity {
namespace {

const char* const kLabelFormat =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
    "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const char* const kSubdomainFormat =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const char* const kDns1035Format =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
    "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const char* const kQualifiedNameFormat =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
    "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const char* const kLabelValueFormat =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

bool lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool is_label_syntax(std::string_view s) {
  if (s.empty() || !lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '-') return false;
  return true;
}

void add(Causes& out, const char* reason, const std::string& field, std::string message) {
  out.push_back({reason, std::move(message), field});
}

}  // namespace

std::string render_value(const Json& value) {
  if (value.is_string() || value.is_number() || value.is_boolean()) return value.dump();
  if (value.is_null()) return "null";
  if (value.is_object()) {
    bool strings = true;
    for (const auto& [k, v] : value.items()) strings = strings && v.is_string();
    if (strings) {
      std::string out = "map[string]string{";
      bool first = true;
      for (const auto& [k, v] : value.items()) {
        out += (first ? "" : ", ") + Json(k).dump() + ":" + v.dump();
        first = false;
      }
      return out + "}";
    }
  }
  return value.dump();
}

void add_required(Causes& out, const std::string& field, const std::string& detail) {
  add(out, "FieldValueRequired", field,
      detail.empty() ? "Required value" : "Required value: " + detail);
}

void add_invalid(Causes& out, const std::string& field, const Json& value,
                 const std::string& detail) {
  std::string message = "Invalid value: " + render_value(value);
  if (!detail.empty()) message += ": " + detail;
  add(out, "FieldValueInvalid", field, std::move(message));
}

void add_not_supported(Causes& out, const std::string& field, const Json& value,
                       const std::vector<std::string>& supported) {
  std::string message = "Unsupported value: " + render_value(value);
  if (!supported.empty()) {
    message += ": supported values: ";
    for (std::size_t i = 0; i < supported.size(); ++i)
      message += (i > 0 ? ", \"" : "\"") + supported[i] + "\"";
  }
  add(out, "FieldValueNotSupported", field, std::move(message));
}

void add_duplicate(Causes& out, const std::string& field, const Json& value) {
  add(out, "FieldValueDuplicate", field, "Duplicate value: " + render_value(value));
}

void add_forbidden(Causes& out, const std::string& field, const std::string& detail) {
  add(out, "FieldValueForbidden", field, "Forbidden: " + detail);
}

void add_not_found(Causes& out, const std::string& field, const Json& value) {
  add(out, "FieldValueNotFound", field, "Not found: " + render_value(value));
}

std::vector<std::string> dns1123_label_errors(std::string_view name) {
  std::vector<std::string> errs;
  if (name.size() > 63) errs.emplace_back("must be no more than 63 characters");
  if (!is_label_syntax(name)) errs.emplace_back(kLabelFormat);
  return errs;
}

std::vector<std::string> dns1123_subdomain_errors(std::string_view name) {
  std::vector<std::string> errs;
  if (name.size() > 253) errs.emplace_back("must be no more than 253 characters");
  bool ok = !name.empty();
  std::size_t start = 0;
  while (ok && start <= name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    ok = is_label_syntax(name.substr(start, dot - start));
    start = dot + 1;
  }
  if (!ok) errs.emplace_back(kSubdomainFormat);
  return errs;
}

std::vector<std::string> dns1035_label_errors(std::string_view name) {
  std::vector<std::string> errs;
  if (name.size() > 63) errs.emplace_back("must be no more than 63 characters");
  if (!is_label_syntax(name) || !(name.front() >= 'a' && name.front() <= 'z'))
    errs.emplace_back(kDns1035Format);
  return errs;
}

std::vector<std::string> qualified_name_errors(std::string_view name) {
  std::vector<std::string> errs;
  std::string_view part = name;
  if (const std::size_t slash = name.find('/'); slash != std::string_view::npos) {
    if (name.find('/', slash + 1) != std::string_view::npos) {
      errs.emplace_back(
          std::string("a qualified name must consist of alphanumeric characters, "
                      "'-', '_' or '.', and must start and end with an alphanumeric "
                      "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
                      "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?"
                      "[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                      "(e.g. 'example.com/MyName')"));
      return errs;
    }
    const std::string_view prefix = name.substr(0, slash);
    part = name.substr(slash + 1);
    if (prefix.empty())
      errs.emplace_back("prefix part must be non-empty");
    else
      for (const auto& e : dns1123_subdomain_errors(prefix)) errs.push_back("prefix part " + e);
  }
  if (part.empty()) {
    errs.emplace_back("name part must be non-empty");
    return errs;
  }
  if (part.size() > 63) errs.emplace_back("name part must be no more than 63 characters");
  if (!is_qualified_name_syntax(part)) errs.emplace_back(kQualifiedNameFormat);
  return errs;
}

std::vector<std::string> label_value_errors(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > 63) errs.emplace_back("must be no more than 63 characters");
  if (!value.empty() && !is_qualified_name_syntax(value)) errs.emplace_back(kLabelValueFormat);
  return errs;
}

// IANA_SVC_NAME (RFC 6335), as Kubernetes checks port names.
std::vector<std::string> port_name_errors(std::string_view name) {
  std::vector<std::string> errs;
  if (name.size() > 15) errs.emplace_back("must be no more than 15 characters");
  bool chars_ok = true;
  bool has_letter = false;
  for (char c : name) {
    chars_ok = chars_ok && (lower_alnum(c) || c == '-');
    has_letter = has_letter || (c >= 'a' && c <= 'z');
  }
  if (!chars_ok)
    errs.emplace_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (name.find("--") != std::string_view::npos)
    errs.emplace_back("must not contain consecutive hyphens");
  if (!has_letter) errs.emplace_back("must contain at least one letter (a-z)");
  if (!name.empty() && (name.front() == '-' || name.back() == '-'))
    errs.emplace_back("must not begin or end with a hyphen");
  return errs;
}

const Json& field_of(const Json& object, std::string_view key) {
  static const Json null_value;
  if (!object.is_object()) return null_value;
  const auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

}  // namespace ordinal::identity
