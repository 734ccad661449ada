// The CLI's renderings: YAML as kubectl prints it, kubectl's ages and table alignment.
#include <gtest/gtest.h>

#include "tools/cli/table_printer.hpp"
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

}  // namespace
}  // namespace ordinal::cli
