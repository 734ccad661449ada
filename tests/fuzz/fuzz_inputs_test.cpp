// Every stored fuzz input — the seed corpus and each input that once crashed a target — run
// through the target's entry function, so a fixed crash stays fixed in the ordinary build.
// An input that breaks a property aborts this test with the property's name on stderr.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/targets.hpp"

namespace ordinal::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_under(const fs::path& folder) {
  std::vector<fs::path> out;
  if (!fs::is_directory(folder)) return out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file()) out.push_back(entry.path());
  }
  return out;
}

std::vector<std::uint8_t> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FuzzInputs : public ::testing::TestWithParam<Target> {};

TEST_P(FuzzInputs, SeedsAndPastCrashesPass) {
  const fs::path root = fs::path(ORDINAL_SOURCE_DIR) / "fuzz";
  const std::string name(GetParam().name);
  auto files = inputs_under(root / "corpus" / name);
  const auto regressions = inputs_under(root / "regressions" / name);
  files.insert(files.end(), regressions.begin(), regressions.end());
  EXPECT_FALSE(files.empty()) << "no seed corpus in fuzz/corpus/" << name;
  for (const auto& file : files) {
    // Printed first: an input that aborts the process leaves no other trace of its name.
    std::cerr << "input " << file.string() << "\n";
    const auto bytes = read_file(file);
    GetParam().entry(bytes);
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzInputs, ::testing::ValuesIn(targets()),
                         [](const ::testing::TestParamInfo<Target>& param) {
                           return std::string(param.param.name);
                         });

}  // namespace
}  // namespace ordinal::fuzz
