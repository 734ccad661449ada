// Colour and progress lines: colour only where a person reads the output, columns aligned on
// what shows on screen, waits redrawn in place on a terminal and appended elsewhere.
#include <gtest/gtest.h>

#include <sstream>

#include "tools/cli/set_progress.hpp"
#include "tools/cli/table_printer.hpp"
#include "tools/cli/terminal.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

TerminalFacts tty() {
  return {true, false, false};
}

TEST(Color, AutoColoursOnlyATerminalWithoutNoColorOrDumbTerm) {
  EXPECT_TRUE(use_color(ColorMode::kAuto, tty()));
  EXPECT_FALSE(use_color(ColorMode::kAuto, {false, false, false})) << "a pipe or a file";
  EXPECT_FALSE(use_color(ColorMode::kAuto, {true, true, false})) << "NO_COLOR is set";
  EXPECT_FALSE(use_color(ColorMode::kAuto, {true, false, true})) << "TERM=dumb";
}

TEST(Color, TheFlagBeatsTheEnvironment) {
  EXPECT_TRUE(use_color(ColorMode::kAlways, {false, true, true}));
  EXPECT_FALSE(use_color(ColorMode::kNever, tty()));
  EXPECT_EQ(parse_color_mode("always"), ColorMode::kAlways);
  EXPECT_THROW(parse_color_mode("sometimes"), std::invalid_argument);
}

TEST(Color, InPlaceRedrawsNeedATerminalThatIsNotDumb) {
  EXPECT_TRUE(redraw_in_place(tty()));
  EXPECT_TRUE(redraw_in_place({true, true, false})) << "NO_COLOR is about colour only";
  EXPECT_FALSE(redraw_in_place({true, false, true}));
  EXPECT_FALSE(redraw_in_place({false, false, false}));
}

TEST(Color, StatusWordsHaveTheirColours) {
  EXPECT_EQ(paint_status("Running"), "\033[32mRunning\033[0m");
  EXPECT_EQ(paint_status("Ready"), "\033[32mReady\033[0m");
  EXPECT_EQ(paint_status("Pending"), "\033[33mPending\033[0m");
  EXPECT_EQ(paint_status("Terminating"), "\033[33mTerminating\033[0m");
  EXPECT_EQ(paint_status("Failed"), "\033[31mFailed\033[0m");
  EXPECT_EQ(paint_status("CrashLoopBackOff"), "\033[31mCrashLoopBackOff\033[0m");
  EXPECT_EQ(paint_status("web-0"), "web-0");
}

TEST(Color, VisibleWidthSkipsEscapesAndCountsCharacters) {
  EXPECT_EQ(visible_width(paint("Running", Color::kGreen)), 7u);
  EXPECT_EQ(visible_width("\033[1;33mab\033[0m"), 2u);
  EXPECT_EQ(visible_width("caf\xc3\xa9"), 4u);
}

Json pod(const std::string& name, const std::string& phase) {
  return {{"metadata", {{"name", name}, {"creationTimestamp", "2026-01-01T00:00:00Z"}}},
          {"spec", {{"containers", {{{"name", "nginx"}}}}}},
          {"status", {{"phase", phase}, {"containerStatuses", {{{"ready", phase == "Running"}}}}}}};
}

TEST(Color, TableColumnsStayAlignedWithColouredStatusCells) {
  TableOptions options;
  options.now = std::chrono::system_clock::from_time_t(1767225600 + 90);
  const std::vector<Json> pods = {pod("web-0", "Running"), pod("web-10", "Pending")};
  const std::string plain = format_table(table_rows(*identity::find_kind("Pod"), pods, options));
  options.color = true;
  const std::string colored = format_table(table_rows(*identity::find_kind("Pod"), pods, options));
  EXPECT_NE(colored.find("\033[32mRunning\033[0m"), std::string::npos) << colored;
  EXPECT_NE(colored.find("\033[33mPending\033[0m"), std::string::npos) << colored;
  EXPECT_EQ(plain.find('\033'), std::string::npos);
  // Without the escapes the coloured table is the plain one, space for space.
  std::string stripped = colored;
  for (const char* escape : {"\033[32m", "\033[33m", "\033[0m"})
    for (auto at = stripped.find(escape); at != std::string::npos; at = stripped.find(escape))
      stripped.erase(at, std::string(escape).size());
  EXPECT_EQ(stripped, plain);
  EXPECT_EQ(plain,
            "NAME     READY   STATUS    RESTARTS   AGE\n"
            "web-0    1/1     Running   0          90s\n"
            "web-10   0/1     Pending   0          90s\n");
}

TEST(Color, StatusViewPaintsCellsAndTheVerdictWithoutMovingColumns) {
  SetProgress progress;
  progress.rows = {{"web-0", "Running", "Ready", "rev r1", "10.0.0.1", "claims -"},
                   {"web-1", "Pending", "NotReady", "rev r1", "-", "claims -"}};
  progress.waiting_for = "waiting for web-1 to become Running and Ready (OrderedReady)";
  const std::string plain = format_set_progress(progress);
  const std::string colored = format_set_progress(progress, true);
  EXPECT_EQ(plain.find('\033'), std::string::npos);
  EXPECT_NE(colored.find("web-0  \033[32mRunning\033[0m  \033[32mReady\033[0m     rev r1"),
            std::string::npos)
      << colored;
  EXPECT_NE(colored.find("web-1  \033[33mPending\033[0m  \033[33mNotReady\033[0m  rev r1"),
            std::string::npos)
      << colored;
  EXPECT_NE(colored.find("\033[33mwaiting for web-1"), std::string::npos);
  progress.waiting_for = "up to date";
  EXPECT_NE(format_set_progress(progress, true).find("\033[32mup to date\033[0m\n"),
            std::string::npos);
}

TEST(ProgressLine, OnATerminalEachStateReplacesTheLast) {
  std::ostringstream out;
  LiveText line(out, /*in_place=*/true);
  line.show("Waiting for 2 pods to be ready... (1s)");
  line.show("Waiting for 2 pods to be ready... (1s)");  // unchanged: not drawn again
  line.show("Waiting for 1 pods to be ready... (2s)");
  line.show("statefulset rolling update complete 3 pods at revision web-1...");
  line.finish();
  EXPECT_EQ(out.str(),
            "\r\033[JWaiting for 2 pods to be ready... (1s)"
            "\r\033[JWaiting for 1 pods to be ready... (2s)"
            "\r\033[Jstatefulset rolling update complete 3 pods at revision web-1...\n");
}

TEST(ProgressLine, ABlockOfLinesIsRedrawnFromItsFirstLine) {
  std::ostringstream out;
  LiveText view(out, true);
  view.show("a\nb\n");
  view.show("c\nd\n");
  EXPECT_EQ(out.str(), "\r\033[Ja\nb\n\r\033[2A\033[Jc\nd\n");
}

TEST(ProgressLine, ElsewhereEachNewStateIsAppendedOnce) {
  std::ostringstream out;
  LiveText line(out, /*in_place=*/false, "\n");
  line.show("one\n");
  line.show("one\n");
  line.show("two\n");
  line.finish();
  EXPECT_EQ(out.str(), "one\n\ntwo\n");
}

}  // namespace
}  // namespace ordinal::cli
