// The layout machinery behind `ordinal describe`: Go's tabwriter, labels, annotations, events.
#include <algorithm>
#include <ctime>
#include <utility>

#include "tools/cli/describe.hpp"
#include "tools/cli/table_printer.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;
using Cells = std::vector<std::string>;

constexpr std::size_t kPadding = 2;
constexpr std::size_t kMaxAnnotationLength = 140;

class Aligner {
 public:
  explicit Aligner(std::vector<Cells> lines) : lines_(std::move(lines)) {}

  std::string run() {
    format(0, lines_.size());
    return out_;
  }

 private:
  // Go's tabwriter.format: a column block is a run of lines holding a tab-terminated cell in
  // this column; its width is the widest such cell plus padding.
  void format(std::size_t line0, std::size_t line1) {
    const std::size_t column = widths_.size();
    for (std::size_t at = line0; at < line1; ++at) {
      if (column + 1 >= lines_[at].size()) continue;
      write_lines(line0, at);
      line0 = at;
      std::size_t width = 0;
      for (; at < line1 && column + 1 < lines_[at].size(); ++at)
        width = std::max(width, lines_[at][column].size() + kPadding);
      widths_.push_back(width);
      format(line0, at);
      widths_.pop_back();
      line0 = at;
      if (at == line1) break;
    }
    write_lines(line0, line1);
  }

  void write_lines(std::size_t line0, std::size_t line1) {
    for (std::size_t i = line0; i < line1; ++i) {
      const Cells& line = lines_[i];
      for (std::size_t j = 0; j < line.size(); ++j) {
        out_ += line[j];
        if (j < widths_.size() && line[j].size() < widths_[j])
          out_.append(widths_[j] - line[j].size(), ' ');
      }
      if (i + 1 < lines_.size()) out_ += '\n';
    }
  }

  std::vector<Cells> lines_;
  std::vector<std::size_t> widths_;
  std::string out_;
};

std::vector<std::string> sorted_keys(const Json& map) {
  std::vector<std::string> keys;
  if (map.is_object())
    for (auto it = map.begin(); it != map.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string value_text(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string shorten(const std::string& text, std::size_t max) {
  return text.size() > max ? text.substr(0, max) + "..." : text;
}

std::string event_age(const Json& event, std::chrono::system_clock::time_point now) {
  std::string first = text_at(event, "/eventTime");
  if (first.empty()) first = text_at(event, "/firstTimestamp");
  const std::string first_age = first.empty() ? "<unknown>" : age_of(first, now);
  const long long count = event.value("count", 0LL);
  if (event.contains("series") && event["series"].is_object())
    return age_of(text_at(event, "/series/lastObservedTime"), now) + " (x" +
           std::to_string(event["series"].value("count", 0LL)) + " over " + first_age + ")";
  if (count > 1)
    return age_of(text_at(event, "/lastTimestamp"), now) + " (x" + std::to_string(count) +
           " over " + first_age + ")";
  return first_age;
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\n") - begin + 1);
}

}  // namespace

void TabWriter::write(int level, const std::string& text) {
  pending_.append(static_cast<std::size_t>(level) * 2, ' ');
  pending_ += text;
}

void TabWriter::flush() {
  std::vector<Cells> lines;
  std::size_t start = 0;
  while (start < pending_.size()) {
    std::size_t end = std::min(pending_.find('\n', start), pending_.size());
    Cells cells;
    std::size_t cell_start = start;
    for (std::size_t tab; (tab = pending_.find('\t', cell_start)) < end; cell_start = tab + 1)
      cells.push_back(pending_.substr(cell_start, tab - cell_start));
    cells.push_back(pending_.substr(cell_start, end - cell_start));
    lines.push_back(std::move(cells));
    start = end + 1;
  }
  const bool newline_at_end = !pending_.empty() && pending_.back() == '\n';
  if (newline_at_end) lines.emplace_back();
  done_ += Aligner(std::move(lines)).run();
  pending_.clear();
}

std::string TabWriter::take() {
  flush();
  return std::exchange(done_, std::string());
}

void print_labels(TabWriter& w, const std::string& indent, const std::string& title,
                  const Json& labels) {
  w.write(0, indent + title + ":\t");
  const auto keys = sorted_keys(labels);
  if (keys.empty()) w.write(0, "<none>\n");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i != 0) w.write(0, indent + "\t");
    w.write(0, keys[i] + "=" + value_text(labels[keys[i]]) + "\n");
  }
}

void print_annotations(TabWriter& w, const std::string& indent, const std::string& title,
                       const Json& annotations) {
  w.write(0, indent + title + ":\t");
  auto keys = sorted_keys(annotations);
  std::erase(keys, "kubectl.kubernetes.io/last-applied-configuration");
  if (keys.empty()) w.write(0, "<none>\n");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i != 0) w.write(0, indent + "\t");
    std::string value = value_text(annotations[keys[i]]);
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (value.size() + keys[i].size() + 2 <= kMaxAnnotationLength &&
        value.find('\n') == std::string::npos) {
      w.write(0, keys[i] + ": " + value + "\n");
      continue;
    }
    w.write(0, keys[i] + ":\n");
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t end = std::min(value.find('\n', start), value.size());
      w.write(0, indent + "  " +
                     shorten(value.substr(start, end - start), kMaxAnnotationLength - 2) + "\n");
      start = end + 1;
    }
  }
}

void describe_events(TabWriter& w, std::vector<Json> events,
                     std::chrono::system_clock::time_point now) {
  if (events.empty()) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  // kubectl flushes here so the events table is aligned on its own.
  w.flush();
  std::stable_sort(events.begin(), events.end(), [](const Json& a, const Json& b) {
    return text_at(a, "/lastTimestamp") < text_at(b, "/lastTimestamp");
  });
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const auto& e : events) {
    std::string source = text_at(e, "/source/component");
    if (source.empty()) source = text_at(e, "/reportingController");
    w.write(1, text_at(e, "/type") + "\t" + text_at(e, "/reason") + "\t" + event_age(e, now) +
                   "\t" + source + "\t" + trim(text_at(e, "/message")) + "\n");
  }
}

std::string describe_time(const std::string& rfc3339) {
  std::tm tm{};
  if (rfc3339.size() < 19 || ::strptime(rfc3339.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr)
    return rfc3339;
  const std::time_t seconds = ::timegm(&tm);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buffer;
}

std::string text_at(const Json& object, const char* pointer, const std::string& fallback) {
  const Json::json_pointer p(pointer);
  if (!object.is_object() || !object.contains(p) || object[p].is_null()) return fallback;
  return value_text(object[p]);
}

}  // namespace ordinal::cli
