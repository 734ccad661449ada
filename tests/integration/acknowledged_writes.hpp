#pragma once
// Test support for crash tests: a writer that creates ConfigMaps until the server is killed and
// records every write the server acknowledged, and the check that a restarted server still has
// each of them at the resourceVersion it acknowledged.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>

#include "identity/kinds.hpp"
#include "tools/cli/api_client.hpp"
#include "tools/cli/transport.hpp"

namespace ordinal::testing {

struct Acknowledged {
  std::map<std::string, std::uint64_t> rv_by_name;
  std::uint64_t max_rv = 0;

  void add(const Acknowledged& other) {
    rv_by_name.insert(other.rv_by_name.begin(), other.rv_by_name.end());
    max_rv = std::max(max_rv, other.max_rv);
  }
};

inline std::uint64_t resource_version_of(const identity::Json& object) {
  return std::stoull(object.at("metadata").at("resourceVersion").get<std::string>());
}

/// Creates ConfigMaps `cm-<round>-<i>` in namespace `ns` until the server stops answering;
/// returns every acknowledged write. Sets `first_acked` (when given) once a write is
/// acknowledged, so that a test can kill the server mid-stream rather than before it began.
inline Acknowledged write_until_killed(const std::string& url, const std::string& ns, int round,
                                       std::atomic<bool>* first_acked = nullptr) {
  auto transport = cli::make_http_transport(url);
  cli::ApiClient client(*transport);
  const identity::KindInfo& kind = *identity::find_kind("ConfigMap");
  Acknowledged acked;
  for (int i = 0;; ++i) {
    const std::string name = "cm-" + std::to_string(round) + "-" + std::to_string(i);
    identity::Json object = {{"apiVersion", "v1"},
                             {"kind", "ConfigMap"},
                             {"metadata", {{"name", name}, {"namespace", ns}}},
                             {"data", {{"i", std::to_string(i)}}}};
    try {
      auto created = client.create(kind, ns, object);
      if (!created) continue;
      const std::uint64_t rv = resource_version_of(*created);
      acked.rv_by_name[name] = rv;
      acked.max_rv = std::max(acked.max_rv, rv);
      if (first_acked != nullptr) first_acked->store(true);
    } catch (const std::exception&) {
      return acked;  // the server is gone
    }
  }
}

/// Every acknowledged ConfigMap of `ns` is present at `url` with its acknowledged
/// resourceVersion, and a new write gets a resourceVersion above all of them. Returns that
/// write's resourceVersion.
inline std::uint64_t expect_acknowledged_present(const std::string& url, const std::string& ns,
                                                 const Acknowledged& acked,
                                                 const std::string& probe_name) {
  auto transport = cli::make_http_transport(url);
  cli::ApiClient client(*transport);
  const identity::KindInfo& kind = *identity::find_kind("ConfigMap");
  auto list = client.list(kind, ns, "");
  EXPECT_TRUE(list.ok()) << list.error().message;
  if (!list.ok()) return 0;
  std::map<std::string, std::uint64_t> present;
  for (const auto& item : list->at("items"))
    present[item["metadata"]["name"]] = resource_version_of(item);
  for (const auto& [name, rv] : acked.rv_by_name) {
    EXPECT_TRUE(present.count(name)) << name << " was acknowledged but is lost";
    if (present.count(name)) {
      EXPECT_EQ(present[name], rv) << name;
    }
  }
  identity::Json probe = {{"apiVersion", "v1"},
                          {"kind", "ConfigMap"},
                          {"metadata", {{"name", probe_name}, {"namespace", ns}}}};
  auto created = client.create(kind, ns, probe);
  EXPECT_TRUE(created.ok()) << created.error().message;
  if (!created.ok()) return 0;
  const std::uint64_t rv = resource_version_of(*created);
  EXPECT_GT(rv, acked.max_rv) << "resourceVersions must continue upward after a restart";
  return rv;
}

}  // namespace ordinal::testing
