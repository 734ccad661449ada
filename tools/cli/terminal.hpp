#pragma once
// How client output behaves on a terminal: colour only where a person reads it (a terminal,
// no NO_COLOR, TERM not dumb, or --color=always), and waits shown as one line redrawn in place
// on a terminal but as plain appended lines everywhere else, so logs and scripts see each
// state once.
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace ordinal::cli {

enum class ColorMode { kAuto, kAlways, kNever };

/// "auto", "always" or "never"; throws std::invalid_argument for anything else.
ColorMode parse_color_mode(const std::string& text);

/// What decides colour and in-place redraws, read once so the decision is testable.
struct TerminalFacts {
  bool is_tty = false;    ///< the stream is a terminal (isatty)
  bool no_color = false;  ///< NO_COLOR is set to a non-empty value (no-color.org)
  bool dumb = false;      ///< TERM is "dumb" or unset: no escape sequences
};

/// The facts for file descriptor `fd` and the current environment.
TerminalFacts terminal_facts(int fd);

/// kAlways and kNever decide alone (a flag beats the environment); kAuto colours a terminal
/// that is not dumb, unless NO_COLOR is set.
bool use_color(ColorMode mode, const TerminalFacts& facts);
/// Whether a wait may redraw its line in place: a terminal that understands escapes.
bool redraw_in_place(const TerminalFacts& facts);
/// The width of the terminal on `fd` in columns; 0 when it is not a terminal or unknown.
std::size_t terminal_columns(int fd);

enum class Color { kGreen, kYellow, kRed, kBold };

/// `text` between the SGR escape for `color` and the reset.
std::string paint(std::string_view text, Color color);
/// The colour of a status word in tables and status lines: Running/Ready/Bound green,
/// Pending/Terminating yellow, Failed/CrashLoopBackOff red; nullopt for words without one.
std::optional<Color> status_color(std::string_view status);
/// `status` painted with status_color(), or unchanged when it has none.
std::string paint_status(const std::string& status);
/// Columns `text` takes on screen: escape sequences take none, a UTF-8 character one.
std::size_t visible_width(std::string_view text);

/// Shows successive states of a wait. In place: each text replaces the previous one on screen
/// (cursor moved back over the lines it took, then cleared). Otherwise: each new text is
/// appended after `separator`. A text equal to the one shown last is not shown again.
/// Not thread-safe; one per wait.
class LiveText {
 public:
  LiveText(std::ostream& out, bool in_place, std::string separator = "");
  /// Shows `text` (may span lines; a trailing '\n' ends its last line). Returns whether it
  /// was drawn.
  bool show(const std::string& text);
  /// Ends the wait: the cursor is left at the start of a fresh line below the last text.
  void finish();
  [[nodiscard]] bool in_place() const { return in_place_; }

 private:
  std::ostream& out_;
  bool in_place_;
  std::string separator_;
  std::string shown_;
  bool any_ = false;
};

}  // namespace ordinal::cli
