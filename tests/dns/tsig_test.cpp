// TSIG (RFC 8945) checked against ldns as the independent implementation: requests that ldns
// signs verify here, and what we sign (replies, every message of a transfer, NOTIFY) verifies
// with ldns. Wrong keys, secrets and clocks get the errors of RFC 8945 §5.2, and with keys a
// transfer needs a signature besides the address.
#include "dns/tsig.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "dns/ldns.hpp"
#include "dns/transfer_handler.hpp"
#include "dns/zone_notifier.hpp"
#include "dns_test_util.hpp"

namespace ordinal::dns {
namespace {

using testing::bytes;
using testing::headless_nginx;
using testing::make_query;

constexpr const char* kSecret = "c2VjcmV0LWtleS1vZi10aGUtdGVzdHMtMzItb2N0ZXRz";
constexpr const char* kOtherSecret = "b3RoZXItc2VjcmV0LW9mLXRoZS10ZXN0cy0zMi1vY3Q=";
constexpr int kNotAuth = 9;

std::uint64_t wall_clock() {
  return static_cast<std::uint64_t>(std::time(nullptr));
}

/// `query` signed by ldns with `key_name` and `secret` (base64) under `algorithm`
/// ("hmac-sha256.").
std::string ldns_signed(const std::string& query, const char* key_name, const char* secret,
                        const char* algorithm = "hmac-sha256.") {
  auto packet = ldns::packet_from_wire(query);
  EXPECT_TRUE(packet);
  EXPECT_EQ(ldns_pkt_tsig_sign(packet.get(), key_name, secret, 300, algorithm, nullptr),
            LDNS_STATUS_OK);
  std::uint8_t* wire = nullptr;
  std::size_t size = 0;
  EXPECT_EQ(ldns_pkt2wire(&wire, packet.get(), &size), LDNS_STATUS_OK);
  std::string out(reinterpret_cast<const char*>(wire), size);
  free(wire);  // NOLINT(cppcoreguidelines-no-malloc): ldns allocates with malloc
  return out;
}

/// ldns's MAC field of a message's TSIG, as ldns wants a prior MAC handed back.
ldns::RdfPtr mac_of(const std::string& message) {
  auto packet = ldns::packet_from_wire(message);
  if (!packet || ldns_pkt_tsig(packet.get()) == nullptr) return nullptr;
  return ldns::RdfPtr(ldns_rdf_clone(ldns_rr_rdf(ldns_pkt_tsig(packet.get()), 3)));
}

/// Verifies each of `messages` with ldns as one signed sequence answering `request`.
void expect_verified_sequence(const std::vector<std::string>& messages, const std::string& request,
                              const char* key_name, const char* secret) {
  ldns::RdfPtr prior = mac_of(request);
  ASSERT_TRUE(prior);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    auto packet = ldns::packet_from_wire(messages[i]);
    ASSERT_TRUE(packet) << "message " << i;
    ASSERT_NE(ldns_pkt_tsig(packet.get()), nullptr) << "message " << i << " is unsigned";
    EXPECT_TRUE(ldns_pkt_tsig_verify_next(
        packet.get(), reinterpret_cast<const std::uint8_t*>(messages[i].data()), messages[i].size(),
        key_name, secret, prior.get(), i == 0 ? 0 : 1))
        << "message " << i << " of " << messages.size();
    prior = mac_of(messages[i]);
  }
}

std::uint16_t tsig_error_of(const std::string& message) {
  auto packet = ldns::packet_from_wire(message);
  if (!packet || ldns_pkt_tsig(packet.get()) == nullptr) return 0xFFFF;
  return ldns_rdf2native_int16(ldns_rr_rdf(ldns_pkt_tsig(packet.get()), 5));
}

/// The reply's RCODE; -1 when ldns cannot read it.
int rcode_of(const std::string& message) {
  auto packet = ldns::packet_from_wire(message);
  return packet ? static_cast<int>(ldns_pkt_get_rcode(packet.get())) : -1;
}

/// Octets of the TSIG's MAC (without its length field); -1 when unsigned.
int mac_size_of(const std::string& message) {
  const ldns::RdfPtr mac = mac_of(message);
  return mac ? static_cast<int>(ldns_rdf_size(mac.get())) - 2 : -1;
}

TransferPolicy keyed_policy(std::vector<TsigKey> keys) {
  TransferPolicy policy;
  policy.allowed = TransferAcl::parse({"127.0.0.0/8"});
  policy.keys = std::move(keys);
  return policy;
}

std::optional<std::vector<std::string>> answer(const std::string& query,
                                               const zones::ZoneSnapshot& snapshot,
                                               const TransferPolicy& policy,
                                               std::uint64_t now = wall_clock()) {
  QueryLimits limits;
  limits.transfers = true;
  return answer_signed_query(bytes(query), &snapshot, boost::asio::ip::make_address("127.0.0.1"),
                             Transport::Tcp, limits, policy, now);
}

TEST(Tsig, KeysParseAsKdigTakesThem) {
  const TsigKey key = parse_tsig_key(std::string("Transfer.Key.:") + kSecret);
  EXPECT_EQ(key.name, std::string("\x08transfer\x03key\0", 14));
  EXPECT_EQ(key.algorithm, std::string("\x0bhmac-sha256\0", 13));
  EXPECT_EQ(key.secret, "secret-key-of-the-tests-32-octets");
  EXPECT_EQ(parse_tsig_key(std::string("hmac-sha512:k:") + kSecret).hmac, TsigHmac::Sha512);
  EXPECT_EQ(parse_tsig_key(std::string("hmac-md5:k:") + kSecret).algorithm,
            std::string("\x08hmac-md5\x07sig-alg\x03reg\x03int\0", 26));
  for (const std::string bad : {"no-secret", "hmac-sha999:k:c2VjcmV0", "k:not base64!",
                                "k:c2VjcmV0=", ":c2VjcmV0", "a..b:c2VjcmV0"}) {
    EXPECT_THROW(parse_tsig_key(bad), std::invalid_argument) << bad;
  }
}

TEST(Tsig, RequestsSignedByLdnsVerifyForEveryAlgorithm) {
  const std::string query = make_query("cluster.local.", zones::rr_type::kAxfr);
  // ldns has neither hmac-sha224 nor hmac-sha384; the integration test transfers with them
  // through kdig.
  for (const std::string algorithm : {"hmac-md5", "hmac-sha1", "hmac-sha256", "hmac-sha512"}) {
    const std::string ldns_name =
        algorithm == "hmac-md5" ? "hmac-md5.sig-alg.reg.int." : algorithm + ".";
    const std::string wire = ldns_signed(query, "xfr.key.", kSecret, ldns_name.c_str());
    TsigRecord tsig;
    ASSERT_EQ(find_tsig(bytes(wire), tsig), TsigPresence::Present) << algorithm;
    EXPECT_EQ(tsig.start, query.size());
    const std::vector<TsigKey> keys{parse_tsig_key(algorithm + ":xfr.key:" + kSecret)};
    const TsigVerdict verdict = verify_tsig(bytes(wire), tsig, keys, wall_clock());
    EXPECT_EQ(verdict.error, TsigError::None) << algorithm;
    EXPECT_EQ(verdict.key, keys.data());
  }
}

TEST(Tsig, WrongKeysSecretsAndClocksGetTheirErrors) {
  const std::string wire =
      ldns_signed(make_query("cluster.local.", zones::rr_type::kAxfr), "xfr.key.", kSecret);
  TsigRecord tsig;
  ASSERT_EQ(find_tsig(bytes(wire), tsig), TsigPresence::Present);
  const std::uint64_t now = tsig.time_signed;
  const auto check = [&](const std::string& key, std::uint64_t at) {
    const std::vector<TsigKey> keys{parse_tsig_key(key)};
    return verify_tsig(bytes(wire), tsig, keys, at).error;
  };
  EXPECT_EQ(check(std::string("other.key:") + kSecret, now), TsigError::BadKey);
  EXPECT_EQ(check(std::string("hmac-sha512:xfr.key:") + kSecret, now), TsigError::BadKey);
  EXPECT_EQ(check(std::string("xfr.key:") + kOtherSecret, now), TsigError::BadSig);
  EXPECT_EQ(check(std::string("xfr.key:") + kSecret, now + 300), TsigError::None);
  EXPECT_EQ(check(std::string("xfr.key:") + kSecret, now + 301), TsigError::BadTime);
  EXPECT_EQ(check(std::string("xfr.key:") + kSecret, now - 301), TsigError::BadTime);
  std::string tampered = wire;
  tampered[12 + 1] = 'C';  // the question name, which the MAC covers
  ASSERT_EQ(find_tsig(bytes(tampered), tsig), TsigPresence::Present);
  const std::vector<TsigKey> keys{parse_tsig_key(std::string("xfr.key:") + kSecret)};
  EXPECT_EQ(verify_tsig(bytes(tampered), tsig, keys, now).error, TsigError::BadSig);
}

TEST(Tsig, UnsignedAndMisplacedOrBrokenTsigAreTold) {
  TsigRecord tsig;
  const std::string plain =
      make_query("cluster.local.", zones::rr_type::kAxfr, {.edns_size = 1232});
  EXPECT_EQ(find_tsig(bytes(plain), tsig), TsigPresence::Absent);
  const std::string wire =
      ldns_signed(make_query("cluster.local.", zones::rr_type::kAxfr), "xfr.key.", kSecret);
  // A record after the TSIG: it is no longer last.
  std::string misplaced = wire + std::string("\0\0\x29\x04\xd0\0\0\0\0\0\0", 11);
  misplaced[11] = 2;
  EXPECT_EQ(find_tsig(bytes(misplaced), tsig), TsigPresence::Malformed);
  // RDATA shorter than the fields it announces.
  std::string broken = wire;
  const std::size_t rdlength_at = make_query("cluster.local.", 252).size() + 9 + 8;
  broken[rdlength_at + 1] = static_cast<char>(broken[rdlength_at + 1] - 1);
  broken.pop_back();
  EXPECT_EQ(find_tsig(bytes(broken), tsig), TsigPresence::Malformed);
}

TEST(Tsig, EveryMessageOfASignedTransferVerifiesWithLdns) {
  const auto snapshot = headless_nginx(3000);  // several messages
  const std::string request =
      ldns_signed(make_query("cluster.local.", zones::rr_type::kAxfr), "xfr.key.", kSecret);
  const auto policy = keyed_policy({parse_tsig_key(std::string("xfr.key:") + kSecret)});
  const auto messages = answer(request, *snapshot, policy);
  ASSERT_TRUE(messages);
  EXPECT_GT(messages->size(), 3u);
  const auto unsigned_messages =
      answer_transfer(bytes(make_query("cluster.local.", zones::rr_type::kAxfr)), snapshot.get(),
                      boost::asio::ip::make_address("127.0.0.1"), keyed_policy({}));
  ASSERT_EQ(messages->size(), unsigned_messages.size());
  for (std::size_t i = 0; i < messages->size(); ++i) {
    EXPECT_EQ(rcode_of((*messages)[i]), 0);
    EXPECT_LE((*messages)[i].size(), 65535u);
  }
  expect_verified_sequence(*messages, request, "xfr.key.", kSecret);
}

TEST(Tsig, SignedQueriesOtherThanTransfersGetSignedAnswers) {
  const auto snapshot = headless_nginx(1);
  const std::string request = ldns_signed(
      make_query("cluster.local.", zones::rr_type::kSoa, {.edns_size = 1232}), "xfr.key.", kSecret);
  const auto messages =
      answer(request, *snapshot, keyed_policy({parse_tsig_key(std::string("xfr.key:") + kSecret)}));
  ASSERT_TRUE(messages);
  ASSERT_EQ(messages->size(), 1u);
  auto packet = ldns::packet_from_wire(messages->front());
  ASSERT_TRUE(packet);
  EXPECT_EQ(ldns_pkt_ancount(packet.get()), 1);
  expect_verified_sequence(*messages, request, "xfr.key.", kSecret);
}

TEST(Tsig, WithKeysUnsignedTransfersAreRefusedAndBadSignaturesNotAuth) {
  const auto snapshot = headless_nginx(1);
  const auto policy = keyed_policy({parse_tsig_key(std::string("xfr.key:") + kSecret)});
  const std::string axfr = make_query("cluster.local.", zones::rr_type::kAxfr);
  EXPECT_FALSE(answer(axfr, *snapshot, policy));  // unsigned: the ordinary path...
  const auto refused = answer_transfer(bytes(axfr), snapshot.get(),
                                       boost::asio::ip::make_address("127.0.0.1"), policy);
  ASSERT_EQ(refused.size(), 1u);  // ...which refuses it
  EXPECT_EQ(rcode_of(refused[0]), 5);

  const auto bad_sig = answer(ldns_signed(axfr, "xfr.key.", kOtherSecret), *snapshot, policy);
  ASSERT_TRUE(bad_sig && bad_sig->size() == 1);
  EXPECT_EQ(rcode_of(bad_sig->front()), kNotAuth);
  EXPECT_EQ(tsig_error_of(bad_sig->front()), 16);
  EXPECT_EQ(mac_size_of(bad_sig->front()), 0);  // unsigned: the key is not to be trusted

  const auto bad_key = answer(ldns_signed(axfr, "nosuch.key.", kSecret), *snapshot, policy);
  ASSERT_TRUE(bad_key && bad_key->size() == 1);
  EXPECT_EQ(rcode_of(bad_key->front()), kNotAuth);
  EXPECT_EQ(tsig_error_of(bad_key->front()), 17);

  // BADTIME is signed, and carries our time in Other Data.
  const std::string request = ldns_signed(axfr, "xfr.key.", kSecret);
  const auto bad_time = answer(request, *snapshot, policy, wall_clock() + 3600);
  ASSERT_TRUE(bad_time && bad_time->size() == 1);
  EXPECT_EQ(rcode_of(bad_time->front()), kNotAuth);
  EXPECT_EQ(tsig_error_of(bad_time->front()), 18);
  expect_verified_sequence(*bad_time, request, "xfr.key.", kSecret);

  std::string misplaced = request + std::string("\0\0\x29\x04\xd0\0\0\0\0\0\0", 11);
  misplaced[11] = 2;
  const auto formerr = answer(misplaced, *snapshot, policy);
  ASSERT_TRUE(formerr && formerr->size() == 1);
  EXPECT_EQ(rcode_of(formerr->front()), 1);
}

TEST(Tsig, SignedNotifyVerifiesWithLdns) {
  const auto snapshot = headless_nginx(1);
  std::string message = notify_message(snapshot->zones().front(), 77);
  const TsigKey key = parse_tsig_key(std::string("hmac-sha512:xfr.key:") + kSecret);
  const std::string mac = sign_request(message, key, wall_clock());
  EXPECT_EQ(mac.size(), 64u);
  auto packet = ldns::packet_from_wire(message);
  ASSERT_TRUE(packet);
  EXPECT_EQ(ldns_pkt_get_opcode(packet.get()), LDNS_PACKET_NOTIFY);
  EXPECT_TRUE(ldns_pkt_tsig_verify(packet.get(),
                                   reinterpret_cast<const std::uint8_t*>(message.data()),
                                   message.size(), "xfr.key.", kSecret, nullptr));
}

}  // namespace
}  // namespace ordinal::dns
