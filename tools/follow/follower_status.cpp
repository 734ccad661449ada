#include "tools/follow/follower_status.hpp"

#include <ctime>

#include "identity/json.hpp"

namespace ordinal::follow {
namespace {

std::string rfc3339(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

double unix_seconds(std::chrono::system_clock::time_point when) {
  return std::chrono::duration<double>(when.time_since_epoch()).count();
}

StatusReply readyz(const FollowerStatus& status) {
  if (status.ready()) return {200, "text/plain; charset=utf-8", "ok\n"};
  std::string why;
  if (status.down_since) {
    why = "source unreachable since " + rfc3339(*status.down_since) + ": " + status.last_error;
    if (status.published)
      why += "; answering from the last snapshot (serial " + std::to_string(status.serial) + ")";
  } else {
    why = "waiting for the first complete list from " + status.source;
  }
  return {503, "text/plain; charset=utf-8", why + "\n"};
}

StatusReply metrics(const FollowerStatus& status) {
  std::string out;
  auto gauge = [&out](const char* name, const char* help, const char* type,
                      const std::string& value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
           name + " " + value + "\n";
  };
  gauge("ordinal_follower_connected", "1 while the source answers, else 0.", "gauge",
        status.ready() ? "1" : "0");
  gauge("ordinal_follower_last_sync_timestamp_seconds",
        "When the source last told the follower something current (Unix time).", "gauge",
        status.last_sync ? std::to_string(unix_seconds(*status.last_sync)) : "0");
  gauge("ordinal_follower_relists_total", "Complete lists published, the first one included.",
        "counter", std::to_string(status.relists));
  gauge("ordinal_follower_events_total", "Watch events applied to the zone.", "counter",
        std::to_string(status.events));
  gauge("ordinal_zone_serial", "Serial of the zone served.", "gauge",
        std::to_string(status.serial));
  return {200, "text/plain; version=0.0.4; charset=utf-8", out};
}

}  // namespace

StatusReply answer_status(const std::string& target, const FollowerStatus& status) {
  const std::string path = target.substr(0, target.find('?'));
  if (path == "/healthz" || path == "/livez") return {200, "text/plain; charset=utf-8", "ok\n"};
  if (path == "/readyz") return readyz(status);
  if (path == "/metrics") return metrics(status);
  const identity::Json body = {
      {"kind", "Status"},
      {"apiVersion", "v1"},
      {"metadata", identity::Json::object()},
      {"status", "Failure"},
      {"message", "this ordinal is a DNS follower of " + status.source +
                      ": it serves only /healthz, /livez, /readyz and /metrics; send API "
                      "requests to " +
                      status.source},
      {"reason", "NotFound"},
      {"code", 404},
  };
  return {404, "application/json", body.dump() + "\n"};
}

}  // namespace ordinal::follow
