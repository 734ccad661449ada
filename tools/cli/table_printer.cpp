#include "tools/cli/table_printer.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "tools/cli/table_columns.hpp"
#include "tools/cli/terminal.hpp"

namespace ordinal::cli {

std::vector<std::vector<std::string>> table_rows(const identity::KindInfo& kind,
                                                 const std::vector<identity::Json>& objects,
                                                 const TableOptions& options) {
  const Columns columns = columns_for(kind, options);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  if (options.with_namespace && kind.namespaced) header.push_back("NAMESPACE");
  for (const auto& c : columns) header.push_back(c.title);
  const auto status_column = std::find(header.begin(), header.end(), "STATUS");
  const auto status_index = static_cast<std::size_t>(status_column - header.begin());
  rows.push_back(std::move(header));
  for (const auto& object : objects) {
    std::vector<std::string> row;
    const auto& meta = object.contains("metadata") ? object["metadata"] : identity::Json::object();
    if (options.with_namespace && kind.namespaced) row.push_back(meta.value("namespace", ""));
    for (const auto& c : columns) row.push_back(c.cell(object));
    if (options.with_kind_prefix && !row.empty()) {
      std::size_t name_col = options.with_namespace && kind.namespaced ? 1 : 0;
      row[name_col] = kind.qualified_singular() + "/" + row[name_col];
    }
    if (options.color && status_index < row.size())
      row[status_index] = paint_status(row[status_index]);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string format_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], visible_width(row[i]));
    }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - visible_width(row[i]) + 3, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace ordinal::cli
