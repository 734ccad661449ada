// `ordinal delete KIND NAME... | KIND/NAME... | -f FILE`.
#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/cli/manifest_source.hpp"
#include "tools/cli/resource_args.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

struct DeleteFlags {
  std::vector<std::string> args;
  std::vector<std::string> files;
  std::string selector;
  std::string cascade = "background";
  int grace_period = -1;
  bool force = false;
  bool all = false;
  bool ignore_not_found = false;
};

Json delete_options(const DeleteFlags& flags) {
  Json options = {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}};
  const std::string policy = flags.cascade == "orphan" || flags.cascade == "false" ? "Orphan"
                             : flags.cascade == "foreground"                       ? "Foreground"
                                                                                   : "Background";
  options["propagationPolicy"] = policy;
  if (flags.grace_period >= 0)
    options["gracePeriodSeconds"] = flags.grace_period;
  else if (flags.force)
    options["gracePeriodSeconds"] = 0;
  return options;
}

/// Deletes one object; prints kubectl's line. Returns the exit status for it.
int delete_one(ApiClient& client, const identity::KindInfo& kind, const std::string& ns,
               const std::string& name, const DeleteFlags& flags) {
  auto result = client.remove(kind, ns, name, delete_options(flags));
  if (!result) {
    if (flags.ignore_not_found && result.error().code == 404) return 0;
    return fail(result.error());
  }
  std::cout << kind.qualified_singular() << " \"" << name << "\" deleted\n";
  return 0;
}

int delete_listed(ApiClient& client, const ResourceTarget& target, const std::string& ns,
                  const DeleteFlags& flags) {
  auto list = client.list(*target.kind, ns, flags.selector);
  if (!list) return fail(list.error());
  int status = 0;
  const auto items = list->value("items", Json::array());
  if (items.empty()) std::cerr << "No resources found\n";
  for (const auto& item : items)
    status |= delete_one(client, *target.kind, item["metadata"].value("namespace", ns),
                         item["metadata"].value("name", ""), flags);
  return status;
}

int delete_files(ApiClient& client, const GlobalOptions& global, const DeleteFlags& flags) {
  identity::DecodedManifests decoded = read_manifests(flags.files);
  int status = decoded.errors.empty() ? 0 : 1;
  for (const auto& error : decoded.errors) std::cerr << "error: " << error.to_string() << "\n";
  for (const auto& document : decoded.documents) {
    const identity::KindInfo* kind = identity::find_kind(document.object.value("kind", ""));
    if (kind == nullptr) continue;
    std::string ns =
        document.object.value("/metadata/namespace"_json_pointer, std::string(global.ns));
    status |=
        delete_one(client, *kind, ns,
                   document.object.value("/metadata/name"_json_pointer, std::string()), flags);
  }
  return status;
}

int run_delete(const GlobalOptions& global, const DeleteFlags& flags) {
  if (flags.files.empty() == flags.args.empty())
    return fail("give either KIND NAME... (or KIND/NAME) or -f FILE");
  Connection connection(global);
  ApiClient& client = connection.client();
  if (!flags.files.empty()) return delete_files(client, global, flags);
  const std::string ns = global.all_namespaces ? "" : global.ns;
  int status = 0;
  for (const auto& target : parse_resource_args(flags.args)) {
    if (target.names.empty()) {
      if (!flags.all && flags.selector.empty())
        return fail("resource(s) were provided, but no name was specified");
      status |= delete_listed(client, target, ns, flags);
      continue;
    }
    for (const auto& name : target.names)
      status |= delete_one(client, *target.kind, ns, name, flags);
  }
  return status;
}

}  // namespace

void add_delete_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<DeleteFlags>();
  auto* cmd = app.add_subcommand("delete", "Delete objects by kind and name, or from manifests");
  cmd->add_option("resources", flags->args, "KIND NAME... | KIND/NAME...");
  cmd->add_option("-f,--filename", flags->files, "Delete the objects these manifests describe");
  cmd->add_option("-l,--selector", flags->selector, "Delete every object matching the selector");
  cmd->add_flag("--all", flags->all, "Delete every object of the kind in the namespace");
  cmd->add_option("--grace-period", flags->grace_period,
                  "Seconds a pod gets to stop (0 with --force: at once)");
  cmd->add_flag("--force", flags->force, "Delete at once, without waiting for the pod to stop");
  cmd->add_option("--cascade", flags->cascade, "background (default), foreground or orphan")
      ->check(CLI::IsMember({"background", "foreground", "orphan", "true", "false"}));
  cmd->add_flag("--ignore-not-found", flags->ignore_not_found, "Objects already gone are fine");
  cmd->footer(examples_footer({
      {"Delete a pod (its StatefulSet creates it again)", "ordinal delete pod web-0 -n test"},
      {"Delete what a manifest describes", "ordinal delete -f examples/nginx.yaml -n test"},
      {"Delete a set but keep its pods", "ordinal delete statefulset/web -n test --cascade=orphan"},
  }));
  cmd->callback([&global, &exit_code, flags] { exit_code = run_delete(global, *flags); });
}

}  // namespace ordinal::cli
