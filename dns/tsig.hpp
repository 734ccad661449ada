#pragma once
// TSIG (RFC 8945): shared-secret signatures on zone transfers and NOTIFY (`--tsig-key`).
// Reads the TSIG record that closes a message, checks a request's MAC and time, and signs
// replies and requests. Only signed traffic and transfers come here: an unsigned query never
// touches this code, and find_tsig() costs a two-octet check for a query without additional
// records. HMAC through OpenSSL; the digest is built in memory (messages are at most 64 KiB).
// Over TCP every signed query is checked and its reply signed (transfer_handler.hpp); over UDP
// a signed query takes the ordinary path and gets an unsigned answer (transfers are TCP only).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "dns/tsig_key.hpp"

namespace ordinal::dns {

inline constexpr std::uint16_t kTsigType = 250;
/// The time window we put in what we sign, in seconds (RFC 8945 §10 recommends 300).
inline constexpr std::uint16_t kTsigFudge = 300;
/// RCODE of a reply whose request failed the TSIG check (RFC 8945 §5.2).
inline constexpr std::uint16_t kRcodeNotAuth = 9;

/// The TSIG record's Error field.
enum class TsigError : std::uint16_t { None = 0, BadSig = 16, BadKey = 17, BadTime = 18 };

/// The TSIG record at the end of a message, its names decompressed to lower-case wire form.
struct TsigRecord {
  std::size_t start = 0;  ///< offset of its owner name: the message it signs is [0, start)
  std::string key_name;
  std::string algorithm;
  std::uint64_t time_signed = 0;  ///< seconds since the epoch (48 bits)
  std::uint16_t fudge = 0;
  std::string mac;
  std::uint16_t original_id = 0;
  std::uint16_t error = 0;
  std::string other;
};

enum class TsigPresence {
  Absent,     ///< no TSIG record: an unsigned message
  Present,    ///< `out` holds the last additional record, a well-formed TSIG
  Malformed,  ///< a TSIG that is not the last additional record, or one we cannot read: FORMERR
};

/// Looks for the TSIG record that closes `packet`. Absent at once when ARCOUNT is 0; otherwise
/// walks the records (a truncated or malformed packet is Absent: the query parser reports it).
TsigPresence find_tsig(std::span<const std::uint8_t> packet, TsigRecord& out);

/// The outcome of checking a signed request.
struct TsigVerdict {
  TsigError error = TsigError::None;
  const TsigKey* key = nullptr;  ///< the key it names; null for BADKEY
};

/// Checks `tsig` (found in `packet` by find_tsig) in the order of RFC 8945 §5.2: a key of that
/// name and algorithm among `keys` (else BADKEY), the MAC (else BADSIG; a truncated MAC counts
/// as bad), then `now` (seconds since the epoch) within the request's fudge (else BADTIME).
/// The returned key points into `keys`.
TsigVerdict verify_tsig(std::span<const std::uint8_t> packet, const TsigRecord& tsig,
                        std::span<const TsigKey> keys, std::uint64_t now);

/// Signs the messages of one reply to a verified request, every message (RFC 8945 §5.3.1):
/// the first over the request's MAC and all TSIG variables, each next one over the previous
/// MAC and the timers only. Not thread-safe; keeps a reference to `key`.
class TsigSigner {
 public:
  /// `request` is the verified request's TSIG; `now` the time to sign with.
  TsigSigner(const TsigKey& key, const TsigRecord& request, std::uint64_t now);

  /// Appends a TSIG record to `message` (a whole DNS message, at most 65,535 octets once
  /// signed) and counts it in ARCOUNT.
  void sign(std::string& message);
  /// The BADTIME reply (RFC 8945 §5.2.3): signed, with the request's Time Signed and our time
  /// in Other Data, so that the client can correct its clock. Only as the first message.
  void sign_bad_time(std::string& message);

 private:
  void append(std::string& message, std::uint64_t time_signed, TsigError error,
              const std::string& other);

  const TsigKey& key_;
  std::string prior_mac_;
  std::uint16_t original_id_;
  std::uint64_t request_time_;
  std::uint64_t now_;
  bool first_ = true;
};

/// Signs a request we send (a NOTIFY): appends a TSIG with `key` at `now` and counts it in
/// ARCOUNT. Returns the MAC, which the reply's signature covers.
std::string sign_request(std::string& message, const TsigKey& key, std::uint64_t now);

/// Appends the unsigned TSIG record of a BADKEY or BADSIG reply (RFC 8945 §5.3.2: no MAC, the
/// request's key and algorithm names and time) to `message` and counts it in ARCOUNT.
void append_unsigned_tsig(std::string& message, const TsigRecord& request, TsigError error);

/// Seconds since the epoch, as TSIG counts time.
std::uint64_t tsig_now();

}  // namespace ordinal::dns
