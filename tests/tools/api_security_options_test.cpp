// What `serve`'s security flags add up to before anything listens: which addresses need
// authentication, which flag combinations are refused, and the warnings.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tools/api/server_security.hpp"

namespace ordinal::api {
namespace {

TEST(SecurityOptions, LoopbackAddresses) {
  for (const std::string host : {"127.0.0.1", "127.1.2.3", "::1", "localhost", "::ffff:127.0.0.1"})
    EXPECT_TRUE(is_loopback_host(host)) << host;
  for (const std::string host : {"0.0.0.0", "::", "10.0.0.1", "192.168.1.5", "fe80::1",
                                 "::ffff:10.0.0.1", "example.com", ""})
    EXPECT_FALSE(is_loopback_host(host)) << host;
}

std::string refusal(const SecurityOptions& options, const std::string& host) {
  try {
    std::vector<std::string> warnings;
    load_server_security(options, host, warnings);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(SecurityOptions, AnExposedAddressWithoutAuthenticationIsRefused) {
  EXPECT_EQ(refusal({}, "127.0.0.1"), "");
  for (const std::string host : {"0.0.0.0", "::", "192.168.1.5"}) {
    const std::string why = refusal({}, host);
    EXPECT_NE(why.find("--api-listen " + host + " is not a loopback address"), std::string::npos)
        << why;
    EXPECT_EQ(why.find('\n'), std::string::npos) << "one line";
  }
}

TEST(SecurityOptions, InconsistentFlagsAreRefused) {
  SecurityOptions cert_only;
  cert_only.tls_cert_file = "server.crt";
  EXPECT_NE(refusal(cert_only, "127.0.0.1").find("go together"), std::string::npos);
  SecurityOptions ca_without_tls;
  ca_without_tls.client_ca_file = "ca.crt";
  EXPECT_NE(refusal(ca_without_tls, "0.0.0.0").find("--client-ca-file needs TLS"),
            std::string::npos);
  SecurityOptions no_connections;
  no_connections.max_connections = 0;
  EXPECT_NE(refusal(no_connections, "127.0.0.1").find("--api-max-connections"), std::string::npos);
  SecurityOptions missing_file;
  missing_file.token_file = "/nonexistent/tokens.csv";
  EXPECT_NE(refusal(missing_file, "127.0.0.1").find("cannot read /nonexistent/tokens.csv"),
            std::string::npos);
}

TEST(SecurityOptions, TokensOverPlainHttpOnAnExposedAddressAreAllowedWithAWarning) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("ordinal-security-test-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << "t,alice,1\n";
  ::chmod(path.c_str(), 0600);
  SecurityOptions options;
  options.token_file = path.string();
  std::vector<std::string> warnings;
  ServerSecurity security = load_server_security(options, "127.0.0.1", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_TRUE(security.authenticator->enabled());
  EXPECT_EQ(security.tls, nullptr);
  security = load_server_security(options, "0.0.0.0", warnings);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_NE(warnings[0].find("bearer tokens travel in clear"), std::string::npos) << warnings[0];
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ordinal::api
