#pragma once
// Fuzz entries for the text people and clients send: manifests (YAML or JSON), API request
// bodies, and PATCH bodies. The decoders promise never to throw and to answer bad input with
// errors; an escaping exception aborts the fuzz run like a crash.
#include <cstdint>
#include <span>

namespace ordinal::fuzz {

/// identity::decode_manifests on the input as text: every error names the source and every
/// decoded document is a JSON object that serialises (the API stores and serves it as JSON).
void fuzz_manifest(std::span<const std::uint8_t> input);

/// api::decode_body: the first octet picks the Content-Type (JSON, YAML, protobuf, absent,
/// other), the rest is the body. A decoded body is an object that serialises; a refusal is a
/// 4xx.
void fuzz_api_body(std::span<const std::uint8_t> input);

/// api::apply_patch: the first octet picks the patch type and the kind, the rest is
/// "ORIGINAL\n--\nPATCH" (the original as JSON, a StatefulSet when it is not an object) or
/// just PATCH. A refusal is a 4xx; a patched object serialises.
void fuzz_api_patch(std::span<const std::uint8_t> input);

}  // namespace ordinal::fuzz
