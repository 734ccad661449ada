// Naming rules of statefulset.md §0, SS-3.1, SS-4.1 and the matching of SS-5.1.
#include "controller/naming.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "set_fixtures.hpp"

namespace ordinal::controller {
namespace {

using testing::bare_pod;
using testing::Json;
using testing::web_set;

struct SplitCase {
  std::string name;
  std::string parent;
  std::int32_t ordinal;
};

// §0: the digits after the last '-' are the ordinal (32-bit), the text before is the parent.
TEST(Naming, SplitPodNameFollowsSection0) {
  const std::vector<SplitCase> cases = {
      {"web-0", "web", 0},
      {"web-12", "web", 12},
      {"my-web-3", "my-web", 3},
      {"web-1-2", "web-1", 2},
      {"web-007", "web", 7},
      {"web-2147483647", "web", 2147483647},
      // Too big for 32 bits: the parent stays, the ordinal is -1 (claimed, then ignored, SS-5.4).
      {"web-2147483648", "web", -1},
      {"web-99999999999999999999", "web", -1},
      {"-4", "", 4},
      {"web", "", -1},
      {"web-", "", -1},
      {"web-a", "", -1},
      {"web-1a", "", -1},
      {"web-+1", "", -1},
      {"web--1", "web-", 1},
      {"", "", -1},
  };
  for (const SplitCase& c : cases) {
    SCOPED_TRACE(c.name);
    const PodNameParts parts = split_pod_name(c.name);
    EXPECT_EQ(parts.parent, c.parent);
    EXPECT_EQ(parts.ordinal, c.ordinal);
    EXPECT_EQ(parse_ordinal(c.name), c.ordinal);
    EXPECT_EQ(parent_name(c.name), c.parent);
  }
}

// SS-3.1: `<set>-<ordinal>`, decimal, no padding; the name parses back to the same parts.
TEST(Naming, PodNameIsSetNameDashOrdinal_SS_3_1) {
  const identity::StatefulSet set = web_set();
  EXPECT_EQ(pod_name(set, 0), "web-0");
  EXPECT_EQ(pod_name(set, 10), "web-10");
  for (const std::int32_t ordinal : {0, 1, 9, 10, 123456, 2147483647}) {
    const PodNameParts parts = split_pod_name(pod_name(set, ordinal));
    EXPECT_EQ(parts.parent, "web");
    EXPECT_EQ(parts.ordinal, ordinal);
  }
}

// SS-4.1: `<template>-<set>-<ordinal>`.
TEST(Naming, ClaimNameIsTemplateSetOrdinal_SS_4_1) {
  const identity::StatefulSet set = web_set();
  ASSERT_EQ(set.spec.volume_claim_templates.size(), 1U);
  EXPECT_EQ(claim_name(set.spec.volume_claim_templates[0], set, 0), "www-web-0");
  EXPECT_EQ(claim_name(set.spec.volume_claim_templates[0], set, 42), "www-web-42");
}

// §0: in range is start <= o <= start + replicas - 1.
TEST(Naming, InRangeUsesStartAndReplicas_Section0) {
  Json json = testing::web_set_json();
  const identity::StatefulSet plain = identity::StatefulSet::from_json(json);
  EXPECT_TRUE(in_range(plain, 0));
  EXPECT_TRUE(in_range(plain, 2));
  EXPECT_FALSE(in_range(plain, 3));
  EXPECT_FALSE(in_range(plain, -1));

  json["spec"]["ordinals"] = {{"start", 5}};
  const identity::StatefulSet shifted = identity::StatefulSet::from_json(json);
  EXPECT_FALSE(in_range(shifted, 4));
  EXPECT_TRUE(in_range(shifted, 5));
  EXPECT_TRUE(in_range(shifted, 7));
  EXPECT_FALSE(in_range(shifted, 8));

  json["spec"]["replicas"] = 0;
  EXPECT_FALSE(in_range(identity::StatefulSet::from_json(json), 5));
  json["spec"].erase("replicas");  // unset = 1 (SS-1.1)
  EXPECT_TRUE(in_range(identity::StatefulSet::from_json(json), 5));
  EXPECT_FALSE(in_range(identity::StatefulSet::from_json(json), 6));
}

struct MemberCase {
  std::string what;
  std::string name;
  std::string ns;
  Json labels;
  bool member;
};

// SS-5.1: parent name equals the set name and the selector matches the labels.
TEST(Naming, IsMemberOfNeedsParentNameAndSelector_SS_5_1) {
  const identity::StatefulSet set = web_set();
  const std::vector<MemberCase> cases = {
      {"matching", "web-0", "default", {{"app", "web"}}, true},
      {"extra labels", "web-7", "default", {{"app", "web"}, {"x", "y"}}, true},
      {"ordinal too big still claimed", "web-99999999999", "default", {{"app", "web"}}, true},
      {"selector mismatch", "web-0", "default", {{"app", "db"}}, false},
      {"no labels", "web-0", "default", Json::object(), false},
      {"other parent", "webx-0", "default", {{"app", "web"}}, false},
      {"longer parent", "web-0-1", "default", {{"app", "web"}}, false},
      {"no ordinal", "web", "default", {{"app", "web"}}, false},
      {"other namespace", "web-0", "other", {{"app", "web"}}, false},
  };
  for (const MemberCase& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(is_member_of(set, bare_pod(c.name, c.ns, c.labels)), c.member);
  }
}

// SS-5.1 with matchExpressions; a missing selector matches nothing (SS-1.2 requires one).
TEST(Naming, IsMemberOfUsesWholeSelector_SS_5_1) {
  Json json = testing::web_set_json();
  json["spec"]["selector"] = Json::parse(
      R"({"matchLabels": {"app": "web"},
          "matchExpressions": [{"key": "tier", "operator": "In", "values": ["front"]}]})");
  const identity::StatefulSet set = identity::StatefulSet::from_json(json);
  EXPECT_TRUE(is_member_of(set, bare_pod("web-0", "default", {{"app", "web"}, {"tier", "front"}})));
  EXPECT_FALSE(is_member_of(set, bare_pod("web-0", "default", {{"app", "web"}})));

  json["spec"].erase("selector");
  EXPECT_FALSE(is_member_of(identity::StatefulSet::from_json(json),
                            bare_pod("web-0", "default", {{"app", "web"}})));
}

}  // namespace
}  // namespace ordinal::controller
