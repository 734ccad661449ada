// Requests that name files: a pod's log is read only from the file of a container the pod
// declares, under the logs root, whatever the query says.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/tools/api_test_fixture.hpp"

namespace ordinal::api::testing {
namespace {

class PodLogPaths : public ApiFixture {
 protected:
  void SetUp() override {
    logs_ = fresh_directory("ordinal-logs-test") / "pods";
    std::filesystem::create_directories(logs_);
    ApiOptions options;
    options.pod_logs_root = logs_.string();
    open(options);
    std::ofstream(logs_.parent_path() / "secret.log") << "secret\n";
    auto created = send("POST", "/api/v1/namespaces/test/pods", pod("web"));
    ASSERT_EQ(created.status, 201U) << created.body;
    uid_ = json(created)["metadata"]["uid"];
    std::filesystem::create_directories(logs_ / ("test_web_" + uid_) / "c");
    std::ofstream(logs_ / ("test_web_" + uid_) / "c" / "0.log") << "hello\n";
  }
  void TearDown() override {
    std::filesystem::remove_all(logs_.parent_path());
    ApiFixture::TearDown();
  }

  std::filesystem::path logs_;
  std::string uid_;
};

TEST_F(PodLogPaths, TheDeclaredContainerIsRead) {
  auto log = send("GET", "/api/v1/namespaces/test/pods/web/log?container=c");
  EXPECT_EQ(log.status, 200U);
  EXPECT_EQ(log.body, "hello\n");
}

TEST_F(PodLogPaths, AContainerNameThatIsAPathIsRefused) {
  for (const std::string container :
       {"..%2F..%2Fsecret", "../../secret", "c%2F..%2F..%2F..%2Fsecret", "%2Fetc%2Fpasswd", "c%00x",
        ".."}) {
    auto log = send("GET", "/api/v1/namespaces/test/pods/web/log?container=" + container);
    EXPECT_EQ(log.status, 400U) << container;
    EXPECT_EQ(log.body.find("secret\n"), std::string::npos);
  }
}

TEST_F(PodLogPaths, APodNameThatIsAPathIsNotFound) {
  for (const std::string name : {"..", "..%2F..", "%2E%2E", "web%2F..%2F.."}) {
    auto log = send("GET", "/api/v1/namespaces/test/pods/" + name + "/log?container=c");
    EXPECT_GE(log.status, 400U) << name;
    EXPECT_LT(log.status, 500U) << name;
  }
}

}  // namespace
}  // namespace ordinal::api::testing
