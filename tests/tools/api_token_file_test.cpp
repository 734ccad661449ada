// The static token file (kube-apiserver's --token-file format) and the Authenticator that
// decides, per request, between the answer and 401.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "identity/json.hpp"
#include "tools/api/authenticator.hpp"

namespace ordinal::api {
namespace {

ApiRequest get_request(const std::string& target, const std::string& authorization = "") {
  ApiRequest request{"GET", target, {}, ""};
  if (!authorization.empty()) request.headers["authorization"] = authorization;
  return request;
}

TEST(TokenFile, ReadsKubeApiserverLinesSkippingBlanksAndComments) {
  auto entries = parse_token_file(
      "# operators\n"
      "s3cr3t,alice,1001\n"
      "\n"
      "  other-token , bob , 1002 , \"system:masters,devs\"\r\n"
      "\"quoted,token\",\"carol \"\"c\"\"\",1003\n");
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_EQ(entries[0].token, "s3cr3t");
  EXPECT_EQ(entries[0].user, "alice");
  EXPECT_EQ(entries[0].uid, "1001");
  EXPECT_TRUE(entries[0].groups.empty());
  EXPECT_EQ(entries[1].token, "other-token");
  EXPECT_EQ(entries[1].user, "bob");
  EXPECT_EQ(entries[1].groups, (std::vector<std::string>{"system:masters", "devs"}));
  EXPECT_EQ(entries[2].token, "quoted,token");
  EXPECT_EQ(entries[2].user, "carol \"c\"");
}

TEST(TokenFile, NamesTheLineOfEachMistake) {
  auto error_of = [](const std::string& text) {
    try {
      parse_token_file(text);
    } catch (const TokenFileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("a,b,c\nonly,two\n"),
            "line 2: expected at least 3 columns (token, user name, user uid), found 2");
  EXPECT_EQ(error_of("\n,alice,1\n"), "line 2: empty token");
  EXPECT_EQ(error_of("t,,1\n"), "line 1: empty user name");
  EXPECT_EQ(error_of("t,alice,1\nt,bob,2\n"), "line 2: the token is given twice");
  EXPECT_EQ(error_of("\"t,alice,1\n"), "line 1: unterminated quoted field");
}

TEST(TokenFile, WarnsWhenOthersCanReadItButStillUsesIt) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("ordinal-token-test-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << "t,alice,1\n";
  ::chmod(path.c_str(), 0600);
  std::vector<std::string> warnings;
  EXPECT_EQ(load_token_file(path.string(), warnings).size(), 1U);
  EXPECT_TRUE(warnings.empty());
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(load_token_file(path.string(), warnings).size(), 1U);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("readable by others (mode 0644)"), std::string::npos) << warnings[0];
  std::filesystem::remove(path);
  EXPECT_THROW(load_token_file(path.string(), warnings), TokenFileError);
}

TEST(Authenticator, WithoutCredentialsConfiguredEveryRequestPasses) {
  Authenticator open;
  EXPECT_FALSE(open.enabled());
  EXPECT_FALSE(open.refuse(get_request("/api/v1/pods"), ""));
}

TEST(Authenticator, AKnownBearerTokenPassesAndAnythingElseIs401) {
  Authenticator auth(parse_token_file("good,alice,1\nother,bob,2\n"), false);
  EXPECT_EQ(auth.user_of(get_request("/api/v1/pods", "Bearer good"), ""), "alice");
  EXPECT_EQ(auth.user_of(get_request("/api/v1/pods", "bearer other"), ""), "bob");
  EXPECT_FALSE(auth.refuse(get_request("/api/v1/pods", "Bearer good"), ""));
  for (const std::string header : {"", "Bearer", "Bearer ", "Bearer goo", "Bearer goodx",
                                   "Basic good", "good", "Bearer other,bob,2"}) {
    auto refused = auth.refuse(get_request("/api/v1/pods", header), "");
    ASSERT_TRUE(refused) << header;
    EXPECT_EQ(refused->status, 401U);
    auto status = identity::Json::parse(refused->body);
    EXPECT_EQ(status["kind"], "Status");
    EXPECT_EQ(status["reason"], "Unauthorized");
    EXPECT_EQ(status["code"], 401);
    EXPECT_EQ(refused->headers,
              (std::vector<std::pair<std::string, std::string>>{{"WWW-Authenticate", "Bearer"}}));
  }
  // A certificate user counts only when client certificates were configured.
  EXPECT_TRUE(auth.refuse(get_request("/api/v1/pods"), "mallory"));
}

TEST(Authenticator, HealthEndpointsNeedNoCredentials) {
  Authenticator auth(parse_token_file("good,alice,1\n"), true);
  for (const std::string path :
       {"/healthz", "/livez", "/readyz", "/readyz?verbose=1", "/healthz/ping"})
    EXPECT_FALSE(auth.refuse(get_request(path), "")) << path;
  for (const std::string path : {"/metrics", "/version", "/api", "/healthzz", "/apis/x/healthz"})
    EXPECT_TRUE(auth.refuse(get_request(path), "")) << path;
}

TEST(Authenticator, AVerifiedClientCertificateIsAUser) {
  Authenticator auth({}, true);
  EXPECT_TRUE(auth.enabled());
  EXPECT_EQ(auth.user_of(get_request("/api/v1/pods"), "alice"), "alice");
  EXPECT_FALSE(auth.refuse(get_request("/api/v1/pods"), "alice"));
  EXPECT_TRUE(auth.refuse(get_request("/api/v1/pods"), ""));
  EXPECT_TRUE(auth.refuse(get_request("/api/v1/pods", "Bearer anything"), ""));
}

}  // namespace
}  // namespace ordinal::api
