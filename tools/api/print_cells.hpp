#pragma once
// The cell values of kubectl's tables, computed from an object's JSON as kube-apiserver's
// printers compute them. Shared by the API's server-side printing (`as=Table`) and the CLI's
// own tables, so both show the same text for the same object. Pure functions; never throw on
// missing or oddly typed fields (they print a placeholder instead).
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::api {

/// The value at `pointer`, a JSON pointer of object keys ("/status/phase"; no array indices or
/// escapes), read in place; null when a step is missing or not an object. Tables read a few
/// fields of each of up to 100,000 objects, so nothing is parsed or copied.
const identity::Json& value_at(const identity::Json& object, std::string_view pointer);
/// The array at `pointer` (as value_at), or an empty array when it is absent or not an array.
const identity::Json& array_at(const identity::Json& object, std::string_view pointer);
/// The value at `pointer` (as value_at) as text (strings bare, other values as JSON), or
/// `fallback` when absent or null.
std::string value_text(const identity::Json& object, std::string_view pointer,
                       const std::string& fallback = "<none>");
/// `parts` joined by `separator` ("a,b").
std::string join_cells(const std::vector<std::string>& parts, const char* separator = ",");

/// kubectl's short ages: "5s", "3m2s", "10m", "5h2m", "3d", "2y"; "<invalid>" below -1 s.
std::string human_duration(std::chrono::seconds age);
/// Age of an RFC 3339 timestamp at `now`, as human_duration, or "<unknown>" when it does not
/// parse.
std::string age_of(const std::string& timestamp, std::chrono::system_clock::time_point now);

/// Access modes in kubectl's short form: "RWO,ROX".
std::string access_modes_cell(const identity::Json& modes);
/// "ready/total" containers of a pod.
std::string pod_ready_cell(const identity::Json& pod);
/// The pod's STATUS: Terminating, the status reason, a waiting container's reason, or the phase.
std::string pod_status_cell(const identity::Json& pod);
/// The sum of the containers' restart counts.
std::string pod_restarts_cell(const identity::Json& pod);
/// A pod's READINESS GATES: "passing/total" over spec.readinessGates, or "<none>".
std::string pod_readiness_gates_cell(const identity::Json& pod);
/// A Service's PORT(S): "80/TCP,443:30443/TCP", or "<none>".
std::string service_ports_cell(const identity::Json& service);
/// A Service's EXTERNAL-IP: its externalName for ExternalName services, else "<none>".
std::string service_external_ip_cell(const identity::Json& service);
/// A label map as "k=v,k2=v2", or "<none>".
std::string selector_cell(const identity::Json& selector);
/// Field `field` of each element of the array at `pointer` (containers' names or images).
std::string container_list_cell(const identity::Json& object, const char* pointer,
                                const char* field);
/// An EndpointSlice's ENDPOINTS: the first three addresses and "+ N more...", or "<unset>".
std::string slice_endpoints_cell(const identity::Json& slice);
/// An EndpointSlice's PORTS: the port numbers, or "<unset>".
std::string slice_ports_cell(const identity::Json& slice);
/// The controlling owner as "statefulset.apps/web", or "<none>".
std::string controller_cell(const identity::Json& object);
/// A PersistentVolume's CLAIM: "namespace/name", or "" when unclaimed.
std::string volume_claim_cell(const identity::Json& volume);
/// An Event's OBJECT: "pod/web-0".
std::string event_object_cell(const identity::Json& event);
/// An Event's LAST SEEN: the age of lastTimestamp, else of eventTime.
std::string event_last_seen_cell(const identity::Json& event,
                                 std::chrono::system_clock::time_point now);

}  // namespace ordinal::api
