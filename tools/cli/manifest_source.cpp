#include "tools/cli/manifest_source.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace ordinal::cli {
namespace {

namespace fs = std::filesystem;

void append(identity::DecodedManifests& into, identity::DecodedManifests from) {
  for (auto& d : from.documents) into.documents.push_back(std::move(d));
  for (auto& e : from.errors) into.errors.push_back(std::move(e));
}

identity::ManifestError unreadable(const std::string& path, const std::string& why) {
  identity::ManifestError e;
  e.source = path;
  e.message = why;
  return e;
}

void read_one(const std::string& path, identity::DecodedManifests& out) {
  if (path == "-") {
    std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    append(out, identity::decode_manifests(text, "<stdin>"));
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.errors.push_back(unreadable(path, "the path \"" + path + "\" does not exist"));
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  append(out, identity::decode_manifests(text.str(), path));
}

bool is_manifest_file(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

identity::DecodedManifests read_manifests(const std::vector<std::string>& paths) {
  identity::DecodedManifests out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_regular_file() && is_manifest_file(entry.path()))
          files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      if (files.empty())
        out.errors.push_back(unreadable(path, "no .yaml, .yml or .json files in directory"));
      for (const auto& f : files) read_one(f.string(), out);
    } else {
      read_one(path, out);
    }
  }
  return out;
}

}  // namespace ordinal::cli
