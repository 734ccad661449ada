// Friendly client habits, run as a user runs them against a real API server on 127.0.0.1:
// --help with examples for every verb, colour only when asked for or on a terminal, and
// `ordinal version` for client and server.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <regex>
#include <thread>

#include "tests/tools/cli_fixture.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;
using testing::CliFixture;
using testing::Outcome;
using testing::run_cli;
using namespace std::chrono_literals;

class ClientHabits : public CliFixture {
 protected:
  void add_pods() {
    Json running = pod("web-0");
    ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", running).status, 201u);
    ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("web-1")).status, 201u);
    Json stored = json(send("GET", "/api/v1/namespaces/test/pods/web-0"));
    stored["status"] = {{"phase", "Running"}};
    ASSERT_EQ(send("PUT", "/api/v1/namespaces/test/pods/web-0/status", stored).status, 200u);
  }
};

TEST_F(ClientHabits, TablesHaveNoEscapesWhenNotATerminal) {
  add_pods();
  Outcome plain = cli({"get", "pods"});
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_EQ(plain.out.find('\033'), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("Running"), std::string::npos);
}

TEST_F(ClientHabits, ColorAlwaysPaintsStatusCells) {
  add_pods();
  Outcome colored = cli({"get", "pods", "--color", "always"});
  ASSERT_EQ(colored.code, 0) << colored.err;
  EXPECT_NE(colored.out.find("\033[32mRunning\033[0m"), std::string::npos) << colored.out;
  EXPECT_NE(colored.out.find("\033[33mPending\033[0m"), std::string::npos) << colored.out;
  Outcome never = cli({"--color=never", "get", "pods"});
  EXPECT_EQ(never.out.find('\033'), std::string::npos);
  Outcome bad = cli({"get", "pods", "--color", "sometimes"});
  EXPECT_NE(bad.code, 0);
}

TEST_F(ClientHabits, StatusVerdictIsColouredOnlyWhenAsked) {
  ASSERT_EQ(
      send("POST", "/apis/apps/v1/namespaces/test/statefulsets", stateful_set("web", 1)).status,
      201u);
  Outcome plain = cli({"status", "statefulset/web"});
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_EQ(plain.out.find('\033'), std::string::npos) << plain.out;
  Outcome colored = cli({"status", "statefulset/web", "--color", "always"});
  EXPECT_NE(colored.out.find("\033[33m"), std::string::npos) << colored.out;
}

// The client line as kubectl prints its own: "Client Version: v0.1.0".
const std::regex kClientLine("Client Version: v[0-9]+\\.[0-9]+\\.[0-9]+\n");

TEST_F(ClientHabits, VersionShowsClientAndServer) {
  Outcome both = cli({"version"});
  ASSERT_EQ(both.code, 0) << both.err;
  const auto server_line = both.out.find("Server Version: v1.32.0\n");
  ASSERT_NE(server_line, std::string::npos) << both.out;
  EXPECT_TRUE(std::regex_match(both.out.substr(0, server_line), kClientLine)) << both.out;
  EXPECT_EQ(server_line + 24, both.out.size());
  Outcome json = cli({"version", "-o", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  Json parsed = Json::parse(json.out);
  EXPECT_EQ("Client Version: " + parsed["clientVersion"].value("gitVersion", "") + "\n",
            both.out.substr(0, server_line));
  EXPECT_EQ(parsed["serverVersion"]["gitVersion"], "v1.32.0");
  Outcome yaml = cli({"version", "-o", "yaml"});
  EXPECT_EQ(yaml.out.rfind("clientVersion:\n", 0), 0u) << yaml.out;
}

TEST(Version, ClientOnlyNeedsNoServer) {
  Outcome client = run_cli({"version", "--client", "--server", "http://127.0.0.1:1"});
  EXPECT_EQ(client.code, 0) << client.err;
  EXPECT_TRUE(std::regex_match(client.out, kClientLine)) << client.out;
  EXPECT_EQ(client.err, "");
}

TEST(Version, NoServerIsExitOneAsInKubectl) {
  Outcome alone = run_cli({"version", "--server", "http://127.0.0.1:1"});
  EXPECT_EQ(alone.code, 1);
  EXPECT_TRUE(std::regex_match(alone.out, kClientLine)) << alone.out;
  EXPECT_EQ(alone.err, "Server: not reachable at http://127.0.0.1:1\n");
}

/// Every verb and sub-verb, as a path of names, from the real command tree.
std::vector<std::vector<std::string>> verb_paths() {
  std::vector<std::vector<std::string>> paths;
  Outcome root = run_cli({"--help"});
  // The root help lists the verbs under "Subcommands:", one per line.
  const auto list = root.out.find("Subcommands:\n");
  std::istringstream in(root.out.substr(list + 13));
  for (std::string line; std::getline(in, line) && line.rfind("  ", 0) == 0;) {
    std::istringstream words(line);
    std::string verb;
    words >> verb;
    paths.push_back({verb});
    Outcome help = run_cli({verb, "--help"});
    const auto subs = help.out.find("Subcommands:\n");
    if (subs == std::string::npos) continue;
    std::istringstream sub_in(help.out.substr(subs + 13));
    for (std::string sub_line; std::getline(sub_in, sub_line) && sub_line.rfind("  ", 0) == 0;) {
      std::istringstream sub_words(sub_line);
      std::string sub;
      sub_words >> sub;
      paths.push_back({verb, sub});
    }
  }
  return paths;
}

TEST(Help, RootListsEveryVerbOnOneShortLine) {
  Outcome root = run_cli({"--help"});
  EXPECT_EQ(root.code, 0);
  const auto list = root.out.find("Subcommands:\n");
  ASSERT_NE(list, std::string::npos) << root.out;
  std::istringstream in(root.out.substr(list + 13));
  int verbs = 0;
  for (std::string line; std::getline(in, line) && line.rfind("  ", 0) == 0; ++verbs) {
    // "  NAME<padding>DESCRIPTION": the description is a short phrase, details go to VERB --help.
    const auto description = line.find_first_not_of(' ', line.find(' ', 2));
    EXPECT_LE(line.size() - description, 80u) << "too long for one line: " << line;
  }
  EXPECT_GE(verbs, 14);
  for (const char* verb : {"get", "describe", "status", "version", "completion", "serve"})
    EXPECT_NE(root.out.find("  " + std::string(verb) + " "), std::string::npos) << verb;
}

TEST(Help, EveryVerbAndSubVerbShowsExamplesOfItself) {
  const auto paths = verb_paths();
  ASSERT_GE(paths.size(), 20u);
  for (auto path : paths) {
    std::string joined;
    for (const auto& p : path) joined += (joined.empty() ? "" : " ") + p;
    path.push_back("--help");
    Outcome help = run_cli(path);
    EXPECT_EQ(help.code, 0) << joined;
    if (joined == "peers") {
      // Its help is a reference of its output formats: one example per format.
      EXPECT_NE(help.out.find("\n  ordinal peers "), std::string::npos) << help.out;
      continue;
    }
    const auto examples = help.out.find("Examples:\n");
    ASSERT_NE(examples, std::string::npos) << joined << ":\n" << help.out;
    int count = 0;
    for (auto at = help.out.find("\n  ordinal " + joined, examples); at != std::string::npos;
         at = help.out.find("\n  ordinal " + joined, at + 1))
      ++count;
    if (joined == "completion") count = 3;  // its examples source the script
    EXPECT_GE(count, 1) << joined << " has no example of itself:\n" << help.out;
    EXPECT_LE(count, 3) << joined;
  }
}

}  // namespace
}  // namespace ordinal::cli
