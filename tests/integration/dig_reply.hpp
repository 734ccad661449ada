#pragma once
// One `dig` query against the real server, read back section by section.
#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "integration/process.hpp"

namespace ordinal::testing {

/// One record line of dig's output ("name ttl IN type rdata"), whole and in fields.
struct DigRecord {
  std::string line, owner, ttl, type, rdata;
};

struct DigReply {
  std::string status;  ///< NOERROR, NXDOMAIN, ...
  std::vector<DigRecord> answer, authority, additional;
};

inline DigRecord parse_dig_record(const std::string& line) {
  std::istringstream in(line);
  DigRecord record{line, {}, {}, {}, {}};
  std::string cls;
  in >> record.owner >> record.ttl >> cls >> record.type;
  std::getline(in >> std::ws, record.rdata);
  return record;
}

/// `dig ARGS` against any DNS server on 127.0.0.1:`port` (over TCP when `tcp`), one try of 2 s.
inline DigReply ask_port(const std::string& port, const std::string& args, bool tcp = false) {
  const std::string command = "dig +time=2 +tries=1 +nocmd +nostats +noquestion " +
                              std::string(tcp ? "+tcp " : "") + "-p " + port + " @127.0.0.1 " +
                              args + " 2>&1";
  DigReply reply;
  std::vector<DigRecord>* section = nullptr;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[1024];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) {
      std::string line(buf);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      if (const auto at = line.find("status: "); at != std::string::npos)
        reply.status = line.substr(at + 8, line.find(',', at) - at - 8);
      if (line.rfind(";; ANSWER SECTION", 0) == 0) section = &reply.answer;
      if (line.rfind(";; AUTHORITY SECTION", 0) == 0) section = &reply.authority;
      if (line.rfind(";; ADDITIONAL SECTION", 0) == 0) section = &reply.additional;
      if (line.empty() || line[0] == ';') continue;
      if (section != nullptr) section->push_back(parse_dig_record(line));
    }
    ::pclose(pipe);
  }
  return reply;
}

/// `dig ARGS` against the server's DNS port.
inline DigReply ask(const Server& server, const std::string& args, bool tcp = false) {
  return ask_port(server.dns_port(), args, tcp);
}

/// The named-port SRV targets of the example's Service at the server on `port`, sorted: the
/// members it publishes right now.
inline std::string members(const std::string& port) {
  std::vector<std::string> targets;
  for (const auto& record : ask_port(port, "SRV _web._tcp.nginx.test.svc.cluster.local").answer)
    targets.push_back(record.rdata.substr(record.rdata.rfind(' ') + 1));
  std::sort(targets.begin(), targets.end());
  std::string out;
  for (const auto& target : targets) out += target + " ";
  return out;
}

}  // namespace ordinal::testing
