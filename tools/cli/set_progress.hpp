#pragma once
// What `ordinal status statefulset/NAME` shows: one line per ordinal and the one thing the
// controller waits for, derived from the StatefulSet rules (statefulset.md sections 7, 8 and
// 11) applied to the objects as they are. Pure: the command fetches, this decides.
#include <string>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::cli {

struct SetObjects {
  identity::Json set;                  ///< the StatefulSet as the API returns it
  std::vector<identity::Json> pods;    ///< pods of its namespace (others are ignored)
  std::vector<identity::Json> claims;  ///< PersistentVolumeClaims of its namespace
  std::vector<identity::Json> events;  ///< Events of its namespace (claim messages)
};

struct SetProgress {
  /// Cells per ordinal, lowest first: name, status, readiness, "rev R", IP, "claims c=Phase",
  /// and "condemned" for pods outside the ordinal range.
  std::vector<std::vector<std::string>> rows;
  /// e.g. "waiting for web-1 to become Running and Ready (OrderedReady)" or "up to date".
  std::string waiting_for;
};

/// Never throws; missing fields read as the API's defaults.
SetProgress set_progress(const SetObjects& objects);
/// The rows aligned in columns, then the waiting_for line. With `color`, the status and
/// readiness cells carry terminal.hpp's status colours (alignment is unchanged on screen) and
/// the waiting_for line is green when up to date, yellow otherwise.
std::string format_set_progress(const SetProgress& progress, bool color = false);

}  // namespace ordinal::cli
