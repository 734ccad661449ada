// `ordinal rollout status|history|undo statefulset/NAME`: kubectl's rollout verbs for
// StatefulSets. History is the set's ControllerRevisions (statefulset.md section 12).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "identity/duration.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/describe.hpp"
#include "tools/cli/rollout_status.hpp"
#include "tools/cli/single_target.hpp"
#include "tools/cli/table_printer.hpp"
#include "tools/cli/terminal.hpp"

namespace ordinal::cli {
namespace {

using Clock = std::chrono::steady_clock;

// rollout status re-reads the set this often. It polls rather than following a watch stream:
// the HTTP transport hands a stream's lines over only once 8 KiB have arrived or the stream
// ends, too late for one object's occasional status changes.
constexpr std::chrono::milliseconds kPollInterval{250};

struct RolloutFlags {
  std::vector<std::string> args;
  std::string timeout = "0s";
  bool watch = true;
  std::int64_t revision = 0;
  bool color = false;  ///< set from the global --color when the verb runs
};

/// How rollout status shows its messages: kubectl's lines, each once, where output is not a
/// terminal (scripts grep them); on a terminal one line redrawn in place with the time waited,
/// ending with the verdict.
struct StatusLook {
  bool live = false;
  bool color = false;
};

/// Shows each new rollout message; decides when following ends.
class StatusFollower {
 public:
  StatusFollower(bool watch, StatusLook look)
      : watch_(watch), look_(look), line_(std::cout, look.live), start_(Clock::now()) {}
  /// True when following is over; exit_code() then holds the verb's status.
  bool show(const Json& set) {
    const RolloutStatus status = statefulset_rollout_status(set);
    if (!status.error.empty()) return finish(fail(status.error));
    const bool over = status.done || !watch_;
    line_.show(decorate(status.message, status.done, over));
    return over ? finish(0) : false;
  }
  bool finish(int code) {
    line_.finish();
    exit_code_ = code;
    return true;
  }
  [[nodiscard]] std::optional<int> exit_code() const { return exit_code_; }

 private:
  std::string decorate(const std::string& message, bool done, bool over) const {
    auto painted = [&](const std::string& text) {
      return look_.color ? paint(text, done ? Color::kGreen : Color::kYellow) : text;
    };
    if (!look_.live) return painted(message) + "\n";
    std::string suffix;
    if (!over) {
      const auto waited = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start_);
      suffix = " (" + human_duration(waited) + ")";
    }
    // A line that wraps could not be redrawn in place: cut the message to the screen's width.
    std::string text = message;
    const std::size_t columns = terminal_columns(STDOUT_FILENO);
    if (columns > suffix.size() + 4 && text.size() + suffix.size() >= columns)
      text = text.substr(0, columns - suffix.size() - 4) + "...";
    return painted(text) + suffix;
  }

  bool watch_;
  StatusLook look_;
  LiveText line_;
  Clock::time_point start_;
  std::optional<int> exit_code_;
};

int rollout_status(ApiClient& client, const SingleTarget& target, const std::string& ns,
                   const RolloutFlags& flags) {
  const auto timeout = identity::parse_duration(flags.timeout);
  std::optional<Clock::time_point> deadline;
  if (timeout.count() > 0) deadline = Clock::now() + timeout;
  StatusFollower follower(flags.watch, {live_stdout(), flags.color});
  for (;;) {
    auto set = client.get(*target.kind, ns, target.name);
    if (!set) {
      follower.finish(1);
      return fail(set.error());
    }
    if (follower.show(*set)) return *follower.exit_code();
    if (deadline && Clock::now() >= *deadline) {
      follower.finish(1);
      return fail("timed out waiting for the condition");
    }
    auto pause = kPollInterval;
    if (deadline)
      pause = std::min(
          pause, std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()));
    std::this_thread::sleep_for(pause);
  }
}

/// The set's ControllerRevisions (controlled by its uid), oldest revision number first.
Result<std::vector<Json>> history_of(ApiClient& client, const Json& set) {
  const std::string ns = set.value("/metadata/namespace"_json_pointer, std::string());
  const std::string uid = set.value("/metadata/uid"_json_pointer, std::string());
  auto list = client.list(*identity::find_kind("ControllerRevision"), ns, "");
  if (!list) return list.error();
  std::vector<Json> revisions;
  for (auto& revision : items_of(*list))
    for (const auto& r : revision.value("/metadata/ownerReferences"_json_pointer, Json::array()))
      if (r.value("controller", false) && r.value("uid", "") == uid) {
        revisions.push_back(std::move(revision));
        break;
      }
  std::stable_sort(revisions.begin(), revisions.end(), [](const Json& a, const Json& b) {
    return a.value("revision", 0LL) < b.value("revision", 0LL);
  });
  return revisions;
}

/// The pod template a revision restores: data.spec.template without the "$patch" directive.
Json template_of(const Json& revision) {
  Json pod_template = revision.value("/data/spec/template"_json_pointer, Json::object());
  if (pod_template.is_object()) pod_template.erase("$patch");
  return pod_template;
}

const Json* find_revision(const std::vector<Json>& history, std::int64_t number) {
  for (const auto& r : history)
    if (r.value("revision", 0LL) == number) return &r;
  return nullptr;
}

int rollout_history(ApiClient& client, const SingleTarget& target, const std::string& ns,
                    const RolloutFlags& flags) {
  auto set = client.get(*target.kind, ns, target.name);
  if (!set) return fail(set.error());
  auto history = history_of(client, *set);
  if (!history) return fail(history.error());
  const std::string object = target.kind->qualified_singular() + "/" + target.name;
  TabWriter w;
  if (flags.revision > 0) {
    const Json* revision = find_revision(*history, flags.revision);
    if (revision == nullptr) return fail("unable to find the specified revision");
    describe_pod_template(w, template_of(*revision));
    std::cout << object << " with revision #" << flags.revision << "\n" << w.take() << "\n";
    return 0;
  }
  if (history->empty()) {
    std::cout << object << " \nNo rollout history found.\n";
    return 0;
  }
  w.write(0, "REVISION\tCHANGE-CAUSE\n");
  for (const auto& r : *history)
    w.write(0, std::to_string(r.value("revision", 0LL)) + "\t" +
                   text_at(r, "/metadata/annotations/kubernetes.io~1change-cause", "<none>") +
                   "\n");
  // kubectl's layout: the object with an empty operation, the table, a blank line.
  std::cout << object << " \n" << w.take() << "\n";
  return 0;
}

int rollout_undo(ApiClient& client, const SingleTarget& target, const std::string& ns,
                 const RolloutFlags& flags) {
  auto set = client.get(*target.kind, ns, target.name);
  if (!set) return fail(set.error());
  auto history = history_of(client, *set);
  if (!history) return fail(history.error());
  std::int64_t number = flags.revision;
  if (number == 0) {
    // The previous revision: the second highest number.
    if (history->size() < 2) return fail("no last revision to roll back to");
    number = (*history)[history->size() - 2].value("revision", 0LL);
  }
  const Json* revision = find_revision(*history, number);
  if (revision == nullptr)
    return fail("unable to find specified revision " + std::to_string(number) + " in history");
  const Json wanted = template_of(*revision);
  bool skipped = false;
  auto written = update_with_retry(client, *target.kind, ns, target.name, "", [&](Json& live) {
    skipped = live.value("/spec/template"_json_pointer, Json()) == wanted;
    if (!skipped) live["spec"]["template"] = wanted;
    return !skipped;
  });
  if (!written) return fail(written.error());
  const std::string object = target.kind->qualified_singular() + "/" + target.name;
  if (skipped)
    std::cout << object << " skipped rollback (current template already matches revision " << number
              << ")\n";
  else
    std::cout << object << " rolled back\n";
  return 0;
}

using RolloutVerb = int (*)(ApiClient&, const SingleTarget&, const std::string&,
                            const RolloutFlags&);

CLI::App* add_verb(CLI::App& rollout, const char* name, const char* help, RolloutVerb verb,
                   const std::shared_ptr<RolloutFlags>& flags, GlobalOptions& global,
                   int& exit_code) {
  auto* cmd = rollout.add_subcommand(name, help);
  cmd->add_option("resource", flags->args, "statefulset/NAME | statefulset NAME")->required();
  cmd->callback([&global, &exit_code, flags, verb, name] {
    const SingleTarget target =
        parse_single_target(flags->args, std::string("rollout ") + name, {"StatefulSet"});
    Connection connection(global);
    flags->color = color_stdout(global);
    exit_code = verb(connection.client(), target, global.ns, *flags);
  });
  return cmd;
}

}  // namespace

void add_rollout_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto* rollout = app.add_subcommand("rollout", "Follow, list or undo a StatefulSet's rollouts");
  rollout->require_subcommand(1);
  rollout->footer(examples_footer({
      {"Wait until the rollout of web is complete",
       "ordinal rollout status statefulset/web -n test"},
      {"Its revisions", "ordinal rollout history statefulset/web -n test"},
      {"Back to the previous revision", "ordinal rollout undo statefulset/web -n test"},
  }));
  auto status_flags = std::make_shared<RolloutFlags>();
  auto* status = add_verb(*rollout, "status", "Follow a rollout until it is complete",
                          rollout_status, status_flags, global, exit_code);
  status->footer(
      "Prints kubectl's messages (RollingUpdate only), each once; on a terminal one line is\n"
      "redrawn in place. Exits 1 on --timeout.\n\n" +
      examples_footer({
          {"Wait for the rollout of web", "ordinal rollout status statefulset/web -n test"},
          {"Give up after two minutes (exit 1)",
           "ordinal rollout status sts/web -n test --timeout=2m"},
          {"Print the current state once", "ordinal rollout status sts web -n test --watch=false"},
      }));
  status->add_option("--timeout", status_flags->timeout,
                     "Give up after this long (e.g. 30s, 5m; 0 waits forever): exit 1 with "
                     "\"timed out waiting for the condition\"");
  status->add_flag("-w,--watch", status_flags->watch,
                   "Follow until complete (default true); --watch=false prints once");
  auto history_flags = std::make_shared<RolloutFlags>();
  auto* history = add_verb(*rollout, "history", "List a StatefulSet's revisions", rollout_history,
                           history_flags, global, exit_code);
  history->add_option("--revision", history_flags->revision,
                      "Show the pod template of this revision");
  history->footer("The revisions are the set's ControllerRevisions.\n\n" +
                  examples_footer({
                      {"The revisions of web", "ordinal rollout history statefulset/web -n test"},
                      {"The pod template of revision 1",
                       "ordinal rollout history statefulset/web -n test --revision=1"},
                  }));
  auto undo_flags = std::make_shared<RolloutFlags>();
  auto* undo = add_verb(*rollout, "undo", "Restore the pod template of an earlier revision",
                        rollout_undo, undo_flags, global, exit_code);
  undo->add_option("--to-revision", undo_flags->revision,
                   "The revision to roll back to (default 0: the previous revision)");
  undo->footer(examples_footer({
      {"Back to the previous revision", "ordinal rollout undo statefulset/web -n test"},
      {"Back to revision 1", "ordinal rollout undo sts/web -n test --to-revision=1"},
  }));
}

}  // namespace ordinal::cli
