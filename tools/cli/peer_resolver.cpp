#include "tools/cli/peer_resolver.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include "dns/ldns.hpp"

namespace ordinal::cli {
namespace {

namespace wrap = dns::ldns;

using wrap::RdfPtr;
using wrap::ResolverPtr;

bool is_ip(const std::string& text, int family) {
  unsigned char buffer[16];
  return ::inet_pton(family, text.c_str(), buffer) == 1;
}

std::string rdf_text(const ldns_rdf* rdf) {
  if (rdf == nullptr) return {};
  char* text = ldns_rdf2str(rdf);
  if (text == nullptr) return {};
  std::string out(text);
  free(text);  // NOLINT(cppcoreguidelines-no-malloc): ldns allocates with malloc
  return out;
}

// A TXT rdata field is a length byte and that many bytes (RFC 1035 §3.3.14).
std::string character_string(const ldns_rdf* rdf) {
  const std::uint8_t* data = ldns_rdf_data(rdf);
  const std::size_t size = ldns_rdf_size(rdf);
  if (size == 0) return {};
  const std::size_t length = std::min<std::size_t>(data[0], size - 1);
  return std::string(reinterpret_cast<const char*>(data + 1), length);
}

bool same_name(std::string a, std::string b) {
  for (auto* name : {&a, &b}) {
    if (!name->empty() && name->back() == '.') name->pop_back();
    for (char& c : *name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return a == b;
}

void read_section(const ldns_rr_list* list, const std::string& qname, DnsAnswer& answer,
                  bool answer_section) {
  for (std::size_t i = 0; list != nullptr && i < ldns_rr_list_rr_count(list); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(list, i);
    const ldns_rr_type type = ldns_rr_get_type(rr);
    const std::string owner = rdf_text(ldns_rr_owner(rr));
    if (type == LDNS_RR_TYPE_A || type == LDNS_RR_TYPE_AAAA) {
      answer.addresses.push_back({owner, rdf_text(ldns_rr_rdf(rr, 0))});
    } else if (answer_section && type == LDNS_RR_TYPE_SRV && ldns_rr_rd_count(rr) == 4) {
      answer.srvs.push_back(
          {rdf_text(ldns_rr_rdf(rr, 3)), ldns_rdf2native_int16(ldns_rr_rdf(rr, 2))});
    } else if (answer_section && type == LDNS_RR_TYPE_TXT && same_name(owner, qname)) {
      for (std::size_t f = 0; f < ldns_rr_rd_count(rr); ++f)
        answer.txt.push_back(character_string(ldns_rr_rdf(rr, f)));
    }
  }
}

}  // namespace

struct PeerResolver::Impl {
  ResolverPtr resolver;

  DnsAnswer ask(const std::string& name, ldns_rr_type type) {
    DnsAnswer answer;
    RdfPtr qname(ldns_dname_new_frm_str(name.c_str()));
    if (!qname) {
      answer.detail = "\"" + name + "\" is not a domain name";
      return answer;
    }
    ldns_pkt* raw = nullptr;
    const ldns_status status =
        ldns_resolver_send(&raw, resolver.get(), qname.get(), type, LDNS_RR_CLASS_IN, LDNS_RD);
    wrap::PacketPtr packet(raw);
    if (status != LDNS_STATUS_OK || !packet) {
      answer.detail = ldns_get_errorstr_by_id(status);
      return answer;
    }
    const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(packet.get());
    const ldns_lookup_table* entry = ldns_lookup_by_id(ldns_rcodes, static_cast<int>(rcode));
    answer.detail = entry != nullptr ? entry->name : "rcode " + std::to_string(rcode);
    if (rcode == LDNS_RCODE_NXDOMAIN) {
      answer.status = DnsAnswer::Status::NoSuchName;
      return answer;
    }
    if (rcode != LDNS_RCODE_NOERROR) return answer;
    answer.status = DnsAnswer::Status::Ok;
    read_section(ldns_pkt_answer(packet.get()), name, answer, true);
    read_section(ldns_pkt_additional(packet.get()), name, answer, false);
    return answer;
  }
};

DnsServerAddress parse_dns_server(const std::string& text) {
  const auto bad = [&] {
    return std::invalid_argument("--dns \"" + text +
                                 "\": expected ADDR:PORT, [IPv6]:PORT or an address");
  };
  if (text.empty()) throw bad();
  DnsServerAddress server;
  std::string port;
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) throw bad();
    server.address = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') throw bad();
      port = text.substr(close + 2);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    server.address = text.substr(0, text.find(':'));
    port = text.substr(text.find(':') + 1);
  } else {
    server.address = text;
  }
  if (!is_ip(server.address, AF_INET) && !is_ip(server.address, AF_INET6)) throw bad();
  if (!port.empty() || text.back() == ':') {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (error != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
      throw bad();
    server.port = static_cast<std::uint16_t>(value);
  }
  return server;
}

PeerResolver::PeerResolver(const std::optional<DnsServerAddress>& server)
    : impl_(std::make_unique<Impl>()) {
  ldns_resolver* raw = nullptr;
  if (server) {
    raw = ldns_resolver_new();
    impl_->resolver.reset(raw);
    const bool v4 = is_ip(server->address, AF_INET);
    RdfPtr address(
        ldns_rdf_new_frm_str(v4 ? LDNS_RDF_TYPE_A : LDNS_RDF_TYPE_AAAA, server->address.c_str()));
    if (!address || ldns_resolver_push_nameserver(raw, address.get()) != LDNS_STATUS_OK)
      throw std::runtime_error("cannot use DNS server " + server->address);
    ldns_resolver_set_port(raw, server->port);
  } else {
    const ldns_status status = ldns_resolver_new_frm_file(&raw, nullptr);
    impl_->resolver.reset(raw);
    if (status != LDNS_STATUS_OK || ldns_resolver_nameserver_count(raw) == 0)
      throw std::runtime_error(std::string("cannot read the system resolver (/etc/resolv.conf): ") +
                               ldns_get_errorstr_by_id(status) + "; name one with --dns ADDR:PORT");
  }
  ldns_resolver_set_recursive(raw, true);
  ldns_resolver_set_retry(raw, 1);
  ldns_resolver_set_fallback(raw, true);  // a truncated answer is asked again over TCP
  set_timeout(std::chrono::seconds(2));
}

PeerResolver::~PeerResolver() = default;

void PeerResolver::set_timeout(std::chrono::milliseconds timeout) {
  const auto ms = std::max<std::int64_t>(timeout.count(), 10);
  timeval value{};
  value.tv_sec = static_cast<time_t>(ms / 1000);
  value.tv_usec = static_cast<suseconds_t>((ms % 1000) * 1000);
  ldns_resolver_set_timeout(impl_->resolver.get(), value);
}

DnsAnswer PeerResolver::query(const std::string& name, QueryType type) {
  switch (type) {
    case QueryType::Srv:
      return impl_->ask(name, LDNS_RR_TYPE_SRV);
    case QueryType::Txt:
      return impl_->ask(name, LDNS_RR_TYPE_TXT);
    case QueryType::Address: {
      DnsAnswer answer = impl_->ask(name, LDNS_RR_TYPE_A);
      DnsAnswer six = impl_->ask(name, LDNS_RR_TYPE_AAAA);
      answer.addresses.insert(answer.addresses.end(), six.addresses.begin(), six.addresses.end());
      if (answer.status != DnsAnswer::Status::Ok) answer.status = six.status;
      return answer;
    }
  }
  return {};
}

std::vector<Peer> resolve_members(PeerResolver& resolver, const std::string& srv_name,
                                  int ordinal_offset, int port_override, DnsAnswer& answer) {
  answer = resolver.query(srv_name, QueryType::Srv);
  if (answer.status != DnsAnswer::Status::Ok) return {};
  auto peers = members_from_records(answer.srvs, answer.addresses, ordinal_offset, port_override);
  // Glue is optional (dns.md §6.2.3): a target without it is asked directly.
  std::vector<AddressRecord> asked;
  for (const auto& peer : peers) {
    if (!peer.addresses.empty()) continue;
    const DnsAnswer addresses = resolver.query(peer.fqdn + ".", QueryType::Address);
    asked.insert(asked.end(), addresses.addresses.begin(), addresses.addresses.end());
  }
  if (asked.empty()) return peers;
  asked.insert(asked.end(), answer.addresses.begin(), answer.addresses.end());
  return members_from_records(answer.srvs, asked, ordinal_offset, port_override);
}

}  // namespace ordinal::cli
