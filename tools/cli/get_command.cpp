// `ordinal get`: tables like kubectl's, or the objects as JSON, YAML or names; -w follows changes.
#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/cli/resource_args.hpp"
#include "tools/cli/table_printer.hpp"
#include "tools/cli/yaml_writer.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

struct GetFlags {
  std::vector<std::string> args;
  std::string output;
  std::string selector;
  bool watch = false;
};

struct Fetched {
  const identity::KindInfo* kind;
  std::vector<Json> items;
  /// A whole collection printed as a table: the server prints it (as it does for kubectl), so
  /// no object crosses the wire.
  std::optional<ServerTable> table;
  /// The API's list, without its items (moved to `items`), when the whole collection was
  /// asked for. Items are moved, never copied: a list of 10,000 pods is tens of MB of JSON.
  Json list;
};

/// One object asked for by name (printed bare, not in a List; watched alone).
bool is_single_object(const std::vector<Fetched>& fetched) {
  return fetched.size() == 1 && fetched.front().list.is_null() && !fetched.front().table &&
         fetched.front().items.size() == 1;
}

bool is_empty(const Fetched& f) {
  return f.table ? f.table->rows.empty() : f.items.empty();
}

/// Table output (the default and -o wide), which the server can print.
bool prints_table(const GetFlags& flags) {
  return flags.output.empty() || flags.output == "wide";
}

/// Prints what was fetched; moves the objects out of `fetched` (they can be tens of MB).
void print_objects(std::vector<Fetched>& fetched, const GetFlags& flags,
                   const GlobalOptions& global) {
  const bool single_object = is_single_object(fetched);
  if (flags.output == "json" || flags.output == "yaml") {
    Json out;
    if (single_object) {
      out = std::move(fetched.front().items.front());
    } else if (fetched.size() == 1 && !fetched.front().list.is_null()) {
      out = std::move(fetched.front().list);
      out["items"] = Json::array();
      for (auto& item : fetched.front().items) out["items"].push_back(std::move(item));
    } else {
      out = {{"apiVersion", "v1"},
             {"kind", "List"},
             {"items", Json::array()},
             {"metadata", {{"resourceVersion", ""}}}};
      for (auto& f : fetched)
        for (auto& item : f.items) out["items"].push_back(std::move(item));
    }
    std::cout << (flags.output == "json" ? out.dump(4) + "\n" : to_yaml(out));
    return;
  }
  if (flags.output == "name") {
    for (const auto& f : fetched)
      for (const auto& item : f.items)
        std::cout << f.kind->qualified_singular() << "/" << item["metadata"].value("name", "")
                  << "\n";
    return;
  }
  TableOptions options;
  options.wide = flags.output == "wide";
  options.with_namespace = global.all_namespaces;
  options.with_kind_prefix = fetched.size() > 1;
  options.color = color_stdout(global);
  bool first = true;
  for (const auto& f : fetched) {
    if (is_empty(f)) continue;
    if (!first) std::cout << "\n";
    first = false;
    std::cout << format_table(f.table ? table_rows(*f.kind, *f.table, options)
                                      : table_rows(*f.kind, f.items, options));
  }
}

/// Watches `kind` (only the object `name` when not empty) from `resource_version`.
int watch(Connection& connection, const identity::KindInfo& kind, const std::string& name,
          const GetFlags& flags, const GlobalOptions& global, const std::string& resource_version) {
  TableOptions options;
  options.wide = flags.output == "wide";
  options.with_namespace = global.all_namespaces;
  options.color = color_stdout(global);
  const std::string ns = global.all_namespaces ? "" : global.ns;
  const std::string field_selector = name.empty() ? "" : "metadata.name=" + name;
  connection.client().watch(
      kind, ns, flags.selector, field_selector, resource_version, [&](const Json& event) {
        const std::string type = event.value("type", "");
        if (type == "BOOKMARK") return true;
        if (type == "ERROR") {
          std::cerr << "error: watch ended: " << event["object"].value("message", "") << "\n";
          return false;
        }
        const Json& object = event["object"];
        if (flags.output == "json")
          std::cout << object.dump(4) << "\n";
        else if (flags.output == "yaml")
          std::cout << "---\n" << to_yaml(object);
        else if (flags.output == "name")
          std::cout << kind.qualified_singular() << "/" << object["metadata"].value("name", "")
                    << "\n";
        else {
          auto rows = table_rows(kind, {object}, options);
          rows.erase(rows.begin());
          std::cout << format_table(rows);
        }
        std::cout.flush();
        return true;
      });
  return 0;
}

int run_get(const GlobalOptions& global, const GetFlags& flags) {
  static const std::vector<std::string> formats = {"", "wide", "json", "yaml", "name"};
  if (std::find(formats.begin(), formats.end(), flags.output) == formats.end())
    return fail("unable to match a printer suitable for the output format \"" + flags.output +
                "\", allowed formats are: json,name,wide,yaml");
  std::vector<ResourceTarget> targets = parse_resource_args(flags.args);
  Connection connection(global);
  const std::string ns = global.all_namespaces ? "" : global.ns;
  std::vector<Fetched> fetched;
  std::string resource_version;
  int status = 0;
  for (const auto& target : targets) {
    Fetched f{target.kind, {}, std::nullopt, Json()};
    if (target.names.empty() && prints_table(flags)) {
      // kubectl's -A needs each row's namespace, which only the row's metadata carries.
      auto table =
          connection.client().list_table(*target.kind, ns, flags.selector, global.all_namespaces);
      if (!table) return fail(table.error());
      resource_version = table->resource_version;
      f.table = std::move(*table);
    } else if (target.names.empty()) {
      auto list = connection.client().list(*target.kind, ns, flags.selector);
      if (!list) return fail(list.error());
      if (auto items = list->find("items"); items != list->end() && items->is_array()) {
        f.items.reserve(items->size());
        for (auto& item : *items) f.items.push_back(std::move(item));
        list->erase(items);
      }
      resource_version = list->value("/metadata/resourceVersion"_json_pointer, std::string());
      f.list = std::move(*list);
    } else {
      for (const auto& name : target.names) {
        auto object = connection.client().get(*target.kind, ns, name);
        if (!object) {
          status = fail(object.error());
          continue;
        }
        resource_version = object->value("/metadata/resourceVersion"_json_pointer, std::string());
        f.items.push_back(std::move(*object));
      }
    }
    fetched.push_back(std::move(f));
  }
  // Read before printing, which moves the objects out.
  std::string watched_name;
  if (is_single_object(fetched))
    watched_name = fetched.front().items.front()["metadata"].value("name", "");
  bool any = false;
  for (const auto& f : fetched) any = any || !is_empty(f);
  if (!any && status == 0 && flags.output != "json" && flags.output != "yaml") {
    const bool namespaced = targets.front().kind->namespaced && !global.all_namespaces;
    std::cerr << (namespaced ? "No resources found in " + ns + " namespace.\n"
                             : std::string("No resources found\n"));
  } else {
    print_objects(fetched, flags, global);
  }
  std::cout.flush();
  if (flags.watch) {
    if (fetched.size() != 1) return fail("watch is only supported on individual resources");
    return watch(connection, *fetched.front().kind, watched_name, flags, global, resource_version);
  }
  return status;
}

}  // namespace

void add_get_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<GetFlags>();
  auto* cmd = app.add_subcommand("get", "Display one or many objects");
  cmd->add_option("resources", flags->args, "KIND [NAME...] | KIND/NAME... | KIND1,KIND2")
      ->required();
  cmd->add_option("-o,--output", flags->output, "Output format: wide, json, yaml or name");
  cmd->add_option("-l,--selector", flags->selector, "Label selector, e.g. app=nginx,tier!=db");
  cmd->add_flag("-w,--watch", flags->watch, "After listing, watch for changes");
  cmd->footer(examples_footer({
      {"The pods of namespace test, as kubectl shows them", "ordinal get pods -n test"},
      {"One StatefulSet with the API's defaults filled in",
       "ordinal get statefulset web -n test -o yaml"},
      {"Follow pod changes across every namespace", "ordinal get pods -A -w"},
  }));
  cmd->callback([&global, &exit_code, flags] { exit_code = run_get(global, *flags); });
}

}  // namespace ordinal::cli
