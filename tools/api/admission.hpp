#pragma once
// Admission of a write: everything between the decoded body and the registry, in the order
// kube-apiserver applies it. Each step either passes the object on or fails the request with a
// Status error; nothing here writes.
//   1. kind/apiVersion match the path (missing ones are filled from it)
//   2. metadata.namespace matches the path; metadata.name matches the path (PUT/PATCH)
//   3. fieldValidation: unknown and duplicate fields (Strict: 400; Warn: warnings; Ignore)
//   4. schema type errors (422)
//   5. apply_defaults
//   6. validate_object (create) or validate_update (against the stored object) (422)
//   7. create only: the initial status of kinds with a status subresource
#include <string>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"
#include "identity/kinds.hpp"

namespace ordinal::api {

enum class FieldValidation { Ignore, Warn, Strict };

/// Reads `?fieldValidation=` ("" means Warn, the Kubernetes default). 400 for other values.
identity::Result<FieldValidation> parse_field_validation(const std::string& value);

struct AdmissionRequest {
  const identity::KindInfo* kind = nullptr;  ///< the kind of the path; never null
  std::string ns;                            ///< namespace of the path ("" if cluster-scoped)
  std::string name;                          ///< name of the path ("" for POST)
  FieldValidation validation = FieldValidation::Warn;
  /// Paths of fields repeated in the body (see body_decoder.hpp).
  std::vector<std::string> duplicate_fields;
  /// The object being replaced; null for a create.
  const identity::Json* stored = nullptr;
  /// A write to /status: the object's status is the new one (otherwise an update keeps the
  /// stored status, as the main resource cannot change it).
  bool status_update = false;
};

struct Admitted {
  identity::Json object;
  /// `unknown field "spec.foo"`: one per pruned field under fieldValidation=Warn.
  std::vector<std::string> warnings;
};

/// Runs steps 1–7 on `object`. Pure: reads no state but the request. Never throws.
identity::Result<Admitted> admit(identity::Json object, const AdmissionRequest& request);

/// The status a newly created object of `kind` starts with (Pod, PVC, PV: phase Pending;
/// Namespace: phase Active; others empty).
identity::Json initial_status(const std::string& kind);

}  // namespace ordinal::api
