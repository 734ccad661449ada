#include "tools/cli/resource_args.hpp"

namespace ordinal::cli {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t pos; (pos = text.find(sep, start)) != std::string::npos; start = pos + 1)
    parts.push_back(text.substr(start, pos - start));
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

const identity::KindInfo& resource_kind(const std::string& name) {
  const identity::KindInfo* kind = identity::find_resource(name);
  if (kind == nullptr)
    throw std::invalid_argument("the server doesn't have a resource type \"" + name + "\"");
  return *kind;
}

std::vector<ResourceTarget> parse_resource_args(const std::vector<std::string>& args) {
  if (args.empty())
    throw std::invalid_argument(
        "you must specify the type of resource to get. Use \"ordinal get --help\" for the kinds");
  std::vector<ResourceTarget> targets;
  if (args.front().find('/') != std::string::npos) {
    for (const auto& arg : args) {
      auto slash = arg.find('/');
      if (slash == std::string::npos || slash + 1 == arg.size())
        throw std::invalid_argument(
            "there is no need to specify a resource type as a separate "
            "argument when passing arguments in resource/name form");
      const identity::KindInfo& kind = resource_kind(arg.substr(0, slash));
      if (!targets.empty() && targets.back().kind == &kind)
        targets.back().names.push_back(arg.substr(slash + 1));
      else
        targets.push_back({&kind, {arg.substr(slash + 1)}});
    }
    return targets;
  }
  for (const auto& name : split(args.front(), ',')) targets.push_back({&resource_kind(name), {}});
  if (args.size() > 1) {
    if (targets.size() > 1)
      throw std::invalid_argument("names cannot be given with several resource types");
    targets.front().names.assign(args.begin() + 1, args.end());
  }
  return targets;
}

}  // namespace ordinal::cli
