#include "dns/tsig_key.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <optional>
#include <stdexcept>

#include "zones/dns_name.hpp"

namespace ordinal::dns {
namespace {

struct Algorithm {
  std::string_view name;
  TsigHmac hmac;
  const EVP_MD* (*digest)();
};

// hmac-md5's registered name is longer than the rest (RFC 8945 §6).
constexpr std::array<Algorithm, 6> kAlgorithms{{
    {"hmac-md5.sig-alg.reg.int", TsigHmac::Md5, EVP_md5},
    {"hmac-sha1", TsigHmac::Sha1, EVP_sha1},
    {"hmac-sha224", TsigHmac::Sha224, EVP_sha224},
    {"hmac-sha256", TsigHmac::Sha256, EVP_sha256},
    {"hmac-sha384", TsigHmac::Sha384, EVP_sha384},
    {"hmac-sha512", TsigHmac::Sha512, EVP_sha512},
}};

/// "Transfer.Key." or "transfer.key" as lower-case wire form; nullopt when not a valid name.
std::optional<std::string> name_to_wire(std::string_view text) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  std::string wire;
  while (!text.empty()) {
    const std::size_t dot = text.find('.');
    const std::string_view label = text.substr(0, dot);
    if (label.empty() || label.size() > 63) return std::nullopt;
    wire.push_back(static_cast<char>(label.size()));
    wire += zones::to_lower(label);
    text = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  }
  wire.push_back('\0');
  if (wire.size() > 255 || wire.size() == 1) return std::nullopt;
  return wire;
}

std::optional<std::string> decode_base64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  if (length < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero octets.
  std::size_t padding = 0;
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) ++padding;
  if (padding > 2) return std::nullopt;
  out.resize(static_cast<std::size_t>(length) - padding);
  return out;
}

const Algorithm* algorithm_of(TsigHmac hmac) {
  for (const Algorithm& algorithm : kAlgorithms) {
    if (algorithm.hmac == hmac) return &algorithm;
  }
  return nullptr;
}

}  // namespace

TsigKey parse_tsig_key(std::string_view spec) {
  const std::size_t last = spec.rfind(':');
  if (last == std::string_view::npos) {
    throw std::invalid_argument("--tsig-key: expected [ALGORITHM:]NAME:BASE64SECRET");
  }
  std::string_view head = spec.substr(0, last);
  std::string_view algorithm_name = "hmac-sha256";
  if (const std::size_t colon = head.find(':'); colon != std::string_view::npos) {
    algorithm_name = head.substr(0, colon);
    head = head.substr(colon + 1);
  }
  TsigKey key;
  const Algorithm* algorithm = nullptr;
  for (const Algorithm& candidate : kAlgorithms) {
    if (candidate.name == algorithm_name ||
        (candidate.name.substr(0, 8) == "hmac-md5" && algorithm_name == "hmac-md5")) {
      algorithm = &candidate;
    }
  }
  if (algorithm == nullptr) {
    throw std::invalid_argument("--tsig-key: unknown algorithm " + std::string(algorithm_name) +
                                " (hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224, "
                                "hmac-sha1 or hmac-md5)");
  }
  const auto name = name_to_wire(head);
  if (!name) throw std::invalid_argument("--tsig-key: bad key name " + std::string(head));
  const auto secret = decode_base64(spec.substr(last + 1));
  if (!secret || secret->empty()) {
    throw std::invalid_argument("--tsig-key " + std::string(head) +
                                ": the secret is not base64 (as in kdig -y or a knot.conf key)");
  }
  key.name = *name;
  key.algorithm = *name_to_wire(algorithm->name);
  key.hmac = algorithm->hmac;
  key.secret = *secret;
  return key;
}

std::string tsig_hmac(const TsigKey& key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(algorithm_of(key.hmac)->digest(), key.secret.data(), static_cast<int>(key.secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &length);
  return {reinterpret_cast<const char*>(mac.data()), length};
}

}  // namespace ordinal::dns
