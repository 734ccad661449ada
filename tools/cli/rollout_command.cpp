// `ordinal rollout status|history|undo statefulset/NAME`: kubectl's rollout verbs for
// StatefulSets. History is the set's ControllerRevisions (statefulset.md section 12).
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
};

/// Shows each new rollout message once; decides when following ends.
class StatusFollower {
 public:
  explicit StatusFollower(bool watch) : watch_(watch) {}
  /// True when following is over; exit_code() then holds the verb's status.
  bool show(const Json& set) {
    const RolloutStatus status = statefulset_rollout_status(set);
    if (!status.error.empty()) return finish(fail(status.error));
    if (status.message != last_) {
      std::cout << status.message << "\n";
      std::cout.flush();
      last_ = status.message;
    }
    return status.done || !watch_ ? finish(0) : false;
  }
  bool finish(int code) {
    exit_code_ = code;
    return true;
  }
  [[nodiscard]] std::optional<int> exit_code() const { return exit_code_; }

 private:
  bool watch_;
  std::string last_;
  std::optional<int> exit_code_;
};

int rollout_status(ApiClient& client, const SingleTarget& target, const std::string& ns,
                   const RolloutFlags& flags) {
  const auto timeout = identity::parse_duration(flags.timeout);
  std::optional<Clock::time_point> deadline;
  if (timeout.count() > 0) deadline = Clock::now() + timeout;
  StatusFollower follower(flags.watch);
  for (;;) {
    auto set = client.get(*target.kind, ns, target.name);
    if (!set) return fail(set.error());
    if (follower.show(*set)) return *follower.exit_code();
    if (deadline && Clock::now() >= *deadline) return fail("timed out waiting for the condition");
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
    exit_code = verb(connection.client(), target, global.ns, *flags);
  });
  return cmd;
}

}  // namespace

void add_rollout_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto* rollout = app.add_subcommand("rollout", "Follow, list or undo a StatefulSet's rollouts");
  rollout->require_subcommand(1);
  auto status_flags = std::make_shared<RolloutFlags>();
  auto* status = add_verb(
      *rollout, "status",
      "Print kubectl's rollout status messages until the rollout is complete (RollingUpdate only)",
      rollout_status, status_flags, global, exit_code);
  status->add_option("--timeout", status_flags->timeout,
                     "Give up after this long (e.g. 30s, 5m; 0 waits forever): exit 1 with "
                     "\"timed out waiting for the condition\"");
  status->add_flag("-w,--watch", status_flags->watch,
                   "Follow until complete (default true); --watch=false prints once");
  auto history_flags = std::make_shared<RolloutFlags>();
  auto* history = add_verb(*rollout, "history",
                           "List the revisions (ControllerRevisions) of a StatefulSet, or show "
                           "one revision's pod template",
                           rollout_history, history_flags, global, exit_code);
  history->add_option("--revision", history_flags->revision,
                      "Show the pod template of this revision");
  auto undo_flags = std::make_shared<RolloutFlags>();
  auto* undo = add_verb(*rollout, "undo",
                        "Restore the pod template of an earlier revision (default: the previous "
                        "one)",
                        rollout_undo, undo_flags, global, exit_code);
  undo->add_option("--to-revision", undo_flags->revision,
                   "The revision to roll back to (default 0: the previous revision)");
}

}  // namespace ordinal::cli
