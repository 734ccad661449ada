// The column lists of Events, Namespaces, ConfigMaps, Secrets and Ingresses.
#include "tools/api/print_cells.hpp"
#include "tools/api/print_columns.hpp"

namespace ordinal::api {
namespace {

using identity::Json;
using Clock = std::chrono::system_clock;

PrintColumns event_columns(Clock::time_point now) {
  return {text_column("Last Seen", "The time since the event was last seen.",
                      [now](const Json& o) { return event_last_seen_cell(o, now); }),
          text_column("Type", "Normal or Warning.",
                      [](const Json& o) { return value_text(o, "/type", ""); }),
          text_column("Reason", "Why the event happened, in one word.",
                      [](const Json& o) { return value_text(o, "/reason", ""); }),
          text_column("Object", "The object the event is about.", event_object_cell),
          text_column("Message", "What happened.",
                      [](const Json& o) { return value_text(o, "/message", ""); })};
}

PrintColumn count_column(std::string name, std::string description,
                         std::function<std::string(const Json&)> cell) {
  PrintColumn column = text_column(std::move(name), std::move(description), std::move(cell));
  column.type = "integer";
  return column;
}

PrintColumns config_map_columns(Clock::time_point now) {
  return {name_column(),
          count_column("Data", "The number of entries.",
                       [](const Json& o) {
                         return std::to_string(value_at(o, "/data").size() +
                                               value_at(o, "/binaryData").size());
                       }),
          age_column(now)};
}

PrintColumns secret_columns(Clock::time_point now) {
  return {name_column(),
          text_column("Type", "The type of the secret.",
                      [](const Json& o) { return value_text(o, "/type", "Opaque"); }),
          count_column("Data", "The number of entries.",
                       [](const Json& o) { return std::to_string(value_at(o, "/data").size()); }),
          age_column(now)};
}

PrintColumns ingress_columns(Clock::time_point now) {
  return {name_column(),
          text_column("Class", "The IngressClass of the ingress.",
                      [](const Json& o) { return value_text(o, "/spec/ingressClassName"); }),
          text_column("Hosts", "The hosts the ingress routes.",
                      [](const Json& o) {
                        std::vector<std::string> hosts;
                        for (const auto& r : array_at(o, "/spec/rules"))
                          hosts.push_back(r.value("host", "*"));
                        return hosts.empty() ? std::string("*") : join_cells(hosts);
                      }),
          text_column("Address", "The addresses of the ingress's load balancer.",
                      [](const Json&) { return std::string(); }),
          text_column("Ports", "The ports the ingress serves.",
                      [](const Json&) { return std::string("80"); }),
          age_column(now)};
}

}  // namespace

bool cluster_columns(const std::string& kind, Clock::time_point now, PrintColumns& out) {
  if (kind == "Event")
    out = event_columns(now);
  else if (kind == "Namespace")
    out = {name_column(),
           text_column("Status", "The phase of the namespace.",
                       [](const Json& o) { return value_text(o, "/status/phase", "Active"); }),
           age_column(now)};
  else if (kind == "ConfigMap")
    out = config_map_columns(now);
  else if (kind == "Secret")
    out = secret_columns(now);
  else if (kind == "Ingress")
    out = ingress_columns(now);
  else
    return false;
  return true;
}

}  // namespace ordinal::api
