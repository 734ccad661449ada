// The column lists of Pods, StatefulSets, ControllerRevisions, Services and EndpointSlices,
// and the columns every kind shares.
#include "tools/api/print_columns.hpp"

#include "tools/api/print_cells.hpp"

namespace ordinal::api {

using identity::Json;
using Clock = std::chrono::system_clock;

PrintColumn name_column() {
  return {"Name", "string",
          "name", "Name must be unique within a namespace; it is the object's metadata.name.",
          0,      [](const Json& o) { return value_text(o, "/metadata/name", ""); }};
}

PrintColumn age_column(Clock::time_point now) {
  return {"Age",
          "string",
          "",
          "The time since the object was created (metadata.creationTimestamp).",
          0,
          [now](const Json& o) {
            return age_of(value_text(o, "/metadata/creationTimestamp", ""), now);
          }};
}

PrintColumn text_column(std::string name, std::string description,
                        std::function<std::string(const Json&)> cell, int priority) {
  return {std::move(name), "string", "", std::move(description), priority, std::move(cell)};
}

namespace {

PrintColumns pod_columns(Clock::time_point now) {
  return {
      name_column(),
      text_column("Ready", "The aggregate readiness state of this pod for accepting traffic.",
                  pod_ready_cell),
      text_column("Status", "The aggregate status of the containers in this pod.", pod_status_cell),
      text_column("Restarts", "The number of times the containers in this pod have restarted.",
                  pod_restarts_cell),
      age_column(now),
      text_column(
          "IP", "The IP address allocated to the pod.",
          [](const Json& o) { return value_text(o, "/status/podIP"); }, 1),
      text_column(
          "Node", "The node the pod is bound to.",
          [](const Json& o) { return value_text(o, "/spec/nodeName"); }, 1),
      text_column(
          "Nominated Node", "The node the scheduler nominated for preemption.",
          [](const Json& o) { return value_text(o, "/status/nominatedNodeName"); }, 1),
      text_column("Readiness Gates", "The pod's readiness gates, passing/total.",
                  pod_readiness_gates_cell, 1)};
}

PrintColumns stateful_set_columns(Clock::time_point now) {
  return {name_column(),
          text_column("Ready", "Ready replicas out of the desired number.",
                      [](const Json& o) {
                        return value_text(o, "/status/readyReplicas", "0") + "/" +
                               value_text(o, "/spec/replicas", "1");
                      }),
          age_column(now),
          text_column(
              "Containers", "Names of each container in the template.",
              [](const Json& o) {
                return container_list_cell(o, "/spec/template/spec/containers", "name");
              },
              1),
          text_column(
              "Images", "Images referenced by each container in the template.",
              [](const Json& o) {
                return container_list_cell(o, "/spec/template/spec/containers", "image");
              },
              1)};
}

PrintColumns service_columns(Clock::time_point now) {
  return {name_column(),
          text_column("Type", "The way the service is exposed.",
                      [](const Json& o) { return value_text(o, "/spec/type", "ClusterIP"); }),
          text_column("Cluster-IP", "The IP address of the service inside the cluster.",
                      [](const Json& o) { return value_text(o, "/spec/clusterIP"); }),
          text_column("External-IP", "The external name or addresses of the service.",
                      service_external_ip_cell),
          text_column("Port(s)", "The ports the service serves.", service_ports_cell),
          age_column(now),
          text_column(
              "Selector", "The labels of the pods the service routes to.",
              [](const Json& o) { return selector_cell(value_at(o, "/spec/selector")); }, 1)};
}

PrintColumns revision_columns(Clock::time_point now) {
  PrintColumn revision = text_column("Revision", "The revision number.",
                                     [](const Json& o) { return value_text(o, "/revision", "0"); });
  revision.type = "integer";
  return {name_column(),
          text_column("Controller", "The controlling owner of the revision.", controller_cell),
          std::move(revision), age_column(now)};
}

PrintColumns slice_columns(Clock::time_point now) {
  return {name_column(),
          text_column("AddressType", "The type of the addresses in the slice.",
                      [](const Json& o) { return value_text(o, "/addressType", ""); }),
          text_column("Ports", "The ports of the slice.", slice_ports_cell),
          text_column("Endpoints", "The first addresses of the slice's endpoints.",
                      slice_endpoints_cell),
          age_column(now)};
}

}  // namespace

bool workload_columns(const std::string& kind, Clock::time_point now, PrintColumns& out) {
  if (kind == "Pod")
    out = pod_columns(now);
  else if (kind == "StatefulSet")
    out = stateful_set_columns(now);
  else if (kind == "Service")
    out = service_columns(now);
  else if (kind == "ControllerRevision")
    out = revision_columns(now);
  else if (kind == "EndpointSlice")
    out = slice_columns(now);
  else
    return false;
  return true;
}

PrintColumns print_columns(const identity::KindInfo& kind, Clock::time_point now) {
  PrintColumns columns;
  if (workload_columns(kind.kind, now, columns) || storage_columns(kind.kind, now, columns) ||
      cluster_columns(kind.kind, now, columns))
    return columns;
  return {name_column(), age_column(now)};
}

}  // namespace ordinal::api
