#pragma once
// A TSIG key (RFC 8945) as `--tsig-key` gives it, and the HMAC it signs with (OpenSSL).
#include <cstdint>
#include <string>
#include <string_view>

namespace ordinal::dns {

enum class TsigHmac : std::uint8_t { Md5, Sha1, Sha224, Sha256, Sha384, Sha512 };

struct TsigKey {
  std::string name;       ///< the key's name, lower-case uncompressed wire form
  std::string algorithm;  ///< the algorithm's name, wire form ("\x0bhmac-sha256\0")
  TsigHmac hmac = TsigHmac::Sha256;
  std::string secret;  ///< the shared secret, decoded
};

/// Parses a key given as kdig's -y does: `[ALG:]NAME:BASE64SECRET`, ALG one of hmac-md5,
/// hmac-sha1, hmac-sha224, hmac-sha256 (the default), hmac-sha384, hmac-sha512. Throws
/// std::invalid_argument saying what is wrong (never repeating the secret).
TsigKey parse_tsig_key(std::string_view spec);

/// The HMAC of `data` under `key`'s algorithm and secret. Any thread.
std::string tsig_hmac(const TsigKey& key, std::string_view data);

}  // namespace ordinal::dns
