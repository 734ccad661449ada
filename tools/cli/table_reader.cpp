#include "tools/cli/table_reader.hpp"

#include <array>
#include <cstdlib>

#include "identity/json.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

// Follows the token stream with the key last seen at each depth (depth 1: the Table's own
// members) and keeps the values found at the few paths printing reads:
//   kind, metadata.resourceVersion, columnDefinitions[].{name,format,priority},
//   rows[].cells[], rows[].object.metadata.namespace.
class TableSax final : public nlohmann::json_sax<Json> {
 public:
  explicit TableSax(ServerTable& table) : table_(table) {}

  [[nodiscard]] const std::string& kind() const { return kind_; }
  [[nodiscard]] const std::string& error() const { return error_; }

  bool null() override { return scalar("<none>"); }
  bool boolean(bool value) override { return scalar(value ? "true" : "false"); }
  bool number_integer(number_integer_t value) override { return scalar(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return scalar(std::to_string(value)); }
  bool number_float(number_float_t, const string_t& text) override { return scalar(text); }
  bool string(string_t& value) override { return scalar(std::move(value)); }
  bool binary(binary_t&) override { return true; }
  bool key(string_t& name) override {
    if (depth_ < keys_.size()) keys_[depth_] = std::move(name);
    return true;
  }
  bool start_object(std::size_t) override {
    if (depth_ == 2 && key_is(1, "rows")) table_.rows.emplace_back();
    if (depth_ == 2 && key_is(1, "columnDefinitions")) table_.columns.emplace_back();
    // A cell that is itself an object or array (not one kube-apiserver sends) prints empty.
    if (in_cells()) table_.rows.back().cells.emplace_back();
    return open();
  }
  bool start_array(std::size_t) override {
    if (in_cells()) table_.rows.back().cells.emplace_back();
    return open();
  }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    error_ = "not JSON at byte " + std::to_string(position) + ": " + e.what();
    return false;
  }

 private:
  bool open() {
    ++depth_;
    if (depth_ < keys_.size()) keys_[depth_].clear();
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  [[nodiscard]] bool key_is(std::size_t depth, std::string_view name) const {
    return depth < keys_.size() && keys_[depth] == name;
  }
  [[nodiscard]] bool in_cells() const {
    return depth_ == 4 && key_is(1, "rows") && key_is(3, "cells") && !table_.rows.empty();
  }

  bool scalar(std::string value) {
    if (depth_ == 1 && key_is(1, "kind")) {
      kind_ = std::move(value);
    } else if (depth_ == 2 && key_is(1, "metadata") && key_is(2, "resourceVersion")) {
      table_.resource_version = std::move(value);
    } else if (depth_ == 3 && key_is(1, "columnDefinitions") && !table_.columns.empty()) {
      auto& column = table_.columns.back();
      if (key_is(3, "name")) column.name = std::move(value);
      if (key_is(3, "format")) column.format = std::move(value);
      if (key_is(3, "priority")) column.priority = std::atoi(value.c_str());
    } else if (in_cells()) {
      table_.rows.back().cells.push_back(std::move(value));
    } else if (depth_ == 5 && key_is(1, "rows") && key_is(3, "object") && key_is(4, "metadata") &&
               key_is(5, "namespace") && !table_.rows.empty()) {
      table_.rows.back().ns = std::move(value);
    }
    return true;
  }

  ServerTable& table_;
  std::size_t depth_ = 0;
  std::array<std::string, 6> keys_;
  std::string kind_;
  std::string error_;
};

}  // namespace

identity::Result<ServerTable> read_table(std::string_view body) {
  ServerTable table;
  TableSax sax(table);
  if (!Json::sax_parse(body, &sax))
    return identity::internal_error("the server sent a Table that is " + sax.error());
  if (sax.kind() != "Table")
    return identity::internal_error("the server sent a \"" + sax.kind() +
                                    "\" where a Table was asked for");
  return table;
}

}  // namespace ordinal::cli
