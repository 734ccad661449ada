// Label selectors: the string grammar of `-l` / `?labelSelector=`, the metav1.LabelSelector
// object form, matching and the canonical string.
#include "identity/label_selector.hpp"

#include <gtest/gtest.h>

namespace ordinal::identity {
namespace {

using Labels = std::map<std::string, std::string>;

LabelSelector parsed(std::string_view text) {
  std::string error;
  auto s = LabelSelector::parse(text, &error);
  EXPECT_TRUE(s) << text << ": " << error;
  return s.value_or(LabelSelector{});
}

TEST(LabelSelector, EmptyMatchesEverything) {
  for (const char* text : {"", "   "}) {
    const LabelSelector s = parsed(text);
    EXPECT_TRUE(s.empty());
    EXPECT_TRUE(s.matches({}));
    EXPECT_TRUE(s.matches({{"app", "web"}}));
  }
}

TEST(LabelSelector, ParsesEveryOperator) {
  struct Case {
    const char* text;
    Labels labels;
    bool match;
  };
  const std::vector<Case> cases = {
      {"app=web", {{"app", "web"}}, true},
      {"app=web", {{"app", "db"}}, false},
      {"app=web", {}, false},
      {"app==web", {{"app", "web"}}, true},
      {"app!=web", {{"app", "db"}}, true},
      {"app!=web", {}, true},  // absent differs too
      {"app!=web", {{"app", "web"}}, false},
      {"env in (prod, staging)", {{"env", "staging"}}, true},
      {"env in (prod,staging)", {{"env", "dev"}}, false},
      {"env in (prod)", {}, false},
      {"env notin (prod)", {{"env", "dev"}}, true},
      {"env notin (prod)", {}, true},
      {"env notin (prod,dev)", {{"env", "dev"}}, false},
      {"canary", {{"canary", ""}}, true},
      {"canary", {}, false},
      {"!canary", {}, true},
      {"!canary", {{"canary", "yes"}}, false},
      {"app=", {{"app", ""}}, true},
      {"app=web,tier!=db,env in (a,b),!canary,track",
       {{"app", "web"}, {"tier", "front"}, {"env", "a"}, {"track", "x"}},
       true},
      {"app=web,tier!=db,env in (a,b),!canary,track",
       {{"app", "web"}, {"tier", "front"}, {"env", "a"}, {"track", "x"}, {"canary", "1"}},
       false},
      {"  app = web ,  example.com/role in ( a , b )  ",
       {{"app", "web"}, {"example.com/role", "b"}},
       true},
  };
  for (const auto& c : cases) EXPECT_EQ(parsed(c.text).matches(c.labels), c.match) << c.text;
}

TEST(LabelSelector, MalformedStringsAreErrors) {
  for (const char* text : {"app=web,", ",app", "app in", "app in ()", "app in (a", "app in a,b)",
                           "app notin", "app=web=x", "=web", "!", "!app=web", "app web", "app > 3",
                           "-app=web", "app=-web", "Example.com/app=x", "a/b/c=x", "app=(x)"}) {
    std::string error;
    EXPECT_FALSE(LabelSelector::parse(text, &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

TEST(LabelSelector, CanonicalStringIsSortedByKey) {
  EXPECT_EQ(parsed("tier!=db, app = web ,env in (b,a),!canary,track").to_string(),
            "app=web,!canary,env in (a,b),tier!=db,track");
  EXPECT_EQ(parsed("app==web").to_string(), "app=web");
  EXPECT_EQ(parsed("x notin (c, a)").to_string(), "x notin (a,c)");
  const std::string canonical = "a=1,b in (x,y),!c,d!=2,e notin (z),f";
  EXPECT_EQ(parsed(canonical).to_string(), canonical);
}

TEST(LabelSelector, FromJsonCombinesMatchLabelsAndExpressions) {
  const Json j = Json::parse(R"({
    "matchLabels": {"app": "web"},
    "matchExpressions": [
      {"key": "env", "operator": "In", "values": ["prod", "staging"]},
      {"key": "tier", "operator": "NotIn", "values": ["db"]},
      {"key": "track", "operator": "Exists"},
      {"key": "canary", "operator": "DoesNotExist", "values": []}
    ]})");
  std::string error;
  auto s = LabelSelector::from_json(j, &error);
  ASSERT_TRUE(s) << error;
  EXPECT_TRUE(s->matches({{"app", "web"}, {"env", "prod"}, {"track", ""}}));
  EXPECT_FALSE(s->matches({{"app", "web"}, {"env", "prod"}}));
  EXPECT_FALSE(s->matches({{"app", "web"}, {"env", "prod"}, {"track", ""}, {"tier", "db"}}));
  EXPECT_FALSE(s->matches({{"app", "web"}, {"env", "prod"}, {"track", ""}, {"canary", "1"}}));
  EXPECT_EQ(s->to_string(), "app=web,!canary,env in (prod,staging),tier notin (db),track");
  EXPECT_TRUE(LabelSelector::from_json(Json::object())->empty());
}

TEST(LabelSelector, FromJsonRejectsInvalidExpressions) {
  for (const char* text : {
           R"({"matchExpressions": [{"key": "env", "operator": "In"}]})",
           R"({"matchExpressions": [{"key": "env", "operator": "NotIn", "values": []}]})",
           R"({"matchExpressions": [{"key": "env", "operator": "Exists", "values": ["x"]}]})",
           R"({"matchExpressions": [{"key": "env", "operator": "DoesNotExist", "values": ["x"]}]})",
           R"({"matchExpressions": [{"key": "env", "operator": "Gt", "values": ["1"]}]})",
           R"({"matchExpressions": [{"operator": "Exists"}]})",
           R"({"matchExpressions": [{"key": "env", "operator": "In", "values": [1]}]})",
           R"({"matchExpressions": {"key": "env"}})",
           R"({"matchLabels": {"app": 3}})",
           R"({"matchLabels": {"bad key": "x"}})",
           R"({"matchLabels": {"app": "not valid!"}})",
           R"([])",
       }) {
    std::string error;
    EXPECT_FALSE(LabelSelector::from_json(Json::parse(text), &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

TEST(LabelSelector, MatchesObjectLabels) {
  const LabelSelector s = parsed("app=web");
  EXPECT_TRUE(s.matches_object(Json::parse(R"({"metadata": {"labels": {"app": "web"}}})")));
  EXPECT_FALSE(s.matches_object(Json::parse(R"({"metadata": {"name": "x"}})")));
  EXPECT_TRUE(parsed("!app").matches_object(Json::parse(R"({"metadata": {}})")));
}

}  // namespace
}  // namespace ordinal::identity
