#include "tools/cli/table_columns.hpp"

#include <cctype>

#include "tools/api/print_columns.hpp"

namespace ordinal::cli {

// One list of columns per kind, shared with the API's server-side printing, so `ordinal get`
// and `kubectl get` against our API print the same table.
Columns columns_for(const identity::KindInfo& kind, const TableOptions& options) {
  Columns cols;
  for (auto& column : api::print_columns(kind, options.now)) {
    if (column.priority > 0 && !options.wide) continue;
    std::string title = column.name;
    for (auto& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    cols.push_back({std::move(title), std::move(column.cell)});
  }
  return cols;
}

}  // namespace ordinal::cli
