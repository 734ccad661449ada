// kubectl's client-side apply: the three-way merge patch, and the argument grammar.
#include <gtest/gtest.h>

#include "tools/cli/apply.hpp"
#include "tools/cli/resource_args.hpp"
#include "tools/cli/serve_options.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

TEST(ThreeWayMergePatch, UnchangedManifestGivesAnEmptyPatch) {
  Json applied = {{"spec", {{"replicas", 3}, {"serviceName", "nginx"}}}};
  Json live = {{"spec", {{"replicas", 3}, {"serviceName", "nginx"}, {"revisionHistoryLimit", 10}}},
               {"status", {{"replicas", 3}}}};
  EXPECT_EQ(three_way_merge_patch(applied, applied, live), Json::object());
}

TEST(ThreeWayMergePatch, ChangesAndRemovalsButNotServerDefaults) {
  Json last = {{"metadata", {{"labels", {{"a", "1"}, {"b", "2"}}}}}, {"spec", {{"replicas", 3}}}};
  Json modified = {{"metadata", {{"labels", {{"a", "1"}}}}}, {"spec", {{"replicas", 5}}}};
  Json live = {{"metadata", {{"labels", {{"a", "1"}, {"b", "2"}}}, {"uid", "u"}}},
               {"spec", {{"replicas", 3}, {"revisionHistoryLimit", 10}}}};
  EXPECT_EQ(three_way_merge_patch(last, modified, live),
            (Json{{"metadata", {{"labels", {{"b", nullptr}}}}}, {"spec", {{"replicas", 5}}}}));
}

TEST(ThreeWayMergePatch, ListsAreReplacedWhole) {
  Json modified = {{"args", {"a", "b"}}};
  Json live = {{"args", {"a"}}};
  EXPECT_EQ(three_way_merge_patch(Json::object(), modified, live), modified);
}

TEST(ResourceArgs, KubectlForms) {
  auto one = parse_resource_args({"sts", "web", "db"});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].kind->kind, "StatefulSet");
  EXPECT_EQ(one[0].names, (std::vector<std::string>{"web", "db"}));
  auto slashed = parse_resource_args({"pod/web-0", "pod/web-1", "svc/nginx"});
  ASSERT_EQ(slashed.size(), 2u);
  EXPECT_EQ(slashed[0].names.size(), 2u);
  EXPECT_EQ(slashed[1].kind->kind, "Service");
  auto several = parse_resource_args({"pods,pvc"});
  EXPECT_EQ(several.size(), 2u);
  EXPECT_THROW(parse_resource_args({"bogus"}), std::invalid_argument);
  EXPECT_THROW(parse_resource_args({"pods,svc", "x"}), std::invalid_argument);
}

TEST(ServeOptions, HostPortAndDurations) {
  EXPECT_EQ(parse_host_port("127.0.0.1:1053", "x").port, 1053);
  EXPECT_EQ(parse_host_port("[::1]:0", "x").host, "::1");
  EXPECT_THROW(parse_host_port("127.0.0.1", "x"), std::invalid_argument);
  EXPECT_THROW(parse_host_port("127.0.0.1:70000", "x"), std::invalid_argument);
  EXPECT_EQ(parse_duration("1s").count(), 1000);
  EXPECT_EQ(parse_duration("1m30s").count(), 90000);
  EXPECT_EQ(parse_duration("250ms").count(), 250);
  EXPECT_THROW(parse_duration("soon"), std::invalid_argument);
}

}  // namespace
}  // namespace ordinal::cli
