#include "tools/cli/table_printer.hpp"

#include <algorithm>
#include <ctime>
#include <functional>
#include <map>

#include "tools/cli/table_columns.hpp"

namespace ordinal::cli {

std::string human_duration(std::chrono::seconds age) {
  const long long s = age.count();
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return std::to_string(s) + "s";
  const long long m = s / 60;
  if (m < 10)
    return s % 60 == 0 ? std::to_string(m) + "m"
                       : std::to_string(m) + "m" + std::to_string(s % 60) + "s";
  if (m < 180) return std::to_string(m) + "m";
  const long long h = m / 60;
  if (h < 8)
    return m % 60 == 0 ? std::to_string(h) + "h"
                       : std::to_string(h) + "h" + std::to_string(m % 60) + "m";
  if (h < 48) return std::to_string(h) + "h";
  const long long d = h / 24;
  if (h < 24 * 8)
    return h % 24 == 0 ? std::to_string(d) + "d"
                       : std::to_string(d) + "d" + std::to_string(h % 24) + "h";
  if (d < 365 * 2) return std::to_string(d) + "d";
  const long long y = d / 365;
  if (y < 8)
    return d % 365 == 0 ? std::to_string(y) + "y"
                        : std::to_string(y) + "y" + std::to_string(d % 365) + "d";
  return std::to_string(y) + "y";
}

std::string age_of(const std::string& timestamp, std::chrono::system_clock::time_point now) {
  std::tm tm{};
  if (timestamp.size() < 19 ||
      std::sscanf(timestamp.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
    return "<unknown>";
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const auto then = std::chrono::system_clock::from_time_t(timegm(&tm));
  return human_duration(std::chrono::duration_cast<std::chrono::seconds>(now - then));
}

std::vector<std::vector<std::string>> table_rows(const identity::KindInfo& kind,
                                                 const std::vector<identity::Json>& objects,
                                                 const TableOptions& options) {
  const Columns columns = columns_for(kind, options);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  if (options.with_namespace && kind.namespaced) header.push_back("NAMESPACE");
  for (const auto& c : columns) header.push_back(c.title);
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
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string format_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], row[i].size());
    }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 3, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace ordinal::cli
