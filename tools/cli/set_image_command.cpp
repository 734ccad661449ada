// `ordinal set image statefulset/NAME CONTAINER=IMAGE...`: changes container images of the pod
// template (containers and initContainers, matched by name; `*` matches every container).
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "tools/cli/commands.hpp"
#include "tools/cli/single_target.hpp"

namespace ordinal::cli {
namespace {

struct SetImageFlags {
  std::vector<std::string> args;
};

struct ImageRequest {
  std::vector<std::string> resource_args;
  std::map<std::string, std::string> images;  ///< container name (or "*") -> image
};

ImageRequest split_args(const std::vector<std::string>& args) {
  ImageRequest request;
  for (const auto& arg : args) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos) {
      request.resource_args.push_back(arg);
      continue;
    }
    if (eq == 0 || eq + 1 == arg.size())
      throw std::invalid_argument("invalid image update \"" + arg + "\": use CONTAINER=IMAGE");
    request.images[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  if (request.images.empty()) throw std::invalid_argument("at least one image update is required");
  return request;
}

/// Sets the images on `set`'s template; returns whether anything changed. Names in `images`
/// that match no container are added to `missing`.
bool apply_images(Json& set, const std::map<std::string, std::string>& images,
                  std::vector<std::string>& missing) {
  bool changed = false;
  std::map<std::string, bool> found;
  for (const char* list : {"containers", "initContainers"}) {
    Json& spec = set["spec"]["template"]["spec"];
    if (!spec.contains(list) || !spec[list].is_array()) continue;
    for (Json& container : spec[list]) {
      const std::string name = container.value("name", "");
      auto it = images.find(name);
      if (it == images.end()) it = images.find("*");
      if (it == images.end()) continue;
      found[it->first] = true;
      if (container.value("image", "") == it->second) continue;
      container["image"] = it->second;
      changed = true;
    }
  }
  for (const auto& [name, image] : images)
    if (!found[name]) missing.push_back(name);
  return changed;
}

int run_set_image(const GlobalOptions& global, const SetImageFlags& flags) {
  const ImageRequest request = split_args(flags.args);
  const SingleTarget target =
      parse_single_target(request.resource_args, "set image", {"StatefulSet"});
  Connection connection(global);
  std::vector<std::string> missing;
  bool changed = false;
  auto written = update_with_retry(connection.client(), *target.kind, global.ns, target.name, "",
                                   [&](Json& set) {
                                     missing.clear();
                                     changed = apply_images(set, request.images, missing);
                                     return changed && missing.empty();
                                   });
  if (!written) return fail(written.error());
  if (!missing.empty()) return fail("unable to find container named \"" + missing.front() + "\"");
  // As kubectl: an update that changes nothing prints nothing.
  if (changed)
    std::cout << target.kind->qualified_singular() << "/" << target.name << " image updated\n";
  return 0;
}

}  // namespace

void add_set_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<SetImageFlags>();
  auto* set = app.add_subcommand("set", "Change a field of an object");
  set->require_subcommand(1);
  set->footer(examples_footer({
      {"Roll web out to a new image", "ordinal set image statefulset/web nginx=nginx:1.27 -n test"},
  }));
  auto* image =
      set->add_subcommand("image", "Change container images of a StatefulSet's pod template");
  image->add_option("args", flags->args, "statefulset/NAME CONTAINER=IMAGE...")->required();
  image->footer(
      "Containers and initContainers match by name; CONTAINER * means every container.\n"
      "Prints nothing when the images are already set.\n\n" +
      examples_footer({
          {"Roll web out to a new image",
           "ordinal set image statefulset/web nginx=nginx:1.27 -n test"},
          {"The same image for every container",
           "ordinal set image sts/web '*=nginx:1.27' -n test"},
      }));
  image->callback([&global, &exit_code, flags] { exit_code = run_set_image(global, *flags); });
}

}  // namespace ordinal::cli
