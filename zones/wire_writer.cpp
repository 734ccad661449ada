#include "zones/wire_writer.hpp"

#include <algorithm>
#include <variant>

#include "identity/overloaded.hpp"
#include "zones/dns_name.hpp"

namespace ordinal::zones {
namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kMaxPointer = 0x3FFF;

}  // namespace

void append_u16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

void append_u32(std::string& out, std::uint32_t value) {
  append_u16(out, static_cast<std::uint16_t>(value >> 16));
  append_u16(out, static_cast<std::uint16_t>(value & 0xFFFF));
}

WireWriter::WireWriter(std::string_view qname_wire) : out_(kHeaderSize, '\0') {
  const std::string wire(qname_wire);
  remember(wire, wire.size(), out_.size());
  out_ += wire;
  out_.append(4, '\0');
  question_end_ = out_.size();
}

void WireWriter::remember(const std::string& wire, std::size_t stop, std::size_t offset) {
  // Every label boundary written out in full becomes a possible pointer target; labels from
  // `stop` on were replaced by a pointer and are already known.
  std::size_t at = 0;
  while (at < stop && at < wire.size() && wire[at] != '\0') {
    const std::size_t here = offset + at;
    if (here > kMaxPointer) return;
    suffixes_.emplace(wire.substr(at), static_cast<std::uint16_t>(here));
    at += 1U + static_cast<std::uint8_t>(wire[at]);
  }
}

void WireWriter::put_name(const std::string& dotted, bool compress) {
  const std::string wire = name_to_wire(to_lower(dotted)).value_or(std::string(1, '\0'));
  std::size_t at = 0;
  while (compress && at < wire.size() && wire[at] != '\0') {
    const auto found = suffixes_.find(wire.substr(at));
    if (found != suffixes_.end()) {
      const std::size_t start = out_.size();
      out_.append(wire, 0, at);
      remember(wire, at, start);
      put_u16(static_cast<std::uint16_t>(0xC000 | found->second));
      return;
    }
    at += 1U + static_cast<std::uint8_t>(wire[at]);
  }
  remember(wire, wire.size(), out_.size());
  out_ += wire;
}

void WireWriter::put_u16(std::uint16_t value) {
  append_u16(out_, value);
}
void WireWriter::put_u32(std::uint32_t value) {
  append_u32(out_, value);
}

void WireWriter::put_rdata(const RData& data) {
  std::visit(Overloaded{
                 [&](const Ipv4Data& d) { out_.append(d.bytes.begin(), d.bytes.end()); },
                 [&](const Ipv6Data& d) { out_.append(d.bytes.begin(), d.bytes.end()); },
                 [&](const NameData& d) { put_name(d.target, true); },
                 [&](const SrvData& d) {
                   put_u16(d.priority);
                   put_u16(d.weight);
                   put_u16(d.port);
                   put_name(d.target, false);
                 },
                 [&](const SoaData& d) {
                   put_name(d.mname, true);
                   put_name(d.rname, true);
                   for (auto v : {d.serial, d.refresh, d.retry, d.expire, d.minimum}) put_u32(v);
                 },
                 [&](const TxtData& d) {
                   for (const auto& s : d.strings) {
                     out_.push_back(static_cast<char>(std::min<std::size_t>(s.size(), 255)));
                     out_.append(s, 0, 255);
                   }
                 },
             },
             data);
}

void WireWriter::add(const Record& record) {
  put_name(record.owner, true);
  put_u16(record.type);
  put_u16(kClassIn);
  put_u32(record.ttl);
  const std::size_t length_at = out_.size();
  put_u16(0);
  put_rdata(record.data);
  const std::size_t length = out_.size() - length_at - 2;
  out_[length_at] = static_cast<char>(length >> 8);
  out_[length_at + 1] = static_cast<char>(length & 0xFF);
}

}  // namespace ordinal::zones
