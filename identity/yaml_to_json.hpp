#pragma once
// YAML text to JSON, as kubectl reads manifests: YAML 1.2 core-schema typing of plain scalars,
// quoted scalars stay strings, duplicate keys and tab indentation are reported, and the line of
// every field is remembered so later errors can cite it.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity {

/// The source line of every field of one document, keyed by field path. Paths use the
/// notation of StatusCause::field: `spec.ports[0].name`, map keys in brackets or after dots
/// (`metadata.labels[app.kubernetes.io/name]` and `metadata.labels.app` both resolve).
class LineIndex {
 public:
  /// Records that the field at `path` (segments: keys and decimal indices) starts on `line`.
  void add(const std::vector<std::string>& path, int line);
  /// The line of `path`, or of its nearest ancestor that has one (the document's first line
  /// for the empty path); 0 when nothing matches.
  [[nodiscard]] int line_of(std::string_view path) const;

 private:
  std::unordered_map<std::string, int> lines_;
};

/// Splits a field path into segments: `a.b[0][x.y]` -> a, b, 0, x.y.
std::vector<std::string> split_field_path(std::string_view path);

/// A problem found while reading YAML (not yet about Kubernetes fields).
struct YamlProblem {
  int line = 0;         ///< 1-based, 0 when unknown
  std::string field;    ///< path of the field involved, "" for syntax errors
  std::string message;  ///< e.g. `key "name" appears twice (first on line 4)`
};

/// One document of a stream, converted.
struct YamlDocument {
  Json value;                         ///< null for an empty document
  LineIndex lines;                    ///< line of every field of `value`
  std::vector<YamlProblem> problems;  ///< non-empty: `value` must not be used
};

/// Types a plain (unquoted) scalar as the YAML 1.2 core schema does: null (`~`, `null`, empty),
/// booleans (`true`, `False`, ...), integers (decimal, `0o` octal, `0x` hex; beyond 64 bits a
/// float) and floats; anything else stays a string. `.inf` and `.nan` stay strings (JSON has
/// no such numbers). Pure function.
Json yaml_plain_scalar(const std::string& text);

/// One document's text and the 1-based line of the stream it starts on.
struct YamlChunk {
  std::string text;
  int first_line = 1;
};

/// Splits a stream at `---` separator lines (and stops a document at `...`). Lines are kept in
/// place so that line numbers within a chunk only need `first_line - 1` added. Never throws.
std::vector<YamlChunk> split_yaml_documents(std::string_view text);

/// Converts one document. `first_line` is the stream line the chunk starts on; `json_input`
/// disables the tab-indentation check (tabs are plain whitespace in JSON). Never throws.
YamlDocument yaml_to_json(const YamlChunk& chunk, bool json_input = false);

}  // namespace ordinal::identity
