#pragma once
// ControllerRevision data, hash and name of a StatefulSet (SS-12.1/12.2). Pure free functions;
// safe from any thread. Choosing, creating and trimming revisions (SS-12.3–12.6) is the
// control loop's job.
//
// Byte-exact with Kubernetes when `spec.template` is stored as the API server would encode it
// (same defaulted fields) and holds no floating-point numbers; otherwise still a stable
// fingerprint of the template, which is all the controller itself needs (SS-12.2).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "identity/json.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// Label on a ControllerRevision holding its hash (SS-12.1).
inline constexpr std::string_view kRevisionHashLabel = "controller.kubernetes.io/hash";

/// The revision's `data` (SS-12.1): `{"spec": {"template": <template + "$patch": "replace">}}`.
[[nodiscard]] identity::Json revision_data(const identity::StatefulSet& set);

/// `data` as Go's encoding/json writes a decoded map: compact, keys sorted bytewise, `<`, `>`,
/// `&`, U+2028 and U+2029 escaped. Invalid UTF-8 becomes U+FFFD instead of throwing.
[[nodiscard]] std::string encode_revision_data(const identity::Json& data);

/// 32-bit FNV-1 (multiply, then xor) of `bytes`, as Go's hash/fnv New32.
[[nodiscard]] std::uint32_t fnv1_32(std::string_view bytes);

/// Kubernetes' SafeEncodeString: each byte mapped into "bcdfghjklmnpqrstvwxz2456789".
[[nodiscard]] std::string safe_encode(std::string_view text);

/// SS-12.2: safe_encode of the decimal FNV-1 hash of the encoded `data` followed by the
/// decimal `collision_count` (nothing appended when nullopt; the controller always passes one).
[[nodiscard]] std::string revision_hash(const identity::Json& data,
                                        std::optional<std::int32_t> collision_count);

/// `<set name cut to 223 bytes>-<hash>` (SS-12.1).
[[nodiscard]] std::string revision_name(std::string_view set_name, std::string_view hash);

/// The ControllerRevision to create for `set`'s current template (SS-12.1): name, namespace,
/// labels = template labels + hash label, annotations = the set's, the set's controller
/// reference, `data` and `revision`.
[[nodiscard]] identity::Json new_revision(const identity::StatefulSet& set, std::int64_t revision,
                                          std::int32_t collision_count);

}  // namespace ordinal::controller
