// Claims of a StatefulSet's pod: SS-4.1/4.2 (name, namespace, labels, template as written) and
// the set's owner reference of SS-14.4.
#include "controller/claims.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "set_fixtures.hpp"

namespace ordinal::controller {
namespace {

using identity::StatefulSet;
using testing::Json;

StatefulSet with_policy(const std::string& when_deleted, const std::string& when_scaled) {
  Json json = testing::web_set_json();
  Json policy = Json::object();
  if (!when_deleted.empty()) policy["whenDeleted"] = when_deleted;
  if (!when_scaled.empty()) policy["whenScaled"] = when_scaled;
  json["spec"]["persistentVolumeClaimRetentionPolicy"] = policy;
  return StatefulSet::from_json(json);
}

const Json kSetReference = Json::parse(R"([{"apiVersion": "apps/v1", "kind": "StatefulSet",
    "name": "web", "uid": "uid-web", "controller": true, "blockOwnerDeletion": true}])");

// SS-4.1/4.2: one claim per template, named and labelled from the set, the rest as written.
TEST(Claims, NewClaimFromTemplate_SS_4_1_SS_4_2) {
  const std::vector<Json> claims = new_claims(testing::web_set(), 2);
  ASSERT_EQ(claims.size(), 1U);
  const Json expected = Json::parse(R"({
    "apiVersion": "v1", "kind": "PersistentVolumeClaim",
    "metadata": {"name": "www-web-2", "namespace": "default",
                 "labels": {"app": "web", "kind": "data"},
                 "annotations": {"backup": "daily"}},
    "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
             "resources": {"requests": {"storage": "1Gi"}}}
  })");
  EXPECT_EQ(claims[0], expected);  // the selector's app=web beat the template's app=claim
}

// SS-4.2: a template without labels gets the selector's matchLabels; matchExpressions add
// nothing.
TEST(Claims, SelectorLabelsWithoutTemplateLabels_SS_4_2) {
  Json json = testing::web_set_json();
  json["spec"]["selector"]["matchExpressions"] =
      Json::parse(R"([{"key": "tier", "operator": "Exists"}])");
  json["spec"]["volumeClaimTemplates"][0]["metadata"].erase("labels");
  const std::vector<Json> claims = new_claims(StatefulSet::from_json(json), 0);
  ASSERT_EQ(claims.size(), 1U);
  EXPECT_EQ(claims[0]["metadata"]["labels"], Json::parse(R"({"app": "web"})"));
}

// SS-4.1: templates in order; no templates, no claims.
TEST(Claims, OneClaimPerTemplateInOrder_SS_4_1) {
  const std::vector<Json> claims = new_claims(testing::with_logs_template(testing::web_set()), 7);
  ASSERT_EQ(claims.size(), 2U);
  EXPECT_EQ(claims[0]["metadata"]["name"], "www-web-7");
  EXPECT_EQ(claims[1]["metadata"]["name"], "logs-web-7");
  EXPECT_EQ(claims[1]["metadata"]["labels"], Json::parse(R"({"app": "web"})"));

  Json json = testing::web_set_json();
  json["spec"].erase("volumeClaimTemplates");
  EXPECT_TRUE(new_claims(StatefulSet::from_json(json), 0).empty());
}

struct PolicyCase {
  std::string when_deleted;
  std::string when_scaled;
  std::int32_t ordinal;  // replicas 3: 0..2 in range, 3 condemned
  bool set_owned;
};

// SS-14.4 (and SS-1.12: unset = Retain): the set owns the claims only with whenDeleted Delete,
// and of a condemned ordinal only when whenScaled is Retain (otherwise the pod owns them).
TEST(Claims, SetReferencePerRetentionPolicy_SS_14_4) {
  const std::vector<PolicyCase> cases = {
      {"", "", 0, false},
      {"Retain", "Retain", 0, false},
      {"Retain", "Retain", 3, false},
      {"Delete", "Retain", 0, true},
      {"Delete", "Retain", 3, true},
      {"Delete", "", 3, true},
      {"Retain", "Delete", 0, false},
      {"Retain", "Delete", 3, false},
      {"Delete", "Delete", 2, true},
      {"Delete", "Delete", 3, false},
  };
  for (const PolicyCase& c : cases) {
    SCOPED_TRACE(c.when_deleted + "/" + c.when_scaled + " ordinal " + std::to_string(c.ordinal));
    const StatefulSet set = with_policy(c.when_deleted, c.when_scaled);
    EXPECT_EQ(set_owns_claims(set, c.ordinal), c.set_owned);
    const std::vector<Json> claims = new_claims(set, c.ordinal);
    ASSERT_EQ(claims.size(), 1U);
    if (c.set_owned)
      EXPECT_EQ(claims[0]["metadata"]["ownerReferences"], kSetReference);
    else
      EXPECT_FALSE(claims[0]["metadata"].contains("ownerReferences"));
  }
}

// SS-14.4: other owner references written in the template are kept; the set's is not doubled.
TEST(Claims, KeepsOtherOwnerReferences_SS_14_4) {
  Json json = testing::web_set_json();
  json["spec"]["persistentVolumeClaimRetentionPolicy"] = {{"whenDeleted", "Delete"}};
  const Json other = Json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap", "name": "c",
      "uid": "uid-c"})");
  json["spec"]["volumeClaimTemplates"][0]["metadata"]["ownerReferences"] = Json::array({other});
  const std::vector<Json> claims = new_claims(StatefulSet::from_json(json), 0);
  ASSERT_EQ(claims.size(), 1U);
  const Json& refs = claims[0]["metadata"]["ownerReferences"];
  ASSERT_EQ(refs.size(), 2U);
  EXPECT_EQ(refs[0], other);
  EXPECT_EQ(refs[1], kSetReference[0]);
}

}  // namespace
}  // namespace ordinal::controller
