// The CLI's renderings: YAML as kubectl prints it, kubectl's ages and table alignment.
#include <gtest/gtest.h>

#include "tools/api/table_response.hpp"
#include "tools/cli/table_printer.hpp"
#include "tools/cli/table_reader.hpp"
#include "tools/cli/yaml_writer.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

TEST(YamlWriter, BlockStyleWithListsAtTheKeysIndentation) {
  Json object = {{"apiVersion", "v1"},
                 {"kind", "Service"},
                 {"spec",
                  {{"ports", {{{"name", "web"}, {"port", 80}}}},
                   {"clusterIP", "None"},
                   {"selector", Json::object()}}}};
  EXPECT_EQ(to_yaml(object),
            "apiVersion: v1\nkind: Service\nspec:\n  clusterIP: None\n  ports:\n  - name: web\n"
            "    port: 80\n  selector: {}\n");
}

TEST(YamlWriter, QuotesStringsThatWouldReadAsOtherTypes) {
  Json object = {{"a", "80"},     {"b", "true"}, {"c", ""},    {"d", "x: y"},       {"e", "plain"},
                 {"f", "- dash"}, {"g", "null"}, {"h", "1.5"}, {"i", "line\nbreak"}};
  EXPECT_EQ(to_yaml(object),
            "a: \"80\"\nb: \"true\"\nc: \"\"\nd: \"x: y\"\ne: plain\nf: \"- dash\"\n"
            "g: \"null\"\nh: \"1.5\"\ni: \"line\\nbreak\"\n");
}

TEST(YamlWriter, NestedListsAndScalars) {
  EXPECT_EQ(to_yaml(Json{{"args", {"-c", "echo"}}, {"m", {{1, 2}}}}),
            "args:\n- -c\n- echo\nm:\n- - 1\n  - 2\n");
  EXPECT_EQ(to_yaml(Json::array()), "[]\n");
}

TEST(HumanDuration, MatchesKubectl) {
  using std::chrono::seconds;
  EXPECT_EQ(human_duration(seconds(5)), "5s");
  EXPECT_EQ(human_duration(seconds(119)), "119s");
  EXPECT_EQ(human_duration(seconds(125)), "2m5s");
  EXPECT_EQ(human_duration(seconds(600)), "10m");
  EXPECT_EQ(human_duration(seconds(3 * 3600 + 120)), "3h2m");
  EXPECT_EQ(human_duration(seconds(20 * 3600)), "20h");
  EXPECT_EQ(human_duration(seconds(3 * 86400 + 3600)), "3d1h");
  EXPECT_EQ(human_duration(seconds(30 * 86400)), "30d");
  EXPECT_EQ(human_duration(seconds(-5)), "<invalid>");
}

TEST(Tables, PodColumnsAndAlignment) {
  Json pod = {
      {"metadata",
       {{"name", "web-0"}, {"namespace", "test"}, {"creationTimestamp", "2026-01-01T00:00:00Z"}}},
      {"spec", {{"containers", {{{"name", "nginx"}}}}}},
      {"status",
       {{"phase", "Running"}, {"containerStatuses", {{{"ready", true}, {"restartCount", 2}}}}}}};
  TableOptions options;
  options.now = std::chrono::system_clock::from_time_t(1767225600 + 90);  // 90 s later
  auto rows = table_rows(*identity::find_kind("Pod"), {pod}, options);
  EXPECT_EQ(format_table(rows),
            "NAME    READY   STATUS    RESTARTS   AGE\n"
            "web-0   1/1     Running   2          90s\n");
  pod["metadata"]["deletionTimestamp"] = "2026-01-01T00:01:00Z";
  EXPECT_EQ(table_rows(*identity::find_kind("Pod"), {pod}, options)[1][2], "Terminating");
}

TEST(Tables, PersistentVolumeClaimColumns) {
  Json pvc = {{"metadata", {{"name", "www-web-0"}}},
              {"spec", {{"volumeName", "pv-1"}, {"storageClassName", "local"}}},
              {"status",
               {{"phase", "Bound"},
                {"capacity", {{"storage", "1Gi"}}},
                {"accessModes", {"ReadWriteOnce"}}}}};
  auto rows = table_rows(*identity::find_kind("PersistentVolumeClaim"), {pvc}, {});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES",
                                      "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"}));
  EXPECT_EQ(rows[1][1], "Bound");
  EXPECT_EQ(rows[1][2], "pv-1");
  EXPECT_EQ(rows[1][3], "1Gi");
  EXPECT_EQ(rows[1][4], "RWO");
}

// A list printed by the server and read back by `ordinal get`: large enough that the server
// writes it in two halves, with a cell that needs escaping.
TEST(Tables, ServerPrintedListReadsBackRowForRow) {
  const auto now = std::chrono::system_clock::from_time_t(1767225600 + 90);
  std::vector<Json> pods;
  for (int i = 0; i < 12000; ++i)
    pods.push_back({{"metadata",
                     {{"name", "web-" + std::to_string(i)},
                      {"namespace", "ns-" + std::to_string(i % 7)},
                      {"creationTimestamp", "2026-01-01T00:00:00Z"}}},
                    {"spec", {{"containers", {{{"name", "nginx"}}}}}},
                    {"status", {{"phase", "Running"}}}});
  pods[6001]["status"]["reason"] = "Evicted \"node\" \\ \u00fc\n";
  std::vector<const Json*> objects;
  for (const auto& pod : pods) objects.push_back(&pod);
  const std::string text =
      api::table_json(*identity::find_kind("Pod"), objects, api::TableRequest{}, "42", now);

  auto table = read_table(text);
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->resource_version, "42");
  ASSERT_EQ(table->rows.size(), pods.size());
  for (std::size_t i = 0; i < pods.size(); ++i) {
    ASSERT_EQ(table->rows[i].cells.at(0), "web-" + std::to_string(i));
    ASSERT_EQ(table->rows[i].ns, "ns-" + std::to_string(i % 7));
  }
  EXPECT_EQ(table->rows[6001].cells.at(2), "Evicted \"node\" \\ \u00fc\n");
  EXPECT_EQ(table->rows[6002].cells.at(2), "Running");
  EXPECT_EQ(table->rows[6002].cells.at(3), "0");  // an integer column

  TableOptions options;
  options.with_namespace = true;
  options.with_kind_prefix = true;
  auto rows = table_rows(*identity::find_kind("Pod"), *table, options);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"}));
  EXPECT_EQ(rows[8], (std::vector<std::string>{"ns-0", "pod/web-7", "0/1", "Running", "0", "90s"}));
  options.wide = true;
  EXPECT_EQ(table_rows(*identity::find_kind("Pod"), *table, options)[0].size(), 10u);
}

TEST(Tables, WhatIsNotATableIsAnErrorNamingIt) {
  auto not_json = read_table(R"({"kind":"Table","rows":[)");
  ASSERT_FALSE(not_json);
  EXPECT_NE(not_json.error().message.find("not JSON"), std::string::npos);
  auto list = read_table(R"({"kind":"PodList","items":[]})");
  ASSERT_FALSE(list);
  EXPECT_NE(list.error().message.find("\"PodList\" where a Table was asked for"),
            std::string::npos);
}

}  // namespace
}  // namespace ordinal::cli
