#pragma once
// `ordinal describe`: kubectl's describe layout (key/value lines aligned as Go's tabwriter
// aligns them, nested blocks indented by two spaces, an Events table at the end). Printers are
// pure: the command fetches the object and what it shows alongside it.
#include <chrono>
#include <string>
#include <vector>

#include "identity/json.hpp"
#include "identity/kinds.hpp"

namespace ordinal::cli {

/// What a describe printer shows. `related` depends on the kind: the set's pods (StatefulSet),
/// the pods using the claim (PersistentVolumeClaim), the service's EndpointSlices (Service).
struct DescribeContext {
  identity::Json object;
  std::vector<identity::Json> related;
  std::vector<identity::Json> events;  ///< Events about `object`, any order
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

/// True for the kinds describe_object has a dedicated layout for (others get a generic one).
bool has_describer(const identity::KindInfo& kind);
/// The whole describe text of `context.object` (a `kind` as the API returns it), ending with
/// the Events section. Never throws on missing fields: they print as kubectl prints them.
std::string describe_object(const identity::KindInfo& kind, const DescribeContext& context);

/// Lines whose cells are separated by '\t', aligned as Go's tabwriter (minwidth 0, padding 2)
/// aligns them: a column spans consecutive lines that have a cell in it.
class TabWriter {
 public:
  /// Adds `text` (may hold several '\n'-terminated lines) indented by `level` * 2 spaces.
  void write(int level, const std::string& text);
  /// Aligns what was written since the last flush on its own (later lines do not widen it).
  void flush();
  /// Everything written, aligned (flushes first); clears the writer.
  std::string take();

 private:
  std::string pending_;
  std::string done_;
};

// Building blocks shared by the printers (named after kubectl's describe functions).

/// "<indent><title>:\t<none>" or one sorted `k=v` per line, continuation lines starting with
/// `indent` and a tab.
void print_labels(TabWriter& w, const std::string& indent, const std::string& title,
                  const identity::Json& labels);
/// As print_labels with `k: v` (long or multi-line values on their own lines, cut at 140
/// characters), skipping kubectl's last-applied-configuration annotation.
void print_annotations(TabWriter& w, const std::string& indent, const std::string& title,
                       const identity::Json& annotations);
/// "Pod Template:" and the template's labels, containers and volumes.
void describe_pod_template(TabWriter& w, const identity::Json& pod_template);
/// "<space>Containers:" with each container; `statuses` (may be null) adds their state.
void describe_containers(TabWriter& w, const std::string& title, const identity::Json& containers,
                         const identity::Json& statuses, const std::string& space);
/// "<space>Volumes:" with each volume's source.
void describe_volumes(TabWriter& w, const identity::Json& volumes, const std::string& space);
/// "Events:\t<none>" or kubectl's Type/Reason/Age/From/Message table, oldest first.
void describe_events(TabWriter& w, std::vector<identity::Json> events,
                     std::chrono::system_clock::time_point now);
/// RFC 3339 as kubectl's describe prints times (RFC 1123 with a numeric zone), or the input
/// unchanged when it cannot be read.
std::string describe_time(const std::string& rfc3339);
/// The string at `pointer`, or `fallback` (numbers and booleans as JSON text).
std::string text_at(const identity::Json& object, const char* pointer,
                    const std::string& fallback = "");

}  // namespace ordinal::cli
