#include "tools/cli/yaml_writer.hpp"

#include <cctype>
#include <regex>

namespace ordinal::cli {
namespace {

using identity::Json;

bool looks_like_other_type(const std::string& s) {
  static const std::regex special(
      R"(^(true|false|yes|no|on|off|y|n|null|~|True|False|TRUE|FALSE|Yes|No|YES|NO|On|Off|ON|OFF|Null|NULL|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$)");
  return std::regex_match(s, special);
}

bool needs_quotes(const std::string& s) {
  if (s.empty() || looks_like_other_type(s)) return true;
  if (std::isspace(static_cast<unsigned char>(s.front())) ||
      std::isspace(static_cast<unsigned char>(s.back())))
    return true;
  // "-", "?" and ":" start a plain scalar unless a space follows; the others never may.
  if (std::string("-?:").find(s.front()) != std::string::npos) {
    if (s.size() == 1 || s[1] == ' ') return true;
  } else if (std::string(",[]{}#&*!|>'\"%@`").find(s.front()) != std::string::npos) {
    return true;
  }
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return true;
  if (s.back() == ':') return true;
  for (char ch : s)
    if (const auto c = static_cast<unsigned char>(ch); c < 0x20 || c == 0x7f) return true;
  return false;
}

std::string scalar(const Json& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    return needs_quotes(s) ? v.dump() : s;  // a JSON string is a valid YAML double-quoted one
  }
  if (v.is_null()) return "null";
  return v.dump();
}

bool is_block(const Json& v) {
  return (v.is_object() || v.is_array()) && !v.empty();
}

void write(const Json& v, int indent, std::string& out);

void write_object(const Json& v, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string key = needs_quotes(it.key()) ? Json(it.key()).dump() : it.key();
    out += pad + key + ":";
    const Json& child = it.value();
    if (child.is_object() && !child.empty()) {
      out += "\n";
      write_object(child, indent + 2, out);
    } else if (child.is_array() && !child.empty()) {
      out += "\n";
      write(child, indent, out);  // kubectl: list items at the key's indentation
    } else {
      out += " " +
             (child.is_object()  ? std::string("{}")
              : child.is_array() ? std::string("[]")
                                 : scalar(child)) +
             "\n";
    }
  }
}

void write_array(const Json& v, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  for (const auto& item : v) {
    if (!is_block(item)) {
      out += pad + "- " + (item.is_object() ? "{}" : item.is_array() ? "[]" : scalar(item)) + "\n";
      continue;
    }
    std::string nested;
    write(item, indent + 2, nested);
    // The first line of the nested block takes the dash in place of its indentation.
    out += pad + "- " + nested.substr(static_cast<std::size_t>(indent) + 2);
  }
}

void write(const Json& v, int indent, std::string& out) {
  if (v.is_object()) {
    write_object(v, indent, out);
  } else if (v.is_array()) {
    write_array(v, indent, out);
  } else {
    out += std::string(static_cast<std::size_t>(indent), ' ') + scalar(v) + "\n";
  }
}

}  // namespace

std::string to_yaml(const Json& value) {
  if (!is_block(value))
    return (value.is_object() ? std::string("{}") : value.is_array() ? "[]" : scalar(value)) + "\n";
  std::string out;
  write(value, 0, out);
  return out;
}

}  // namespace ordinal::cli
