// `ordinal completion bash|zsh`: the script parses, and completing a line gives what a user
// expects: verbs, sub-verbs, flags, kinds and, from the server, object names. Lines are
// completed by calling the script's function with COMP_LINE set, as bash does on TAB.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/tools/api_test_fixture.hpp"
#include "tools/cli/app.hpp"

namespace ordinal::cli {
namespace {

namespace fs = std::filesystem;

std::string generate(const std::string& shell) {
  std::string a0 = "ordinal", a1 = "completion", a2 = shell;
  char* argv[] = {a0.data(), a1.data(), a2.data()};
  ::testing::internal::CaptureStdout();
  const int code = run(3, argv);
  std::cout.flush();
  std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(code, 0);
  return out;
}

struct Shell {
  int code = -1;
  std::string out;  ///< stdout and stderr together
};

Shell run_shell(const std::string& command) {
  Shell result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) result.out.append(buf, n);
  const int status = ::pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool have(const std::string& program) {
  return run_shell("command -v " + program + " >/dev/null").code == 0;
}

class Completion : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = api::testing::fresh_directory("ordinal-completion-test");
    fs::create_directories(dir_ / "bin");
    std::ofstream(dir_ / "ordinal.bash") << generate("bash");
    // A stand-in for the real binary: answers `get KIND -o name` as a server with a set
    // `web` and its pods would, and records how it was called.
    write_fake("echo \"$@\" >> '" + (dir_ / "calls").string() +
               "'\n"
               "case \"$2\" in\n"
               "  statefulset|statefulsets|sts) printf "
               "'statefulset.apps/web\\nstatefulset.apps/db\\n' ;;\n"
               "  pod|pods|po) printf 'pod/web-0\\npod/web-1\\n' ;;\n"
               "  namespaces) printf 'namespace/default\\nnamespace/test\\n' ;;\n"
               "esac\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_fake(const std::string& body) {
    const fs::path fake = dir_ / "bin" / "ordinal";
    std::ofstream(fake) << "#!/bin/sh\n" << body;
    fs::permissions(fake, fs::perms::owner_all);
  }

  /// The candidates bash offers for `line` (the cursor at its end), sorted.
  std::vector<std::string> complete(const std::string& line) {
    const fs::path driver = dir_ / "driver.sh";
    std::ofstream(driver) << "PATH='" << (dir_ / "bin").string() << "':$PATH\n"
                          << "source '" << (dir_ / "ordinal.bash").string() << "'\n"
                          << "COMP_LINE='" << line << "'\nCOMP_POINT=${#COMP_LINE}\n"
                          << "_ordinal\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Shell shell = run_shell("bash " + driver.string());
    EXPECT_EQ(shell.code, 0) << shell.out;
    std::vector<std::string> words;
    std::istringstream in(shell.out);
    for (std::string word; std::getline(in, word);)
      if (!word.empty()) words.push_back(word);
    std::sort(words.begin(), words.end());
    return words;
  }

  std::string calls() {
    std::ifstream in(dir_ / "calls");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path dir_;
};

using Words = std::vector<std::string>;

TEST_F(Completion, BashScriptParses) {
  Shell check = run_shell("bash -n " + (dir_ / "ordinal.bash").string());
  EXPECT_EQ(check.code, 0) << check.out;
}

TEST_F(Completion, Verbs) {
  EXPECT_EQ(complete("ordinal sc"), Words{"scale"});
  EXPECT_EQ(complete("ordinal ro"), Words{"rollout"});
  const Words all = complete("ordinal ");
  for (const char* verb : {"apply", "get", "describe", "status", "version", "completion", "serve"})
    EXPECT_NE(std::find(all.begin(), all.end(), verb), all.end()) << verb;
}

TEST_F(Completion, SubVerbs) {
  EXPECT_EQ(complete("ordinal rollout "), (Words{"history", "status", "undo"}));
  EXPECT_EQ(complete("ordinal sim re"), (Words{"reachable", "ready"}));
  EXPECT_EQ(complete("ordinal -n test set "), Words{"image"}) << "global flags before the verb";
}

TEST_F(Completion, KindsAfterGetDescribeDelete) {
  EXPECT_EQ(complete("ordinal get st"), (Words{"statefulsets", "storageclasses"}));
  EXPECT_EQ(complete("ordinal describe persistentv"),
            (Words{"persistentvolumeclaims", "persistentvolumes"}));
  EXPECT_EQ(complete("ordinal delete po"), Words{"pods"});
}

TEST_F(Completion, FlagsOfTheVerbAndGlobalOnes) {
  EXPECT_EQ(complete("ordinal scale --rep"), Words{"--replicas"});
  EXPECT_EQ(complete("ordinal get --sel"), Words{"--selector"});
  EXPECT_EQ(complete("ordinal get pods --all-n"), Words{"--all-namespaces"});
  EXPECT_EQ(complete("ordinal rollout status sts/web --ti"), Words{"--timeout"});
}

TEST_F(Completion, FlagValues) {
  EXPECT_EQ(complete("ordinal get pods -o y"), Words{"yaml"});
  EXPECT_EQ(complete("ordinal --color "), (Words{"always", "auto", "never"}));
  // Bash replaces only what follows '=', so the flag is not repeated.
  EXPECT_EQ(complete("ordinal delete pod web-0 --cascade=or"), Words{"orphan"});
  EXPECT_EQ(complete("ordinal completion "), (Words{"bash", "zsh"}));
  EXPECT_EQ(complete("ordinal -n t"), Words{"test"});
}

TEST_F(Completion, NamesComeFromTheServerTheLineNames) {
  EXPECT_EQ(complete("ordinal get pods -n test --server http://127.0.0.1:9 web-"),
            (Words{"web-0", "web-1"}));
  EXPECT_NE(calls().find("get pods -o name --server http://127.0.0.1:9 -n test"), std::string::npos)
      << calls();
  EXPECT_EQ(complete("ordinal scale "), (Words{"statefulset/db", "statefulset/web"}));
  EXPECT_EQ(complete("ordinal status sts/w"), Words{"sts/web"});
  EXPECT_EQ(complete("ordinal describe sts w"), Words{"web"});
  EXPECT_EQ(complete("ordinal sim fail pod/web-1"), Words{"pod/web-1"});
  EXPECT_EQ(complete("ordinal sim ready pod/web-1 t"), Words{"true"});
}

TEST_F(Completion, NoServerMeansNoNamesAndNoNoise) {
  write_fake("echo 'The connection to the server 127.0.0.1:9 was refused' >&2\nexit 1\n");
  EXPECT_EQ(complete("ordinal get pods "), Words{});
  EXPECT_EQ(complete("ordinal scale sts/"), Words{});
}

TEST_F(Completion, FileNamesAfterFilename) {
  std::ofstream(dir_ / "web.yaml") << "";
  const Words files = complete("ordinal apply -f " + (dir_ / "we").string());
  EXPECT_EQ(files, Words{(dir_ / "web.yaml").string()});
}

TEST_F(Completion, ZshScriptParsesAndCompletesTheSameWords) {
  if (!have("zsh")) GTEST_SKIP() << "zsh is not installed";
  const fs::path script = dir_ / "_ordinal";
  std::ofstream(script) << generate("zsh");
  Shell check = run_shell("zsh -n " + script.string());
  EXPECT_EQ(check.code, 0) << check.out;
  // The shared logic, run by zsh (compdef is compinit's; stubbed, since compsys needs a
  // terminal).
  Shell words = run_shell("PATH='" + (dir_ / "bin").string() +
                          "':$PATH zsh -c 'compdef() { :; }; source " + script.string() +
                          "; __ordinal_candidates ordinal sc; echo --; __ordinal_candidates "
                          "ordinal w get pods; echo --; __ordinal_candidates ordinal --rep scale'");
  EXPECT_EQ(words.code, 0) << words.out;
  EXPECT_NE(words.out.find("\nscale\n"), std::string::npos) << words.out;
  EXPECT_NE(words.out.find("--\nweb-0\nweb-1\n--"), std::string::npos) << words.out;
  EXPECT_NE(words.out.find("\n--replicas\n"), std::string::npos) << words.out;
}

}  // namespace
}  // namespace ordinal::cli
