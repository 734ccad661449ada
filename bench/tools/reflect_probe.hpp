#pragma once
// Asks several DNS servers the same A question at once until each one's answer reflects a pod's
// readiness change, and times each from the write's acknowledgement. One thread, one connected
// UDP socket per server and ppoll: every server is asked again as soon as it answered with the
// old state (or after `gap`), so each server's time is its own, not the sum of the others'.
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

using ProbeClock = std::chrono::steady_clock;

/// A DNS query for `name` A, in wire format, with id `id`.
inline std::vector<std::uint8_t> a_query(const std::string& name, std::uint16_t id) {
  std::vector<std::uint8_t> packet = {static_cast<std::uint8_t>(id >> 8),
                                      static_cast<std::uint8_t>(id & 0xff),
                                      0,
                                      0,
                                      0,
                                      1,
                                      0,
                                      0,
                                      0,
                                      0,
                                      0,
                                      0};
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    packet.push_back(static_cast<std::uint8_t>(dot - start));
    packet.insert(packet.end(), name.begin() + static_cast<std::ptrdiff_t>(start),
                  name.begin() + static_cast<std::ptrdiff_t>(dot));
    start = dot + 1;
  }
  packet.insert(packet.end(), {0, 0, 1, 0, 1});
  return packet;
}

/// What one server did for one change.
struct Reflection {
  double after_us = 0;  ///< from `since` to the first reflecting answer
  int queries = 0;      ///< queries sent until then
};

/// Asks `name` A of every server in `fds` (connected UDP sockets) until each answers with an
/// address (`ready`) or without one (not ready). `gap` is the pause after an answer that did
/// not reflect the change yet (zero: ask again at once); a query unanswered for 200 ms is asked
/// again. Returns one Reflection per server, in order. Throws std::runtime_error when a server
/// has not reflected the change `limit` after `since`, or a send fails.
inline std::vector<Reflection> ask_until_reflected(
    const std::vector<int>& fds, const std::string& name, bool ready, ProbeClock::time_point since,
    ProbeClock::duration gap, ProbeClock::duration limit, std::uint16_t& next_id) {
  constexpr auto kResend = std::chrono::milliseconds(200);
  struct Pending {
    std::uint16_t id = 0;
    ProbeClock::time_point next_send;
    bool done = false;
  };
  std::vector<Pending> pending(fds.size(), Pending{0, ProbeClock::now(), false});
  std::vector<Reflection> out(fds.size());
  std::size_t left = fds.size();
  std::vector<pollfd> polled;
  std::vector<std::size_t> index_of;
  while (left > 0) {
    auto now = ProbeClock::now();
    if (now - since > limit)
      throw std::runtime_error("DNS did not reflect the change to " + name + " in time");
    auto wake = now + kResend;
    polled.clear();
    index_of.clear();
    for (std::size_t i = 0; i < fds.size(); ++i) {
      Pending& p = pending[i];
      if (p.done) continue;
      if (now >= p.next_send) {
        p.id = next_id++;
        const auto query = a_query(name, p.id);
        if (send(fds[i], query.data(), query.size(), 0) < 0)
          throw std::runtime_error("DNS send failed");
        p.next_send = now + kResend;
        ++out[i].queries;
      }
      wake = std::min(wake, p.next_send);
      polled.push_back(pollfd{fds[i], POLLIN, 0});
      index_of.push_back(i);
    }
    const auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(wake - now);
    const timespec timeout{static_cast<time_t>(wait.count() / 1000000000),
                           static_cast<long>(wait.count() % 1000000000)};
    if (ppoll(polled.data(), polled.size(), &timeout, nullptr) <= 0) continue;
    for (std::size_t k = 0; k < polled.size(); ++k) {
      if (!(polled[k].revents & POLLIN)) continue;
      const std::size_t i = index_of[k];
      std::uint8_t reply[4096];
      ssize_t n;
      while ((n = recv(fds[i], reply, sizeof reply, MSG_DONTWAIT)) >= 12) {
        if (pending[i].done || ((reply[0] << 8) | reply[1]) != pending[i].id) continue;
        const auto answered = ProbeClock::now();
        const int rcode = reply[3] & 0x0f;
        const int answers = (reply[6] << 8) | reply[7];
        if ((rcode == 0 && answers > 0) == ready) {
          pending[i].done = true;
          --left;
          out[i].after_us = std::chrono::duration<double, std::micro>(answered - since).count();
        } else {
          pending[i].next_send = answered + gap;  // the old state: ask again
        }
      }
    }
  }
  return out;
}

}  // namespace bench
