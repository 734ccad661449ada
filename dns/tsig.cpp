#include "dns/tsig.hpp"

#include <openssl/crypto.h>

#include <chrono>
#include <optional>
#include <stdexcept>

#include "dns/message.hpp"
#include "dns/query_parser.hpp"
#include "zones/dns_name.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::dns {
namespace {

constexpr std::uint16_t kClassAny = 255;

void put_u48(std::string& out, std::uint64_t value) {
  for (int shift = 40; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

/// The possibly compressed name at `at`, decompressed to lower-case wire form.
std::optional<std::string> read_name(std::span<const std::uint8_t> p, std::size_t at) {
  std::string wire;
  for (int jumps = 0; at < p.size() && jumps < 64;) {
    const std::uint8_t length = p[at];
    if ((length & 0xC0) == 0xC0) {
      if (at + 1 >= p.size()) return std::nullopt;
      at = static_cast<std::size_t>(((length & 0x3F) << 8) | p[at + 1]);
      ++jumps;
      continue;
    }
    if (length > 63 || at + 1 + length > p.size()) return std::nullopt;
    wire.push_back(static_cast<char>(length));
    wire += zones::to_lower({reinterpret_cast<const char*>(p.data() + at + 1), length});
    if (wire.size() > 255) return std::nullopt;
    if (length == 0) return wire;
    at += 1 + length;
  }
  return std::nullopt;
}

/// HMAC of `prior_mac` (with its length, when not null), `message` with its ID replaced by
/// `original_id`, and `variables` (RFC 8945 §4.3).
std::string compute_mac(const TsigKey& key, const std::string* prior_mac, std::string_view message,
                        std::uint16_t original_id, const std::string& variables) {
  std::string input;
  input.reserve(message.size() + variables.size() + 128);
  if (prior_mac != nullptr) {
    zones::append_u16(input, static_cast<std::uint16_t>(prior_mac->size()));
    input += *prior_mac;
  }
  const std::size_t message_at = input.size();
  input += message;
  input[message_at] = static_cast<char>(original_id >> 8);
  input[message_at + 1] = static_cast<char>(original_id & 0xFF);
  input += variables;
  return tsig_hmac(key, input);
}

/// The TSIG variables of RFC 8945 §4.3.3: all of them, or the timers alone (§4.3.1).
std::string variables(const std::string& key_name, const std::string& algorithm,
                      std::uint64_t time_signed, std::uint16_t fudge, TsigError error,
                      const std::string& other, bool timers_only) {
  std::string out;
  if (!timers_only) {
    out += key_name;
    zones::append_u16(out, kClassAny);
    out.append(4, '\0');  // TTL
    out += algorithm;
  }
  put_u48(out, time_signed);
  zones::append_u16(out, fudge);
  if (timers_only) return out;
  zones::append_u16(out, static_cast<std::uint16_t>(error));
  zones::append_u16(out, static_cast<std::uint16_t>(other.size()));
  out += other;
  return out;
}

struct TsigFields {
  const std::string& key_name;
  const std::string& algorithm;
  std::uint64_t time_signed;
  std::uint16_t fudge;
  const std::string& mac;
  std::uint16_t original_id;
  TsigError error;
  const std::string& other;
};

void append_record(std::string& message, const TsigFields& f) {
  std::string rdata = f.algorithm;
  put_u48(rdata, f.time_signed);
  zones::append_u16(rdata, f.fudge);
  zones::append_u16(rdata, static_cast<std::uint16_t>(f.mac.size()));
  rdata += f.mac;
  zones::append_u16(rdata, f.original_id);
  zones::append_u16(rdata, static_cast<std::uint16_t>(f.error));
  zones::append_u16(rdata, static_cast<std::uint16_t>(f.other.size()));
  rdata += f.other;
  message += f.key_name;
  zones::append_u16(message, kTsigType);
  zones::append_u16(message, kClassAny);
  message.append(4, '\0');
  zones::append_u16(message, static_cast<std::uint16_t>(rdata.size()));
  message += rdata;
  const auto count = static_cast<std::uint16_t>(
      ((static_cast<std::uint8_t>(message[10]) << 8) | static_cast<std::uint8_t>(message[11])) + 1);
  message[10] = static_cast<char>(count >> 8);
  message[11] = static_cast<char>(count & 0xFF);
}

std::uint16_t message_id(const std::string& message) {
  return static_cast<std::uint16_t>((static_cast<std::uint8_t>(message[0]) << 8) |
                                    static_cast<std::uint8_t>(message[1]));
}

/// Reads the RDATA of a TSIG record at [at, end) into `out`; false when malformed.
bool read_rdata(std::span<const std::uint8_t> p, std::size_t at, std::size_t end, TsigRecord& out) {
  const auto algorithm = read_name(p, at);
  const auto after = skip_name(p, at);
  if (!algorithm || !after || *after + 10 > end) return false;
  out.algorithm = *algorithm;
  at = *after;
  out.time_signed = 0;
  for (int i = 0; i < 6; ++i)
    out.time_signed = (out.time_signed << 8) | p[at + static_cast<std::size_t>(i)];
  out.fudge = read_u16(p, at + 6);
  const std::size_t mac_size = read_u16(p, at + 8);
  at += 10;
  if (at + mac_size + 6 > end) return false;
  out.mac.assign(reinterpret_cast<const char*>(p.data() + at), mac_size);
  at += mac_size;
  out.original_id = read_u16(p, at);
  out.error = read_u16(p, at + 2);
  const std::size_t other_size = read_u16(p, at + 4);
  at += 6;
  if (at + other_size != end) return false;
  out.other.assign(reinterpret_cast<const char*>(p.data() + at), other_size);
  return true;
}

}  // namespace

TsigPresence find_tsig(std::span<const std::uint8_t> packet, TsigRecord& out) {
  if (packet.size() < kHeaderSize || read_u16(packet, 10) == 0) return TsigPresence::Absent;
  std::size_t at = kHeaderSize;
  for (std::uint16_t i = 0, questions = read_u16(packet, 4); i < questions; ++i) {
    const auto after = skip_name(packet, at);
    if (!after || *after + 4 > packet.size()) return TsigPresence::Absent;
    at = *after + 4;
  }
  const std::size_t records =
      std::size_t{read_u16(packet, 6)} + read_u16(packet, 8) + read_u16(packet, 10);
  for (std::size_t i = 0; i < records; ++i) {
    const std::size_t start = at;
    const auto after = skip_name(packet, at);
    if (!after || *after + 10 > packet.size()) return TsigPresence::Absent;
    const std::size_t rdata = *after + 10;
    const std::size_t end = rdata + read_u16(packet, *after + 8);
    if (end > packet.size()) return TsigPresence::Absent;
    at = end;
    if (read_u16(packet, *after) != kTsigType) continue;
    // RFC 8945 §5.2: only as the last record, of class ANY and TTL 0.
    if (i + 1 != records || end != packet.size()) return TsigPresence::Malformed;
    const auto key_name = read_name(packet, start);
    if (!key_name || read_u16(packet, *after + 2) != kClassAny ||
        read_u16(packet, *after + 4) != 0 || read_u16(packet, *after + 6) != 0 ||
        !read_rdata(packet, rdata, end, out)) {
      return TsigPresence::Malformed;
    }
    out.start = start;
    out.key_name = *key_name;
    return TsigPresence::Present;
  }
  return TsigPresence::Absent;
}

TsigVerdict verify_tsig(std::span<const std::uint8_t> packet, const TsigRecord& tsig,
                        std::span<const TsigKey> keys, std::uint64_t now) {
  TsigVerdict verdict;
  for (const TsigKey& key : keys) {
    if (key.name == tsig.key_name && key.algorithm == tsig.algorithm) verdict.key = &key;
  }
  if (verdict.key == nullptr) {
    verdict.error = TsigError::BadKey;
    return verdict;
  }
  // The message as signed: without the TSIG record, which ARCOUNT then does not count.
  std::string message(reinterpret_cast<const char*>(packet.data()), tsig.start);
  const auto count = static_cast<std::uint16_t>(read_u16(packet, 10) - 1);
  message[10] = static_cast<char>(count >> 8);
  message[11] = static_cast<char>(count & 0xFF);
  const std::string expected =
      compute_mac(*verdict.key, nullptr, message, tsig.original_id,
                  variables(tsig.key_name, tsig.algorithm, tsig.time_signed, tsig.fudge,
                            static_cast<TsigError>(tsig.error), tsig.other, false));
  if (tsig.mac.size() != expected.size() ||
      CRYPTO_memcmp(tsig.mac.data(), expected.data(), expected.size()) != 0) {
    verdict.error = TsigError::BadSig;
    return verdict;
  }
  const std::uint64_t skew =
      now > tsig.time_signed ? now - tsig.time_signed : tsig.time_signed - now;
  if (skew > tsig.fudge) verdict.error = TsigError::BadTime;
  return verdict;
}

TsigSigner::TsigSigner(const TsigKey& key, const TsigRecord& request, std::uint64_t now)
    : key_(key),
      prior_mac_(request.mac),
      original_id_(request.original_id),
      request_time_(request.time_signed),
      now_(now) {}

void TsigSigner::sign(std::string& message) {
  append(message, now_, TsigError::None, {});
}

void TsigSigner::sign_bad_time(std::string& message) {
  std::string other;
  put_u48(other, now_);
  append(message, request_time_, TsigError::BadTime, other);
}

void TsigSigner::append(std::string& message, std::uint64_t time_signed, TsigError error,
                        const std::string& other) {
  const std::string mac = compute_mac(
      key_, &prior_mac_, message, original_id_,
      variables(key_.name, key_.algorithm, time_signed, kTsigFudge, error, other, !first_));
  append_record(message, {key_.name, key_.algorithm, time_signed, kTsigFudge, mac, original_id_,
                          error, other});
  prior_mac_ = mac;
  first_ = false;
}

std::string sign_request(std::string& message, const TsigKey& key, std::uint64_t now) {
  const std::uint16_t id = message_id(message);
  const std::string none;
  std::string mac = compute_mac(
      key, nullptr, message, id,
      variables(key.name, key.algorithm, now, kTsigFudge, TsigError::None, none, false));
  append_record(message,
                {key.name, key.algorithm, now, kTsigFudge, mac, id, TsigError::None, none});
  return mac;
}

void append_unsigned_tsig(std::string& message, const TsigRecord& request, TsigError error) {
  const std::string none;
  append_record(message, {request.key_name, request.algorithm, request.time_signed, request.fudge,
                          none, request.original_id, error, none});
}

std::uint64_t tsig_now() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

}  // namespace ordinal::dns
