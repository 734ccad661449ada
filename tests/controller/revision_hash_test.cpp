// ControllerRevision data, hash and name of SS-12.1/12.2.
#include "controller/revision_hash.hpp"

#include <gtest/gtest.h>

#include <string>

#include "set_fixtures.hpp"

namespace ordinal::controller {
namespace {

using identity::StatefulSet;
using testing::Json;

StatefulSet small_set() {
  return StatefulSet::from_json(Json::parse(R"({
    "metadata": {"name": "web", "namespace": "default", "uid": "uid-web"},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
             "template": {"metadata": {"labels": {"app": "web"}},
                          "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27",
                                                   "args": ["a<b&c>d"]}]}}}
  })"));
}

// SS-12.2: FNV-1 (not FNV-1a), 32 bits; published test vectors.
TEST(RevisionHash, Fnv1Vectors_SS_12_2) {
  EXPECT_EQ(fnv1_32(""), 0x811c9dc5U);
  EXPECT_EQ(fnv1_32("a"), 0x050c5d7eU);
  EXPECT_EQ(fnv1_32("foobar"), 0x31f0b262U);
}

// SS-12.2: the vowel-free alphabet, indexed by byte value modulo 27.
TEST(RevisionHash, SafeEncodeAlphabet_SS_12_2) {
  EXPECT_EQ(safe_encode("0123456789"), "456789bcdf");
  EXPECT_EQ(safe_encode(""), "");
}

// SS-12.1: data holds only the template, marked as a full replacement, encoded as Go does.
TEST(RevisionHash, DataIsTemplateReplacePatch_SS_12_1) {
  const Json data = revision_data(small_set());
  EXPECT_EQ(encode_revision_data(data),
            R"({"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"web"}},)"
            R"("spec":{"containers":[{"args":["a\u003cb\u0026c\u003ed"],"image":"nginx:1.27",)"
            R"("name":"nginx"}]}}}})");
}

// SS-12.2: hash of the encoded data followed by the collision count (reference values
// computed independently from the same rule).
TEST(RevisionHash, HashAppendsCollisionCount_SS_12_2) {
  const Json data = revision_data(small_set());
  EXPECT_EQ(revision_hash(data, 0), "5f4f95d5b8");
  EXPECT_EQ(revision_hash(data, 1), "5f4f95d5b9");
  EXPECT_NE(revision_hash(data, std::nullopt), revision_hash(data, 0));
}

// SS-12.2: only the template counts; any template change changes the hash.
TEST(RevisionHash, HashDependsOnTemplateOnly_SS_12_2) {
  const StatefulSet set = small_set();
  Json json = set.to_json();
  json["spec"]["replicas"] = 5;
  json["metadata"]["annotations"] = {{"a", "b"}};
  EXPECT_EQ(revision_hash(revision_data(StatefulSet::from_json(json)), 0),
            revision_hash(revision_data(set), 0));
  json["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.28";
  EXPECT_NE(revision_hash(revision_data(StatefulSet::from_json(json)), 0),
            revision_hash(revision_data(set), 0));
}

// SS-12.1: `<set name cut to 223>-<hash>`.
TEST(RevisionHash, NameCutsSetNameTo223_SS_12_1) {
  EXPECT_EQ(revision_name("web", "5f4f95d5b8"), "web-5f4f95d5b8");
  const std::string long_name(250, 'a');
  EXPECT_EQ(revision_name(long_name, "h"), std::string(223, 'a') + "-h");
}

// SS-12.1: the ControllerRevision object's fields.
TEST(RevisionHash, NewRevisionObject_SS_12_1) {
  Json json = small_set().to_json();
  json["metadata"]["annotations"] = {{"team", "storage"}};
  const StatefulSet set = StatefulSet::from_json(json);
  const Json revision = new_revision(set, 4, 0);
  const std::string hash = revision_hash(revision_data(set), 0);
  EXPECT_EQ(revision["apiVersion"], "apps/v1");
  EXPECT_EQ(revision["kind"], "ControllerRevision");
  EXPECT_EQ(revision["metadata"]["name"], "web-" + hash);
  EXPECT_EQ(revision["metadata"]["namespace"], "default");
  EXPECT_EQ(revision["metadata"]["labels"],
            Json({{"app", "web"}, {"controller.kubernetes.io/hash", hash}}));
  EXPECT_EQ(revision["metadata"]["annotations"], Json({{"team", "storage"}}));
  EXPECT_EQ(revision["metadata"]["ownerReferences"][0]["uid"], "uid-web");
  EXPECT_EQ(revision["metadata"]["ownerReferences"][0]["controller"], true);
  EXPECT_EQ(revision["data"], revision_data(set));
  EXPECT_EQ(revision["revision"], 4);
}

}  // namespace
}  // namespace ordinal::controller
