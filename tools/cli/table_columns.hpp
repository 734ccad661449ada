#pragma once
// The column definitions behind table_printer: one list per kind, as `kubectl get` shows it.
#include <functional>
#include <string>
#include <vector>

#include "identity/json.hpp"
#include "identity/kinds.hpp"
#include "tools/cli/table_printer.hpp"

namespace ordinal::cli {

struct Column {
  std::string title;
  std::function<std::string(const identity::Json&)> cell;
};
using Columns = std::vector<Column>;

/// Columns for `kind` (unknown kinds: NAME and AGE); `options.wide` adds kubectl's -o wide ones.
Columns columns_for(const identity::KindInfo& kind, const TableOptions& options);

}  // namespace ordinal::cli
