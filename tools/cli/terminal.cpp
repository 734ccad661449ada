#include "tools/cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace ordinal::cli {

ColorMode parse_color_mode(const std::string& text) {
  if (text == "auto") return ColorMode::kAuto;
  if (text == "always") return ColorMode::kAlways;
  if (text == "never") return ColorMode::kNever;
  throw std::invalid_argument("--color must be auto, always or never, not \"" + text + "\"");
}

TerminalFacts terminal_facts(int fd) {
  TerminalFacts facts;
  facts.is_tty = ::isatty(fd) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  facts.no_color = no_color != nullptr && *no_color != '\0';
  const char* term = std::getenv("TERM");
  facts.dumb = term == nullptr || *term == '\0' || std::string_view(term) == "dumb";
  return facts;
}

bool use_color(ColorMode mode, const TerminalFacts& facts) {
  switch (mode) {
    case ColorMode::kAlways:
      return true;
    case ColorMode::kNever:
      return false;
    case ColorMode::kAuto:
      break;
  }
  return facts.is_tty && !facts.dumb && !facts.no_color;
}

bool redraw_in_place(const TerminalFacts& facts) {
  return facts.is_tty && !facts.dumb;
}

std::size_t terminal_columns(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

std::string paint(std::string_view text, Color color) {
  const char* code = "";
  switch (color) {
    case Color::kGreen:
      code = "32";
      break;
    case Color::kYellow:
      code = "33";
      break;
    case Color::kRed:
      code = "31";
      break;
    case Color::kBold:
      code = "1";
      break;
  }
  return std::string("\033[") + code + "m" + std::string(text) + "\033[0m";
}

std::optional<Color> status_color(std::string_view status) {
  static constexpr std::string_view kGreen[] = {"Running",   "Ready",     "Bound",    "Active",
                                                "Available", "Completed", "Succeeded"};
  static constexpr std::string_view kYellow[] = {
      "Pending", "Terminating", "ContainerCreating", "NotReady", "Unknown", "Released", "Missing"};
  static constexpr std::string_view kRed[] = {"Failed", "CrashLoopBackOff", "Error",
                                              "Lost",   "ImagePullBackOff", "ErrImagePull"};
  auto in = [status](const auto& words) {
    return std::find(std::begin(words), std::end(words), status) != std::end(words);
  };
  if (in(kGreen)) return Color::kGreen;
  if (in(kYellow)) return Color::kYellow;
  if (in(kRed)) return Color::kRed;
  return std::nullopt;
}

std::string paint_status(const std::string& status) {
  const auto color = status_color(status);
  return color ? paint(status, *color) : status;
}

std::size_t visible_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\033' && i + 1 < text.size() && text[i + 1] == '[') {
      // A CSI sequence ends with its first byte in 0x40..0x7e.
      for (i += 2; i < text.size() && (text[i] < '@' || text[i] > '~'); ++i) {
      }
      continue;
    }
    // Continuation bytes (10xxxxxx) belong to the character already counted.
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) ++width;
  }
  return width;
}

LiveText::LiveText(std::ostream& out, bool in_place, std::string separator)
    : out_(out), in_place_(in_place), separator_(std::move(separator)) {}

bool LiveText::show(const std::string& text) {
  if (any_ && text == shown_) return false;
  if (!in_place_) {
    out_ << (any_ ? separator_ : "") << text;
  } else {
    // Back to the first line the previous text took, then clear to the end of the screen.
    const auto lines = std::count(shown_.begin(), shown_.end(), '\n');
    out_ << '\r';
    if (lines > 0) out_ << "\033[" << lines << 'A';
    out_ << "\033[J" << text;
  }
  out_.flush();
  shown_ = text;
  any_ = true;
  return true;
}

void LiveText::finish() {
  if (any_ && !shown_.empty() && shown_.back() != '\n') out_ << '\n';
  out_.flush();
  any_ = false;
  shown_.clear();
}

}  // namespace ordinal::cli
