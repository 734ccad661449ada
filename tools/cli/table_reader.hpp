#pragma once
// Reading a meta.k8s.io Table (the API's server-side printing) for `ordinal get`. Only what
// printing needs is kept — column definitions, each row's cells and its object's namespace — and
// the text is read as a stream of tokens, never as a DOM: a Table of 100,000 pods with their
// metadata is about 70 MB of JSON.
#include <string>
#include <string_view>
#include <vector>

#include "identity/api_error.hpp"

namespace ordinal::cli {

struct ServerTable {
  struct Column {
    std::string name;    ///< as the API names it ("Nominated Node")
    std::string format;  ///< "name" for the object's name column
    int priority = 0;    ///< 0: always shown; 1: only with -o wide
  };
  struct Row {
    std::vector<std::string> cells;  ///< as text: strings bare, numbers in decimal
    std::string ns;                  ///< the row object's metadata.namespace, if sent
  };
  std::vector<Column> columns;
  std::vector<Row> rows;
  std::string resource_version;  ///< the Table's metadata.resourceVersion
};

/// The Table in `body`; a 500 error naming what is wrong when `body` is not JSON or not a Table.
identity::Result<ServerTable> read_table(std::string_view body);

}  // namespace ordinal::cli
