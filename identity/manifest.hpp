#pragma once
// Manifests: the YAML (or JSON) people write for kubectl, decoded strictly and helpfully.
// One bad document does not stop the good ones: each error names the source, the document, the
// object, the field path, the line and what was expected.
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity {

/// One problem found in a manifest.
struct ManifestError {
  std::string source;   ///< file name as given, or "<stdin>"
  int document = 0;     ///< 1-based position in the stream; 0 when the whole text is unreadable
  std::string object;   ///< "StatefulSet web" once kind and name are known, else ""
  std::string field;    ///< field path, e.g. "spec.template.spec.containers[0].volumeMount"
  int line = 0;         ///< 1-based line in the source, 0 when unknown
  std::string message;  ///< what is wrong and what was expected, with a suggestion if any

  /// One line: `nginx.yaml: document 2 (StatefulSet web), line 21: spec.template.spec.
  /// containers[0].volumeMount: unknown field; did you mean "volumeMounts"?`
  [[nodiscard]] std::string to_string() const;
};

/// A document that decoded and passed the schema check (unknown fields, types, apiVersion,
/// required fields, validation of the object on its own).
struct ManifestDocument {
  std::string source;
  int document = 0;
  Json object;  ///< as written (no defaults applied)
};

struct DecodedManifests {
  std::vector<ManifestDocument> documents;
  std::vector<ManifestError> errors;
};

/// Decodes a stream of YAML documents separated by `---`, or one JSON object, or a `kind: List`
/// (whose items become documents). Empty documents are skipped silently, as kubectl does.
/// Never throws.
DecodedManifests decode_manifests(std::string_view text, const std::string& source);

}  // namespace ordinal::identity
