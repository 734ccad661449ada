// Malformed manifests: each gives exactly the error lines a user sees.
#include <gtest/gtest.h>

#include <cctype>

#include "identity/manifest.hpp"
#include "identity/manifest_fixtures.hpp"

namespace ordinal::identity {
namespace {

using fixtures::edit;
using fixtures::error_lines;

struct BadCase {
  const char* name;
  std::string text;
  std::vector<std::string> errors;
};

std::vector<BadCase> bad_cases() {
  const std::string sts = "m.yaml: document 1 (StatefulSet web), ";
  return {
      {"typo in container field",
       edit(22, "        volumeMount:"),
       {sts + "line 22: spec.template.spec.containers[0].volumeMount: unknown field; did you "
              "mean \"volumeMounts\"?"}},
      {"wrong case in field name",
       edit(9, "  servicename: nginx"),
       {sts + "line 5: spec.serviceName: Required value",
        sts + "line 9: spec.servicename: unknown field; did you mean \"serviceName\"?"}},
      {"apps/v1beta1 is not served",
       edit(1, "apiVersion: apps/v1beta1"),
       {sts + "line 1: apiVersion: no matches for kind \"StatefulSet\" in version "
              "\"apps/v1beta1\"; use apiVersion \"apps/v1\""}},
      {"core v1 for a StatefulSet",
       edit(1, "apiVersion: v1"),
       {sts + "line 1: apiVersion: no matches for kind \"StatefulSet\" in version \"v1\"; use "
              "apiVersion \"apps/v1\""}},
      {"kind typo",
       edit(2, "kind: Statefulset"),
       {"m.yaml: document 1 (Statefulset web), line 2: kind: no matches for kind "
        "\"Statefulset\" in version \"apps/v1\"; did you mean \"StatefulSet\"?"}},
      {"missing kind",
       edit(2, ""),
       {"m.yaml: document 1, line 1: kind: Required value: kind must be set"}},
      {"missing apiVersion",
       edit(1, ""),
       {sts + "line 1: apiVersion: Required value: apiVersion must be set"}},
      {"tab in indentation",
       edit(10, "\treplicas: 3"),
       {"m.yaml: document 1, line 10: found a tab character in the indentation; YAML indents "
        "with spaces only"}},
      {"duplicate key",
       edit(10, "  replicas: 3\n  replicas: 4"),
       {sts + "line 11: spec.replicas: key \"replicas\" appears twice in this mapping (first "
              "on line 10)"}},
      {"key indented to the wrong level",
       edit(9, "    serviceName: nginx"),
       {sts + "line 5: spec.serviceName: Required value",
        sts + "line 9: spec.selector.serviceName: unknown field"}},
      {"indentation that breaks the mapping",
       edit(9, "   serviceName: nginx"),
       {"m.yaml: document 1, line 9: YAML syntax error: end of map not found (check the "
        "indentation of this line and the one above)"}},
      {"key outdented out of its mapping",
       edit(9, "serviceName: nginx"),
       {"m.yaml: document 1, line 10: YAML syntax error: illegal map value (check the "
        "indentation of this line and the one above)"}},
      {"string for an integer",
       edit(10, "  replicas: \"three\""),
       {sts + "line 10: spec.replicas: expected an integer, got a string: \"three\""}},
      {"fraction for an integer",
       edit(10, "  replicas: 2.5"),
       {sts + "line 10: spec.replicas: expected an integer, got a number: 2.5"}},
      {"scalar for a list",
       edit(19, 21, "        ports: 80"),
       {sts + "line 19: spec.template.spec.containers[0].ports: expected a list, got an "
              "integer: 80"}},
      {"number for a label value",
       edit(14, "        app: 1"),
       {sts + "line 14: spec.template.metadata.labels[app]: expected a string, got an "
              "integer: 1"}},
      {"missing selector (SS-1.2)",
       edit(6, 8, ""),
       {sts + "line 5: spec.selector: Required value"}},
      {"selector does not match template labels (SS-1.2)",
       edit(8, "      app: web"),
       {sts + "line 13: spec.template.metadata.labels: Invalid value: "
              "map[string]string{\"app\":\"nginx\"}: `selector` does not match template "
              "`labels`"}},
      {"name is not a DNS label (SS-1.15)",
       edit(4, "  name: Web_1"),
       {"m.yaml: document 1 (StatefulSet Web_1), line 4: metadata.name: Invalid value: "
        "\"Web_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric "
        "characters or '-', and must start and end with an alphanumeric character (e.g. "
        "'my-name',  or '123-abc', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"}},
      {"negative replicas (SS-1.1)",
       edit(10, "  replicas: -1"),
       {sts + "line 10: spec.replicas: Invalid value: -1: must be greater than or equal to 0"}},
      {"bad quantity",
       edit(32, "          storage: 1GB"),
       {sts + "line 32: spec.volumeClaimTemplates[0].spec.resources.requests[storage]: Invalid "
              "value: \"1GB\": quantities must match the regular expression "
              "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"}},
      {"mount of an unknown volume",
       edit(23, "        - name: data"),
       {sts + "line 23: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "
              "\"data\""}},
      {"restartPolicy other than Always (SS-1.3)",
       edit(15, "    spec:\n      restartPolicy: Never"),
       {sts + "line 16: spec.template.spec.restartPolicy: Unsupported value: \"Never\": "
              "supported values: \"Always\""}},
      {"Recreate strategy is rejected (16.8)",
       edit(10, "  replicas: 3\n  updateStrategy:\n    type: Recreate"),
       {sts + "line 12: spec.updateStrategy.type: Unsupported value: \"Recreate\": supported "
              "values: \"OnDelete\", \"RollingUpdate\""}},
      {"List with a bad item",
       "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n"
       "  metadta:\n    name: x\n",
       {"m.yaml: document 1 (Namespace), line 6: items[0].metadta: unknown field; did you mean "
        "\"metadata\"?"}},
      {"JSON with an unknown field",
       "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\",\n \"metadata\": {\"name\": \"c\"},\n"
       " \"date\": {\"k\": \"v\"}}",
       {"m.yaml: document 1 (ConfigMap c), line 3: date: unknown field; did you mean "
        "\"data\"?"}},
      {"missing name",
       edit(4, ""),
       {"m.yaml: document 1 (StatefulSet), line 3: metadata.name: Required value: name or "
        "generateName is required"}},
  };
}

class ManifestErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(ManifestErrors, ExactErrorLines) {
  const DecodedManifests decoded = decode_manifests(GetParam().text, "m.yaml");
  EXPECT_EQ(error_lines(decoded), GetParam().errors);
  EXPECT_TRUE(decoded.documents.empty());
}

// Test names from the case names: letters and digits only.
std::string case_name(const ::testing::TestParamInfo<BadCase>& info) {
  std::string name;
  bool upper = true;
  for (const char* p = info.param.name; *p != '\0'; ++p) {
    if (std::isalnum(static_cast<unsigned char>(*p)) == 0) {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(*p))) : *p;
    upper = false;
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Table, ManifestErrors, ::testing::ValuesIn(bad_cases()), case_name);

}  // namespace
}  // namespace ordinal::identity
