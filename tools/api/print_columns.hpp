#pragma once
// The columns kube-apiserver's printers give each kind (what `kubectl get` shows), with their
// Table column definitions. Priority 0 columns are the default view; priority 1 ones appear
// only with `-o wide`. Unknown kinds get Name and Age.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "identity/json.hpp"
#include "identity/kinds.hpp"

namespace ordinal::api {

struct PrintColumn {
  std::string name;         ///< as the API names it ("Nominated Node"); kubectl upper-cases it
  std::string type;         ///< OpenAPI type of the cells: "string" or "integer"
  std::string format;       ///< "name" for the object's name column, else ""
  std::string description;  ///< one sentence, shown by clients that describe columns
  int priority = 0;         ///< 0: always shown; 1: only with -o wide
  /// The cell as text (integer columns hold decimal digits). Never throws.
  std::function<std::string(const identity::Json&)> cell;
};
using PrintColumns = std::vector<PrintColumn>;

/// Every column of `kind` in kubectl's order, ages computed at `now`.
PrintColumns print_columns(const identity::KindInfo& kind,
                           std::chrono::system_clock::time_point now);

/// The Name column (format "name"), the object's metadata.name.
PrintColumn name_column();
/// The Age column: the age of metadata.creationTimestamp at `now`.
PrintColumn age_column(std::chrono::system_clock::time_point now);
/// A string column.
PrintColumn text_column(std::string name, std::string description,
                        std::function<std::string(const identity::Json&)> cell, int priority = 0);

// Per-kind lists, one file per family of kinds: each fills `out` with every column of `kind`
// and returns true, or returns false for a kind of another family.
bool workload_columns(const std::string& kind, std::chrono::system_clock::time_point now,
                      PrintColumns& out);
bool storage_columns(const std::string& kind, std::chrono::system_clock::time_point now,
                     PrintColumns& out);
bool cluster_columns(const std::string& kind, std::chrono::system_clock::time_point now,
                     PrintColumns& out);

}  // namespace ordinal::api
