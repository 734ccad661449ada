#include "identity/yaml_to_json.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace ordinal::identity {
namespace {

// Deeper nesting than this is not a manifest; it would only risk the stack.
constexpr int kMaxDepth = 128;

std::string join_segments(const std::vector<std::string>& path, std::size_t count) {
  std::string key;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) key += '\x1f';
    key += path[i];
  }
  return key;
}

/// The scalar's text as UTF-8. yaml-cpp decodes the escapes `\N` (U+0085) and `\_` (U+00A0)
/// to the single octets 0x85 and 0xA0 instead of their UTF-8 forms; every other escape it
/// decodes to UTF-8, and the stream itself was checked, so such an octet standing where no
/// continuation is expected can only come from one of those two escapes.
std::string scalar_text(const YAML::Node& node) {
  const std::string& raw = node.Scalar();
  if (raw.find_first_of("\x85\xA0") == std::string::npos) return raw;
  std::string out;
  out.reserve(raw.size() + 8);
  std::size_t continuations = 0;  // still owed to the last lead octet
  for (const char c : raw) {
    const auto octet = static_cast<unsigned char>(c);
    if (octet >= 0x80 && octet < 0xC0 && continuations == 0) {
      out += '\xC2';  // a lone 0x85 or 0xA0: U+0085 and U+00A0 are C2 85 and C2 A0
    } else if (octet >= 0xC0) {
      continuations = octet >= 0xF0 ? 3 : octet >= 0xE0 ? 2 : 1;
    } else if (octet >= 0x80) {
      --continuations;
    }
    out += c;
  }
  return out;
}

Json scalar_to_json(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  if (tag == "?") return yaml_plain_scalar(node.Scalar());
  if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
      tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null")
    return yaml_plain_scalar(node.Scalar());
  return scalar_text(node);  // quoted, block or !!str: a string, whatever it looks like
}

class Converter {
 public:
  Converter(YamlDocument& doc, int first_line) : doc_(doc), first_line_(first_line) {}

  Json convert(const YAML::Node& node, std::vector<std::string>& path, int depth) {
    if (depth > kMaxDepth) {
      problem(line(node), path, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
      return nullptr;
    }
    switch (node.Type()) {
      case YAML::NodeType::Map:
        return convert_map(node, path, depth);
      case YAML::NodeType::Sequence:
        return convert_sequence(node, path, depth);
      case YAML::NodeType::Scalar:
        return scalar_to_json(node);
      default:
        return nullptr;
    }
  }

 private:
  int line(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return mark.line < 0 ? 0 : mark.line + first_line_;
  }

  void problem(int at, const std::vector<std::string>& path, std::string message) {
    std::string field;
    for (const auto& segment : path) {
      if (!segment.empty() && std::isdigit(static_cast<unsigned char>(segment[0])) != 0 &&
          !field.empty())
        field += "[" + segment + "]";
      else
        field += (field.empty() ? "" : ".") + segment;
    }
    doc_.problems.push_back({at, std::move(field), std::move(message)});
  }

  Json convert_map(const YAML::Node& node, std::vector<std::string>& path, int depth) {
    Json out = Json::object();
    std::unordered_map<std::string, int> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const int key_line = line(it->first);
      if (!it->first.IsScalar()) {
        problem(key_line, path, "a key must be a plain string, not a list or a mapping");
        continue;
      }
      const std::string key = scalar_text(it->first);
      path.push_back(key);
      if (auto [pos, inserted] = seen.emplace(key, key_line); !inserted) {
        problem(key_line, path,
                "key \"" + key + "\" appears twice in this mapping (first on line " +
                    std::to_string(pos->second) + ")");
      } else {
        doc_.lines.add(path, key_line);
        out[key] = convert(it->second, path, depth + 1);
      }
      path.pop_back();
    }
    return out;
  }

  Json convert_sequence(const YAML::Node& node, std::vector<std::string>& path, int depth) {
    Json out = Json::array();
    std::size_t index = 0;
    for (const auto& item : node) {
      path.push_back(std::to_string(index++));
      doc_.lines.add(path, line(item));
      out.push_back(convert(item, path, depth + 1));
      path.pop_back();
    }
    return out;
  }

  YamlDocument& doc_;
  int first_line_;
};

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

// A line that opens a block scalar (`key: |`, `- >-`): its content may hold tabs legitimately.
bool opens_block_scalar(std::string_view line) {
  if (auto hash = line.find(" #"); hash != std::string_view::npos) line = line.substr(0, hash);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  while (!line.empty() && (line.back() == '-' || line.back() == '+' ||
                           std::isdigit(static_cast<unsigned char>(line.back())) != 0))
    line.remove_suffix(1);
  if (line.empty() || (line.back() != '|' && line.back() != '>')) return false;
  line.remove_suffix(1);
  return line.empty() || line.back() == ' ';
}

// YAML forbids tabs in indentation; yaml-cpp's own message for them is obscure, so they are
// found first and reported by line.
void check_tabs(const YamlChunk& chunk, YamlDocument& doc) {
  std::size_t block_indent = std::string::npos;  // indent of the line that opened a block scalar
  int line_no = chunk.first_line;
  std::size_t start = 0;
  const std::string& text = chunk.text;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    const std::size_t indent = indent_of(line);
    const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (block_indent != std::string::npos && !blank && indent <= block_indent)
      block_indent = std::string::npos;
    if (block_indent == std::string::npos && !blank && indent < line.size() && line[indent] == '\t')
      doc.problems.push_back({line_no, "",
                              "found a tab character in the indentation; YAML indents with "
                              "spaces only"});
    if (block_indent == std::string::npos && opens_block_scalar(line)) block_indent = indent;
    start = end + 1;
    ++line_no;
  }
}

// 0-based index of the last line of `text` that is neither blank nor a comment.
int last_content_line(const std::string& text) {
  int line = 0;
  int last = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::size_t first = text.find_first_not_of(" \t\r", start);
    if (first != std::string::npos && first < end && text[first] != '#') last = line;
    start = end + 1;
    ++line;
  }
  return last;
}

bool is_separator(std::string_view line, std::string_view marker) {
  return line.substr(0, 3) == marker &&
         (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

/// Offset of the first octet of `text` that does not belong to well-formed UTF-8 (RFC 3629: no
/// overlong forms, surrogates or code points above U+10FFFF), or npos. YAML streams are Unicode,
/// and JSON serialisation (every response, event and stored object) throws on anything else.
std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t extra = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead < 0x80) {
      ++at;
      continue;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    } else {
      return at;
    }
    if (extra >= text.size() - at) return at;  // cut off by the end
    for (std::size_t i = 1; i <= extra; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      if (next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xBF)) return at;
    }
    at += extra + 1;
  }
  return std::string_view::npos;
}

}  // namespace

void LineIndex::add(const std::vector<std::string>& path, int line) {
  lines_.emplace(join_segments(path, path.size()), line);
}

int LineIndex::line_of(std::string_view path) const {
  const std::vector<std::string> segments = split_field_path(path);
  for (std::size_t n = segments.size() + 1; n > 0; --n)
    if (auto it = lines_.find(join_segments(segments, n - 1)); it != lines_.end())
      return it->second;
  return 0;
}

std::vector<std::string> split_field_path(std::string_view path) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.' || c == '[') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
      if (c == '[') {
        const std::size_t close = path.find(']', i);
        if (close == std::string_view::npos) break;
        out.emplace_back(path.substr(i + 1, close - i - 1));
        i = close;
      }
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::vector<YamlChunk> split_yaml_documents(std::string_view text) {
  std::vector<YamlChunk> chunks(1);
  bool ended = false;  // after `...`, lines up to the next `---` belong to no document
  int line_no = 1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (is_separator(line, "---")) {
      chunks.push_back({std::string(3, ' ') + line.substr(3) + "\n", line_no});
      ended = false;
    } else if (is_separator(line, "...")) {
      ended = true;
    } else if (ended || (line.rfind('%', 0) == 0 && chunks.size() == 1)) {
      chunks.back().text += "\n";  // directives and trailing text: keep the line count only
    } else {
      chunks.back().text += line + "\n";
    }
    start = end + 1;
    ++line_no;
  }
  return chunks;
}

/// Offset of the first octet of `text` that YAML 1.2 does not allow in a stream (a C0 control
/// other than tab, line feed and carriage return, or DEL: outside c-printable), or npos.
/// yaml-cpp reads such octets into strings, NUL included, and what it makes of them is not
/// what was written.
std::size_t first_control_character(std::string_view text) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return at;
  }
  return std::string_view::npos;
}

/// A problem at octet `offset` of the chunk, on its line.
YamlProblem problem_at(const YamlChunk& chunk, std::size_t offset, const std::string& message) {
  const auto line =
      std::count(chunk.text.begin(), chunk.text.begin() + static_cast<long>(offset), '\n');
  return {static_cast<int>(line) + chunk.first_line, "",
          message + " (octet " + std::to_string(offset + 1) + " of the document)"};
}

YamlDocument yaml_to_json(const YamlChunk& chunk, bool json_input) {
  YamlDocument doc;
  if (!json_input) check_tabs(chunk, doc);
  if (const std::size_t bad = first_invalid_utf8(chunk.text); bad != std::string_view::npos)
    doc.problems.push_back(problem_at(chunk, bad, "text is not valid UTF-8"));
  else if (const std::size_t control = first_control_character(chunk.text);
           control != std::string_view::npos)
    doc.problems.push_back(problem_at(chunk, control, "text holds a control character"));
  if (!doc.problems.empty()) return doc;
  try {
    const YAML::Node root = YAML::Load(chunk.text);
    std::vector<std::string> path;
    // The document itself: where fields with no line of their own (missing ones) point.
    if (root.Mark().line >= 0) doc.lines.add(path, root.Mark().line + chunk.first_line);
    doc.value = Converter(doc, chunk.first_line).convert(root, path, 0);
  } catch (const YAML::Exception& e) {
    // An unclosed bracket or quote is noticed at the end of the text: point at the last line
    // that holds something instead.
    const int line = e.mark.line < 0 ? 0 : std::min(e.mark.line, last_content_line(chunk.text));
    std::string message = "YAML syntax error: " + e.msg;
    if (e.msg.find("flow") != std::string::npos)
      message += " (is a bracket or brace left open?)";
    else if (e.msg.find("map") != std::string::npos || e.msg.find("sequence") != std::string::npos)
      message += " (check the indentation of this line and the one above)";
    doc.problems.push_back({line + chunk.first_line, "", std::move(message)});
  } catch (const std::exception& e) {
    doc.problems.push_back({0, "", std::string("YAML could not be read: ") + e.what()});
  }
  return doc;
}

}  // namespace ordinal::identity
