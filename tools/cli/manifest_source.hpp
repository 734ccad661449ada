#pragma once
// Reads the manifests named by `-f`: files, directories (their .yaml, .yml and .json files, in
// name order, not recursive — as kubectl) or `-` for standard input, and decodes them.
#include <string>
#include <vector>

#include "identity/manifest.hpp"

namespace ordinal::cli {

/// Decodes every manifest under `paths`. Unreadable paths become errors (document 0); decoding
/// errors are kept beside the good documents so the caller can apply those and still fail.
identity::DecodedManifests read_manifests(const std::vector<std::string>& paths);

}  // namespace ordinal::cli
