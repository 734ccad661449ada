#pragma once
// kubectl's tables: the columns `kubectl get` prints for each kind, aligned as its tabwriter
// aligns them. The cells come from the API's server-side printing (a Table the server sent, or
// the same printers run here on objects), so `ordinal get` and `kubectl get` print the same.
#include <chrono>
#include <string>
#include <vector>

#include "identity/json.hpp"
#include "identity/kinds.hpp"
#include "tools/api/print_cells.hpp"
#include "tools/cli/table_reader.hpp"

namespace ordinal::cli {

struct TableOptions {
  bool wide = false;
  bool with_namespace = false;    ///< -A: a NAMESPACE column first
  bool with_kind_prefix = false;  ///< several kinds in one listing: names as "pod/web-0"
  bool color = false;             ///< paint STATUS cells (terminal.hpp's status colours)
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

/// The rows of `table` (all of `kind`), header first: the columns of priority 0 (all with
/// `options.wide`), titles upper-cased as kubectl shows them. With `options.color` the STATUS
/// cells carry colour escapes; format_table() still aligns them.
std::vector<std::vector<std::string>> table_rows(const identity::KindInfo& kind,
                                                 const ServerTable& table,
                                                 const TableOptions& options);
/// As above, with the cells printed here from `objects` (all of `kind`).
std::vector<std::vector<std::string>> table_rows(const identity::KindInfo& kind,
                                                 const std::vector<identity::Json>& objects,
                                                 const TableOptions& options);
/// Columns padded to their widest cell plus three spaces, as kubectl prints them; widths are
/// what shows on screen, so colour escapes do not shift columns.
std::string format_table(const std::vector<std::vector<std::string>>& rows);
// kubectl's short ages ("5s", "3m2s", "10m") and the age of an RFC 3339 timestamp: the same
// text the API's server-side printing shows.
using api::age_of;
using api::human_duration;

}  // namespace ordinal::cli
