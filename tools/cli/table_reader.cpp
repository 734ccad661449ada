#include "tools/cli/table_reader.hpp"

#include <cstdlib>

#include "tools/cli/json_cursor.hpp"

namespace ordinal::cli {
namespace {

// Calls `member(key)` for each member of the object that comes next, which must read or skip
// the member's value; a value that is not an object is skipped whole.
template <typename Member>
void each_member(JsonCursor& in, Member member) {
  if (in.peek() != '{') {
    in.skip();
    return;
  }
  in.enter_object();
  std::string key;
  while (in.next_member(key)) member(key);
}

// Calls `element()` for each element of the array that comes next (anything else is skipped).
template <typename Element>
void each_element(JsonCursor& in, Element element) {
  if (in.peek() != '[') {
    in.skip();
    return;
  }
  in.enter_array();
  while (in.next_element()) element();
}

// Calls `read()` for each element of the array that comes next that is an object; other
// elements are skipped.
template <typename Read>
void each_object(JsonCursor& in, Read read) {
  each_element(in, [&] {
    if (in.peek() == '{')
      read();
    else
      in.skip();
  });
}

// Only what printing reads is kept: kind, metadata.resourceVersion,
// columnDefinitions[].{name,format,priority}, rows[].cells[] and
// rows[].object.metadata.namespace; everything else is stepped over.
void read_column(JsonCursor& in, ServerTable::Column& column) {
  each_member(in, [&](const std::string& key) {
    if (key == "name") {
      in.scalar(column.name);
    } else if (key == "format") {
      in.scalar(column.format);
    } else if (key == "priority") {
      std::string text;
      in.scalar(text);
      column.priority = std::atoi(text.c_str());
    } else {
      in.skip();
    }
  });
}

void read_row(JsonCursor& in, ServerTable::Row& row) {
  each_member(in, [&](const std::string& key) {
    if (key == "cells") {
      each_element(in, [&] {
        // A cell that is itself an object or array (not one kube-apiserver sends) prints empty.
        std::string& cell = row.cells.emplace_back();
        if (const char next = in.peek(); next == '{' || next == '[')
          in.skip();
        else
          in.scalar(cell, "<none>");
      });
    } else if (key == "object") {
      each_member(in, [&](const std::string& field) {
        if (field != "metadata") return (void)in.skip();
        each_member(in, [&](const std::string& name) {
          if (name == "namespace")
            in.scalar(row.ns);
          else
            in.skip();
        });
      });
    } else {
      in.skip();
    }
  });
}

}  // namespace

identity::Result<ServerTable> read_table(std::string_view body) {
  ServerTable table;
  std::string kind;
  JsonCursor in(body);
  if (in.peek() != '{') in.enter_object();  // records the error
  each_member(in, [&](const std::string& key) {
    if (key == "kind") {
      in.scalar(kind);
    } else if (key == "metadata") {
      each_member(in, [&](const std::string& field) {
        if (field == "resourceVersion")
          in.scalar(table.resource_version);
        else
          in.skip();
      });
    } else if (key == "columnDefinitions") {
      each_object(in, [&] { read_column(in, table.columns.emplace_back()); });
    } else if (key == "rows") {
      each_object(in, [&] { read_row(in, table.rows.emplace_back()); });
    } else {
      in.skip();
    }
  });
  if (!in.finish())
    return identity::internal_error("the server sent a Table that is not JSON: " + in.error());
  if (kind != "Table")
    return identity::internal_error("the server sent a \"" + kind +
                                    "\" where a Table was asked for");
  return table;
}

}  // namespace ordinal::cli
