#pragma once
// `--flag value` command lines of the bench tools: each flag bound to the variable it sets.
#include <functional>
#include <map>
#include <stdexcept>
#include <string>

namespace bench {

class Flags {
 public:
  Flags& bind(const std::string& flag, std::string& into) {
    setters_[flag] = [&into](const std::string& value) { into = value; };
    return *this;
  }
  Flags& bind(const std::string& flag, int& into) {
    setters_[flag] = [&into](const std::string& value) { into = std::stoi(value); };
    return *this;
  }
  Flags& bind(const std::string& flag, double& into) {
    setters_[flag] = [&into](const std::string& value) { into = std::stod(value); };
    return *this;
  }
  /// Sets every bound variable named on the command line. Throws std::invalid_argument for an
  /// unknown flag, a flag without a value, or a number that does not parse.
  void parse(int argc, char** argv) const {
    for (int i = 1; i < argc; i += 2) {
      const std::string flag = argv[i];
      const auto setter = setters_.find(flag);
      if (setter == setters_.end()) throw std::invalid_argument("unknown flag " + flag);
      if (i + 1 >= argc) throw std::invalid_argument("missing value for " + flag);
      setter->second(argv[i + 1]);
    }
  }

 private:
  std::map<std::string, std::function<void(const std::string&)>> setters_;
};

}  // namespace bench
