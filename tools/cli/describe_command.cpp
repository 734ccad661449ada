// `ordinal describe KIND NAME`: fetches the object and what its layout shows alongside it (the
// set's pods, a claim's users, a service's EndpointSlices, the object's events), then prints.
#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/cli/describe.hpp"
#include "tools/cli/resource_args.hpp"
#include "tools/cli/single_target.hpp"

namespace ordinal::cli {
namespace {

struct DescribeFlags {
  std::vector<std::string> args;
};

std::vector<Json> list_items(ApiClient& client, const char* kind, const std::string& ns,
                             const std::string& selector = "") {
  auto list = client.list(*identity::find_kind(kind), ns, selector);
  return list ? items_of(*list) : std::vector<Json>();
}

bool controlled_by(const Json& object, const std::string& uid) {
  for (const auto& r : object.value("/metadata/ownerReferences"_json_pointer, Json::array()))
    if (r.value("controller", false) && r.value("uid", "") == uid) return true;
  return false;
}

bool mounts_claim(const Json& pod, const std::string& claim) {
  for (const auto& v : pod.value("/spec/volumes"_json_pointer, Json::array()))
    if (v.value("/persistentVolumeClaim/claimName"_json_pointer, std::string()) == claim)
      return true;
  return false;
}

/// Events whose involvedObject is `object`: same uid, or same kind and name when the event
/// names no uid.
std::vector<Json> events_about(ApiClient& client, const identity::KindInfo& kind,
                               const Json& object) {
  const std::string ns = object.value("/metadata/namespace"_json_pointer, std::string());
  const std::string name = object.value("/metadata/name"_json_pointer, std::string());
  const std::string uid = object.value("/metadata/uid"_json_pointer, std::string());
  std::vector<Json> out;
  for (auto& event : list_items(client, "Event", ns)) {
    const Json involved = event.value("involvedObject", Json::object());
    const std::string event_uid = involved.value("uid", "");
    if (!event_uid.empty() && !uid.empty()) {
      if (event_uid == uid) out.push_back(std::move(event));
      continue;
    }
    if (involved.value("kind", "") == kind.kind && involved.value("name", "") == name)
      out.push_back(std::move(event));
  }
  return out;
}

DescribeContext gather(ApiClient& client, const identity::KindInfo& kind, Json object) {
  DescribeContext context;
  const std::string ns = object.value("/metadata/namespace"_json_pointer, std::string());
  const std::string name = object.value("/metadata/name"_json_pointer, std::string());
  if (kind.kind == "StatefulSet") {
    const std::string uid = object.value("/metadata/uid"_json_pointer, std::string());
    for (auto& pod : list_items(client, "Pod", ns))
      if (controlled_by(pod, uid)) context.related.push_back(std::move(pod));
  } else if (kind.kind == "PersistentVolumeClaim") {
    for (auto& pod : list_items(client, "Pod", ns))
      if (mounts_claim(pod, name)) context.related.push_back(std::move(pod));
  } else if (kind.kind == "Service") {
    context.related = list_items(client, "EndpointSlice", ns, "kubernetes.io/service-name=" + name);
  }
  context.events = events_about(client, kind, object);
  context.object = std::move(object);
  return context;
}

int run_describe(const GlobalOptions& global, const DescribeFlags& flags) {
  const std::vector<ResourceTarget> targets = parse_resource_args(flags.args);
  Connection connection(global);
  ApiClient& client = connection.client();
  const std::string ns = global.all_namespaces ? "" : global.ns;
  int status = 0;
  bool first = true;
  auto print = [&](const identity::KindInfo& kind, Json object) {
    if (!first) std::cout << "\n\n";
    first = false;
    std::cout << describe_object(kind, gather(client, kind, std::move(object)));
  };
  for (const auto& target : targets) {
    if (target.names.empty()) {
      auto list = client.list(*target.kind, ns, "");
      if (!list) return fail(list.error());
      auto items = items_of(*list);
      if (items.empty() && targets.size() == 1)  // as kubectl, rather than printing nothing
        std::cerr << (target.kind->namespaced && !ns.empty()
                          ? "No resources found in " + ns + " namespace.\n"
                          : std::string("No resources found\n"));
      for (auto& item : items) print(*target.kind, std::move(item));
      continue;
    }
    for (const auto& name : target.names) {
      auto object = client.get(*target.kind, ns, name);
      if (!object) {
        status = fail(object.error());
        continue;
      }
      print(*target.kind, std::move(*object));
    }
  }
  return status;
}

}  // namespace

void add_describe_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<DescribeFlags>();
  auto* cmd = app.add_subcommand("describe", "Show details of objects and their recent events");
  cmd->add_option("resources", flags->args, "KIND [NAME...] | KIND/NAME...")->required();
  cmd->footer(
      "As kubectl describe: dedicated layouts for statefulsets, pods, pvc, pv and services;\n"
      "other kinds show their metadata. Without a name, every object of the kind.\n\n" +
      examples_footer({
          {"A StatefulSet, its pods and events", "ordinal describe statefulset web -n test"},
          {"A pod", "ordinal describe pod/web-0 -n test"},
          {"Every claim of namespace test", "ordinal describe pvc -n test"},
      }));
  cmd->callback([&global, &exit_code, flags] { exit_code = run_describe(global, *flags); });
}

}  // namespace ordinal::cli
