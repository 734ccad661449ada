// OpenAPI v3 documents: the paths kubectl's explain and field-validation check look at, the
// schemas generated from the server's field tree, and serving them once with an ETag.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <sstream>
#include <string>

#include "identity/kinds.hpp"
#include "identity/schema_tree.hpp"
#include "tools/api/openapi.hpp"
#include "tools/api/openapi_schemas.hpp"
#include "tools/api/request_target.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

constexpr const char* kRefPrefix = "#/components/schemas/";

ApiResponse get(const std::string& path, const std::string& if_none_match = "") {
  ApiRequest request{"GET", path, {}, ""};
  if (!if_none_match.empty()) request.headers["if-none-match"] = if_none_match;
  return openapi_response(request, route_target(parse_target(path)));
}

Json document(const std::string& path) {
  auto response = get(path);
  EXPECT_EQ(response.status, 200u) << path;
  return Json::parse(response.body);
}

// The schema `field` refers to, following `allOf: [{$ref}]` as explain does.
const Json& resolve(const Json& doc, const Json& field) {
  const Json& target = field.contains("allOf") ? field.at("allOf").at(0) : field;
  if (!target.contains("$ref")) return field;
  const std::string ref = target.at("$ref");
  return doc.at("components").at("schemas").at(ref.substr(std::string(kRefPrefix).size()));
}

// The schema at a dotted path from a kind's schema, through refs and array items.
const Json& at(const Json& doc, const std::string& schema, const std::string& path) {
  const Json* node = &doc.at("components").at("schemas").at(schema);
  std::istringstream parts(path);
  for (std::string name; std::getline(parts, name, '.');) {
    node = &resolve(doc, node->at("properties").at(name));
    if (node->contains("items")) node = &resolve(doc, node->at("items"));
  }
  return *node;
}

TEST(OpenApi, IndexListsEveryServedGroupVersion) {
  Json index = document("/openapi/v3");
  for (const char* gv : {"api/v1", "apis/apps/v1", "apis/storage.k8s.io/v1",
                         "apis/discovery.k8s.io/v1", "apis/networking.k8s.io/v1"}) {
    EXPECT_EQ(index["paths"][gv]["serverRelativeURL"], std::string("/openapi/v3/") + gv) << gv;
  }
}

// kubectl explain finds the kind of a resource through the GVK of the collection's operations,
// then the schema carrying the same GVK.
TEST(OpenApi, EveryKindHasPathsAndASchemaWithItsGroupVersionKind) {
  for (const auto& kind : identity::all_kinds()) {
    const std::string prefix = kind.group.empty() ? "/api/v1" : "/apis/" + kind.group + "/v1";
    Json doc = document("/openapi/v3" + prefix);
    const std::string collection =
        prefix + (kind.namespaced ? "/namespaces/{namespace}/" : "/") + kind.resource;
    Json gvk = {{"group", kind.group}, {"version", kind.version}, {"kind", kind.kind}};
    EXPECT_EQ(doc["paths"][collection]["get"]["x-kubernetes-group-version-kind"], gvk)
        << collection;
    EXPECT_EQ(doc["paths"][collection + "/{name}"]["patch"]["x-kubernetes-group-version-kind"],
              gvk);
    const Json& schema = doc["components"]["schemas"][openapi_schema_name(kind)];
    ASSERT_TRUE(schema.is_object()) << openapi_schema_name(kind);
    EXPECT_EQ(schema["x-kubernetes-group-version-kind"], Json::array({gvk}));
    EXPECT_FALSE(schema.value("description", "").empty()) << kind.kind;
    // The server fills apiVersion and kind from the path: not required in a body.
    for (const auto& name : schema.value("required", Json::array()))
      EXPECT_TRUE(name != "apiVersion" && name != "kind") << kind.kind;
  }
  EXPECT_EQ(openapi_schema_name(*identity::find_kind("StorageClass")),
            "io.k8s.api.storage.v1.StorageClass");
}

TEST(OpenApi, StatefulSetSpecIsDescribedAndTyped) {
  Json doc = document("/openapi/v3/apis/apps/v1");
  const std::string sts = "io.k8s.api.apps.v1.StatefulSet";
  const Json& spec_field = doc["components"]["schemas"][sts]["properties"]["spec"];
  EXPECT_EQ(spec_field["allOf"][0]["$ref"],
            "#/components/schemas/io.k8s.api.apps.v1.StatefulSetSpec");
  const Json& spec = at(doc, sts, "spec");
  EXPECT_EQ(spec["required"], Json({"selector", "serviceName", "template"}));
  EXPECT_EQ(spec["properties"]["replicas"]["type"], "integer");
  EXPECT_EQ(spec["properties"]["replicas"]["format"], "int32");
  for (const char* field :
       {"replicas", "serviceName", "selector", "template", "volumeClaimTemplates", "updateStrategy",
        "podManagementPolicy", "persistentVolumeClaimRetentionPolicy", "ordinals",
        "minReadySeconds", "revisionHistoryLimit"}) {
    EXPECT_FALSE(spec["properties"][field].value("description", "").empty()) << field;
  }
  EXPECT_EQ(spec["properties"]["podManagementPolicy"]["enum"], Json({"OrderedReady", "Parallel"}));
  const Json& rolling = at(doc, sts, "spec.updateStrategy.rollingUpdate");
  EXPECT_EQ(rolling["properties"]["partition"]["type"], "integer");
  const Json& max_unavailable = at(doc, sts, "spec.updateStrategy.rollingUpdate.maxUnavailable");
  EXPECT_EQ(max_unavailable["format"], "int-or-string");
  EXPECT_EQ(max_unavailable["x-kubernetes-int-or-string"], true);
  EXPECT_FALSE(max_unavailable.contains("type")) << "explain prints <IntOrString>";
  // Claim templates and the pod template are the core types, in this document too.
  EXPECT_EQ(at(doc, sts, "spec.volumeClaimTemplates.spec.accessModes")["type"], "string");
  EXPECT_EQ(at(doc, sts, "spec.template.spec.containers")["required"], Json({"name"}));
  EXPECT_EQ(at(doc, sts, "spec.selector.matchLabels")["additionalProperties"]["type"], "string");
}

TEST(OpenApi, CoreSchemasShareTheirTypes) {
  Json doc = document("/openapi/v3/api/v1");
  const Json& schemas = doc["components"]["schemas"];
  const Json& containers = schemas["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"];
  EXPECT_EQ(containers["type"], "array");
  EXPECT_EQ(containers["items"]["allOf"][0]["$ref"],
            "#/components/schemas/io.k8s.api.core.v1.Container");
  EXPECT_EQ(schemas["io.k8s.api.core.v1.PodSpec"]["required"], Json({"containers"}));
  const Json& requests =
      at(doc, "io.k8s.api.core.v1.PersistentVolumeClaim", "spec.resources.requests");
  EXPECT_EQ(requests["additionalProperties"]["allOf"][0]["$ref"],
            "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");
  const Json& service = at(doc, "io.k8s.api.core.v1.Service", "spec");
  for (const char* field : {"clusterIP", "ports", "selector", "publishNotReadyAddresses"})
    EXPECT_FALSE(service["properties"][field].value("description", "").empty()) << field;
  EXPECT_EQ(at(doc, "io.k8s.api.core.v1.Service", "spec.ports")["required"], Json({"port"}));
  EXPECT_EQ(at(doc, "io.k8s.api.core.v1.Pod", "metadata")["properties"]["labels"]["type"],
            "object");
}

TEST(OpenApi, EveryReferenceResolvesInItsOwnDocument) {
  for (const char* path :
       {"/openapi/v3/api/v1", "/openapi/v3/apis/apps/v1", "/openapi/v3/apis/storage.k8s.io/v1",
        "/openapi/v3/apis/discovery.k8s.io/v1", "/openapi/v3/apis/networking.k8s.io/v1"}) {
    Json doc = document(path);
    int refs = 0;
    std::function<void(const Json&)> walk = [&](const Json& node) {
      if (node.is_object()) {
        if (auto ref = node.find("$ref"); ref != node.end()) {
          ++refs;
          const std::string name = ref->get<std::string>().substr(std::string(kRefPrefix).size());
          EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << path << ": " << name;
        }
      }
      if (node.is_structured())
        for (const auto& child : node) walk(child);
    };
    walk(doc);
    EXPECT_GT(refs, 0) << path;
  }
}

// The document and the server's checks come from one tree: every field check_schema knows is
// in the schema, with the same required ones.
TEST(OpenApi, SchemasFollowTheFieldTreeTheServerChecks) {
  Json doc = document("/openapi/v3/apis/apps/v1");
  std::function<void(const identity::SchemaNode&, const Json&, const std::string&)> compare =
      [&](const identity::SchemaNode& node, const Json& schema, const std::string& where) {
        const Json& resolved = resolve(doc, schema);
        if (node.type == identity::FieldType::Array)
          return compare(*node.element, resolved.at("items"), where + "[]");
        if (node.type != identity::FieldType::Object) return;
        std::set<std::string> required;
        for (const auto& field : node.fields) {
          ASSERT_TRUE(resolved.at("properties").contains(field.name)) << where << "." << field.name;
          compare(*field.schema, resolved.at("properties").at(field.name),
                  where + "." + field.name);
          if (field.required) required.insert(field.name);
        }
        if (where == "StatefulSet") required = {"spec"};  // apiVersion and kind come from the path
        EXPECT_EQ(resolved.value("required", Json::array()).get<std::set<std::string>>(), required)
            << where;
      };
  compare(*identity::kind_schema("StatefulSet"),
          doc["components"]["schemas"]["io.k8s.api.apps.v1.StatefulSet"], "StatefulSet");
}

TEST(OpenApi, DocumentsAreServedOnceWithAnETag) {
  auto first = get("/openapi/v3/apis/apps/v1");
  ASSERT_EQ(first.status, 200u);
  EXPECT_EQ(first.content_type, "application/json");
  EXPECT_EQ(Json::parse(first.body), openapi_group_version("apps", "v1"));
  std::string etag;
  for (const auto& [name, value] : first.headers)
    if (name == "ETag") etag = value;
  ASSERT_EQ(etag.size(), 18u) << "a quoted 16-digit hash";
  EXPECT_EQ(get("/openapi/v3/apis/apps/v1").body, first.body);

  auto revalidated = get("/openapi/v3/apis/apps/v1", "W/" + etag);
  EXPECT_EQ(revalidated.status, 304u);
  EXPECT_TRUE(revalidated.body.empty());
  EXPECT_EQ(get("/openapi/v3/apis/apps/v1", "\"other\", " + etag).status, 304u);
  EXPECT_EQ(get("/openapi/v3/apis/apps/v1", "\"other\"").status, 200u);
  EXPECT_EQ(get("/openapi/v3/api/v1", etag).status, 200u) << "each document has its own ETag";
  EXPECT_EQ(get("/openapi/v3", "*").status, 304u);
}

TEST(OpenApi, UnservedGroupVersionsAndWritesAreRefused) {
  EXPECT_EQ(get("/openapi/v3/apis/example.com/v1").status, 404u);
  ApiRequest post{"POST", "/openapi/v3", {}, "{}"};
  EXPECT_EQ(openapi_response(post, route_target(parse_target("/openapi/v3"))).status, 405u);
}

}  // namespace
}  // namespace ordinal::api
