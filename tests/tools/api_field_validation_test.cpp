// Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`) of POST, PUT and PATCH,
// as kube-apiserver does it: Strict refuses unknown and duplicate fields with 400 naming each,
// Warn (the default) writes without them and says so in Warning headers, Ignore drops them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/tools/api_test_fixture.hpp"

namespace ordinal::api::testing {
namespace {

class FieldValidationTest : public ApiFixture {
 protected:
  static std::vector<std::string> warnings(const ApiResponse& response) {
    std::vector<std::string> found;
    for (const auto& [name, value] : response.headers)
      if (name == "Warning") found.push_back(value);
    return found;
  }

  // A StatefulSet body with a misspelt `replica` and an unknown container field.
  static Json misspelt(const std::string& name = "web") {
    Json body = stateful_set(name);
    body["spec"]["replica"] = 3;
    body["spec"]["template"]["spec"]["containers"][0]["imagePullPolice"] = "Always";
    return body;
  }

  Json stored(const std::string& name = "web") {
    return json(send("GET", std::string(kSets) + "/" + name));
  }

  void create_web() { ASSERT_EQ(send("POST", kSets, stateful_set("web")).status, 201u); }
};

TEST_F(FieldValidationTest, StrictCreateIsRefusedNamingEveryField) {
  auto response = send("POST", std::string(kSets) + "?fieldValidation=Strict", misspelt());
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(json(response)["reason"], "BadRequest");
  EXPECT_EQ(message(response),
            "strict decoding error: unknown field \"spec.replica\", unknown field "
            "\"spec.template.spec.containers[0].imagePullPolice\"");
  EXPECT_EQ(send("GET", kWeb).status, 404u) << "nothing was written";
}

TEST_F(FieldValidationTest, WarnIsTheDefaultAndWritesWithoutTheFields) {
  for (const std::string name : {"web", "db"}) {
    const std::string query = name == "web" ? "" : "?fieldValidation=Warn";
    auto response = send("POST", kSets + query, misspelt(name));
    ASSERT_EQ(response.status, 201u) << response.body;
    EXPECT_EQ(warnings(response),
              (std::vector<std::string>{
                  R"(299 - "unknown field \"spec.replica\"")",
                  R"(299 - "unknown field \"spec.template.spec.containers[0].imagePullPolice\"")"}))
        << query;
    Json set = stored(name);
    EXPECT_FALSE(set["spec"].contains("replica"));
    EXPECT_FALSE(set["spec"]["template"]["spec"]["containers"][0].contains("imagePullPolice"));
  }
}

TEST_F(FieldValidationTest, IgnoreDropsTheFieldsSilently) {
  auto response = send("POST", std::string(kSets) + "?fieldValidation=Ignore", misspelt());
  ASSERT_EQ(response.status, 201u) << response.body;
  EXPECT_TRUE(warnings(response).empty());
  EXPECT_FALSE(stored()["spec"].contains("replica"));
}

TEST_F(FieldValidationTest, DuplicateFieldsAreReportedByPath) {
  const std::string body =
      R"({"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},"spec":{)"
      R"("replicas":1,"replicas":2,"serviceName":"web","selector":{"matchLabels":{"app":"web"}},)"
      R"("template":{"metadata":{"labels":{"app":"web"}},)"
      R"("spec":{"containers":[{"name":"c","image":"nginx"}]}}}})";
  auto strict = send("POST", std::string(kSets) + "?fieldValidation=Strict", body);
  EXPECT_EQ(strict.status, 400u);
  EXPECT_EQ(message(strict), "strict decoding error: duplicate field \"spec.replicas\"");
  auto warned = send("POST", kSets, body);
  ASSERT_EQ(warned.status, 201u) << warned.body;
  EXPECT_EQ(warnings(warned),
            (std::vector<std::string>{R"(299 - "duplicate field \"spec.replicas\"")"}));
  EXPECT_EQ(stored()["spec"]["replicas"], 2) << "the last value counts, as in Go";
}

TEST_F(FieldValidationTest, PutInTheThreeModes) {
  create_web();
  Json current = stored();
  const std::string version = current["metadata"]["resourceVersion"];
  Json replacement = current;
  replacement["spec"]["replicas"] = 4;
  replacement["spec"]["bogus"] = true;
  auto strict = send("PUT", std::string(kWeb) + "?fieldValidation=Strict", replacement);
  EXPECT_EQ(strict.status, 400u);
  EXPECT_EQ(message(strict), "strict decoding error: unknown field \"spec.bogus\"");
  EXPECT_EQ(stored()["metadata"]["resourceVersion"], version) << "the object is unchanged";

  auto warned = send("PUT", kWeb, replacement);
  ASSERT_EQ(warned.status, 200u) << warned.body;
  EXPECT_EQ(warnings(warned),
            (std::vector<std::string>{R"(299 - "unknown field \"spec.bogus\"")"}));
  EXPECT_EQ(stored()["spec"]["replicas"], 4);

  replacement = stored();
  replacement["spec"]["replicas"] = 5;
  replacement["spec"]["bogus"] = true;
  auto ignored = send("PUT", std::string(kWeb) + "?fieldValidation=Ignore", replacement);
  ASSERT_EQ(ignored.status, 200u) << ignored.body;
  EXPECT_TRUE(warnings(ignored).empty());
  EXPECT_EQ(stored()["spec"]["replicas"], 5);
  EXPECT_FALSE(stored()["spec"].contains("bogus"));
}

// The patched object is what is validated, whatever the patch type.
TEST_F(FieldValidationTest, PatchesInTheThreeModes) {
  create_web();
  const std::string version = stored()["metadata"]["resourceVersion"];
  const std::string merge = R"({"spec":{"replica":3,"minReadySeconds":2}})";
  auto strict = send("PATCH", std::string(kWeb) + "?fieldValidation=Strict", merge, kMerge);
  EXPECT_EQ(strict.status, 400u);
  EXPECT_EQ(message(strict), "strict decoding error: unknown field \"spec.replica\"");
  EXPECT_EQ(stored()["metadata"]["resourceVersion"], version);

  auto warned = send("PATCH", kWeb, merge, kMerge);
  ASSERT_EQ(warned.status, 200u) << warned.body;
  EXPECT_EQ(warnings(warned),
            (std::vector<std::string>{R"(299 - "unknown field \"spec.replica\"")"}));
  EXPECT_EQ(stored()["spec"]["minReadySeconds"], 2);
  EXPECT_FALSE(stored()["spec"].contains("replica"));

  const std::string strategic =
      R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","imagePullPolice":"Always"}]}}}})";
  auto strict_strategic =
      send("PATCH", std::string(kWeb) + "?fieldValidation=Strict", strategic, kStrategic);
  EXPECT_EQ(strict_strategic.status, 400u);
  EXPECT_EQ(message(strict_strategic),
            "strict decoding error: unknown field "
            "\"spec.template.spec.containers[0].imagePullPolice\"");
  auto ignored =
      send("PATCH", std::string(kWeb) + "?fieldValidation=Ignore", strategic, kStrategic);
  ASSERT_EQ(ignored.status, 200u) << ignored.body;
  EXPECT_TRUE(warnings(ignored).empty());

  const std::string json_patch = R"([{"op":"add","path":"/spec/extra","value":1}])";
  auto strict_json =
      send("PATCH", std::string(kWeb) + "?fieldValidation=Strict", json_patch, kJsonPatch);
  EXPECT_EQ(strict_json.status, 400u);
  EXPECT_EQ(message(strict_json), "strict decoding error: unknown field \"spec.extra\"");
}

TEST_F(FieldValidationTest, FieldsRepeatedInAPatchAreDuplicates) {
  create_web();
  const std::string patch = R"({"spec":{"minReadySeconds":1,"minReadySeconds":3}})";
  auto strict = send("PATCH", std::string(kWeb) + "?fieldValidation=Strict", patch, kMerge);
  EXPECT_EQ(strict.status, 400u);
  EXPECT_EQ(message(strict), "strict decoding error: duplicate field \"spec.minReadySeconds\"");
  auto warned = send("PATCH", kWeb, patch, kStrategic);
  ASSERT_EQ(warned.status, 200u) << warned.body;
  EXPECT_EQ(warnings(warned),
            (std::vector<std::string>{R"(299 - "duplicate field \"spec.minReadySeconds\"")"}));
  EXPECT_EQ(stored()["spec"]["minReadySeconds"], 3);
}

TEST_F(FieldValidationTest, OtherModesAreBadRequests) {
  create_web();
  auto response =
      send("POST", std::string(kSets) + "?fieldValidation=strictly", stateful_set("db"));
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(message(response),
            "fieldValidation must be one of \"Ignore\", \"Warn\" or \"Strict\", got \"strictly\"");
  EXPECT_EQ(
      send("PATCH", std::string(kWeb) + "?fieldValidation=x", std::string("{}"), kMerge).status,
      400u);
}

}  // namespace
}  // namespace ordinal::api::testing
