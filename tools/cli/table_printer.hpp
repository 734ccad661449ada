#pragma once
// kubectl's tables: the columns `kubectl get` prints for each kind, aligned as its tabwriter
// aligns them.
#include <chrono>
#include <string>
#include <vector>

#include "identity/json.hpp"
#include "identity/kinds.hpp"

namespace ordinal::cli {

struct TableOptions {
  bool wide = false;
  bool with_namespace = false;    ///< -A: a NAMESPACE column first
  bool with_kind_prefix = false;  ///< several kinds in one listing: names as "pod/web-0"
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

/// The rows of `objects` (all of `kind`), header first.
std::vector<std::vector<std::string>> table_rows(const identity::KindInfo& kind,
                                                 const std::vector<identity::Json>& objects,
                                                 const TableOptions& options);
/// Columns padded to their widest cell plus three spaces, as kubectl prints them.
std::string format_table(const std::vector<std::vector<std::string>>& rows);
/// kubectl's short ages: "5s", "3m2s", "10m", "5h2m", "3d", "2y".
std::string human_duration(std::chrono::seconds age);
/// Age of an RFC 3339 timestamp at `now`, as human_duration, or "<unknown>".
std::string age_of(const std::string& timestamp, std::chrono::system_clock::time_point now);

}  // namespace ordinal::cli
