#include "tools/cli/table_printer.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

#include "tools/api/print_columns.hpp"
#include "tools/cli/terminal.hpp"

namespace ordinal::cli {

std::vector<std::vector<std::string>> table_rows(const identity::KindInfo& kind,
                                                 const ServerTable& table,
                                                 const TableOptions& options) {
  const bool with_namespace = options.with_namespace && kind.namespaced;
  std::vector<std::size_t> shown;
  std::vector<std::string> header;
  if (with_namespace) header.emplace_back("NAMESPACE");
  std::size_t name_column = with_namespace ? 1 : 0;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const auto& column = table.columns[i];
    if (column.priority > 0 && !options.wide) continue;
    if (column.format == "name") name_column = header.size();
    std::string title = column.name;
    for (auto& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    header.push_back(std::move(title));
    shown.push_back(i);
  }
  const auto status_index =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), "STATUS") - header.begin());
  std::vector<std::vector<std::string>> rows;
  rows.reserve(table.rows.size() + 1);
  rows.push_back(std::move(header));
  for (const auto& source : table.rows) {
    std::vector<std::string> row;
    row.reserve(shown.size() + 1);
    if (with_namespace) row.push_back(source.ns);
    for (std::size_t i : shown) row.push_back(i < source.cells.size() ? source.cells[i] : "");
    if (options.with_kind_prefix && name_column < row.size())
      row[name_column] = kind.qualified_singular() + "/" + row[name_column];
    if (options.color && status_index < row.size())
      row[status_index] = paint_status(row[status_index]);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::string>> table_rows(const identity::KindInfo& kind,
                                                 const std::vector<identity::Json>& objects,
                                                 const TableOptions& options) {
  const api::PrintColumns columns = api::print_columns(kind, options.now);
  ServerTable table;
  for (const auto& c : columns) table.columns.push_back({c.name, c.format, c.priority});
  for (const auto& object : objects) {
    ServerTable::Row row;
    row.ns = api::value_text(object, "/metadata/namespace", "");
    for (const auto& c : columns) row.cells.push_back(c.cell(object));
    table.rows.push_back(std::move(row));
  }
  return table_rows(kind, table, options);
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
