// dns_loadgen: a batched UDP DNS load generator for `make bench` (issue 7).
//
//   dns_loadgen --server 127.0.0.1 --port 1053 --queries a.txt [--seconds 10]
//               [--window 200] [--rate QPS] [--batch 32] [--timeout 1] [--edns] [--no-rd]
//
// Reads a dnsperf-format query file once, encodes every query once, then for --seconds keeps
// --window queries in flight (or sends --rate queries a second in small batches), reading the
// replies with recvmmsg and matching them by ID and question. Prints one JSON line: QPS, counts,
// rcodes and latency percentiles (CLOCK_MONOTONIC, per query). Exit status 0 unless the
// arguments or the socket fail.
#include <netdb.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>

#include "bench/tools/loadgen/udp_load.hpp"

namespace {

using ordinal::bench::EncodeOptions;
using ordinal::bench::LoadOptions;

struct Arguments {
  std::string server = "127.0.0.1";
  std::string port = "53";
  std::string queries;
  LoadOptions load;
  EncodeOptions encode;
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr,
               "dns_loadgen: %s\nusage: dns_loadgen --server ADDR --port PORT --queries FILE "
               "[--seconds S] [--window W] [--rate QPS] [--batch B] [--timeout S] [--edns] "
               "[--no-rd]\n",
               problem);
  std::exit(2);
}

double number(const char* text, const char* flag) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  if (end == text || *end != '\0' || value < 0)
    usage((std::string("bad value for ") + flag).c_str());
  return value;
}

Arguments parse(int argc, char** argv) {
  Arguments args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--edns") {
      args.encode.edns = true;
      continue;
    }
    if (flag == "--no-rd") {
      args.encode.recursion_desired = false;
      continue;
    }
    if (i + 1 >= argc) usage(("missing value for " + flag).c_str());
    const char* value = argv[++i];
    if (flag == "--server")
      args.server = value;
    else if (flag == "--port")
      args.port = value;
    else if (flag == "--queries")
      args.queries = value;
    else if (flag == "--seconds")
      args.load.seconds = number(value, "--seconds");
    else if (flag == "--window")
      args.load.window = static_cast<std::size_t>(number(value, "--window"));
    else if (flag == "--rate")
      args.load.rate = number(value, "--rate");
    else if (flag == "--batch")
      args.load.batch = static_cast<std::size_t>(number(value, "--batch"));
    else if (flag == "--timeout")
      args.load.timeout = number(value, "--timeout");
    else
      usage(("unknown flag " + flag).c_str());
  }
  if (args.queries.empty()) usage("--queries is required");
  return args;
}

/// A non-blocking UDP socket connected to the server, with buffers large enough for a window
/// of replies (forced past rmem_max where we may).
int connect_udp(const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr)
    throw std::runtime_error("bad server address " + host + " port " + port);
  const int fd = socket(found->ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
    freeaddrinfo(found);
    throw std::runtime_error("cannot reach " + host + " port " + port);
  }
  freeaddrinfo(found);
  const int size = 8 << 20;
  for (const int option : {SO_RCVBUF, SO_SNDBUF}) {
    const int forced = option == SO_RCVBUF ? SO_RCVBUFFORCE : SO_SNDBUFFORCE;
    if (setsockopt(fd, SOL_SOCKET, forced, &size, sizeof size) != 0)
      setsockopt(fd, SOL_SOCKET, option, &size, sizeof size);
  }
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments args = parse(argc, argv);
  try {
    const auto queries = ordinal::bench::read_query_file(args.queries, args.encode);
    // Fixed-rate batches are tens of microseconds apart: keep the kernel's default 50 µs
    // timer slack out of the schedule.
    prctl(PR_SET_TIMERSLACK, 1000UL, 0UL, 0UL, 0UL);
    const int fd = connect_udp(args.server, args.port);
    ordinal::bench::UdpLoad load(fd, queries, args.load);
    auto result = load.run();
    close(fd);
    std::printf("%s\n", ordinal::bench::to_json(result).c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dns_loadgen: %s\n", e.what());
    return 1;
  }
}
