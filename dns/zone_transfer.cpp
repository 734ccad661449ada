#include "dns/zone_transfer.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_set>

#include "dns/message.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::dns {
namespace {

using zones::Record;

Record soa_record(const zones::Zone& zone, const zones::SoaData& soa) {
  return Record{zone.apex, zones::rr_type::kSoa, zone.soa_ttl, soa};
}

/// Fills messages one after another: each opens with the query's question (so compression
/// pointers into it are valid) and closes when it reaches kTransferMessageSize.
class MessageSequence {
 public:
  MessageSequence(std::span<const std::uint8_t> packet, const ParsedQuery& query)
      : packet_(packet), query_(query) {}

  void add(const Record& record) {
    if (writer_ && writer_->size() >= kTransferMessageSize) close();
    if (!writer_) writer_.emplace(query_.lower_name());
    writer_->add(record);
    ++count_;
  }

  std::vector<std::string> finish() && {
    if (writer_) close();
    return std::move(messages_);
  }

 private:
  void close() {
    std::string bytes = writer_->bytes();
    // The question as asked (its case and type); same length as the lower-case copy written.
    std::memcpy(bytes.data() + kHeaderSize, packet_.data() + kHeaderSize,
                query_.question_end - kHeaderSize);
    write_u16_at(bytes, 0, query_.id);
    const auto flags = static_cast<std::uint16_t>(flag::kQr | flag::kAa |
                                                  (query_.flags & (flag::kOpcodeMask | flag::kRd)));
    write_u16_at(bytes, 2, flags);
    write_u16_at(bytes, 4, 1);
    write_u16_at(bytes, 6, count_);
    messages_.push_back(std::move(bytes));
    writer_.reset();
    count_ = 0;
  }

  std::span<const std::uint8_t> packet_;
  const ParsedQuery& query_;
  std::optional<zones::WireWriter> writer_;
  std::uint16_t count_ = 0;
  std::vector<std::string> messages_;
};

using BlockSet = std::unordered_set<const std::vector<Record>*>;

BlockSet blocks_of(const zones::Zone& zone) {
  BlockSet blocks;
  for (const auto& run : zone.transfer) {
    for (const auto& block : *run) blocks.insert(block.get());
  }
  return blocks;
}

/// Records of `zone` in blocks that `other` does not share, keyed by their text for sorting.
std::vector<std::pair<std::string, const Record*>> unshared(const zones::Zone& zone,
                                                            const BlockSet& other) {
  std::vector<std::pair<std::string, const Record*>> out;
  for (const auto& run : zone.transfer) {
    for (const auto& block : *run) {
      if (other.contains(block.get())) continue;
      for (const Record& record : *block) out.emplace_back(zones::record_to_text(record), &record);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

ZoneDifference zone_difference(const zones::Zone& before, const zones::Zone& after) {
  const auto old_records = unshared(before, blocks_of(after));
  const auto new_records = unshared(after, blocks_of(before));
  // A record that only moved between blocks is in both lists: it did not change.
  ZoneDifference difference;
  auto old_it = old_records.begin();
  auto new_it = new_records.begin();
  while (old_it != old_records.end() || new_it != new_records.end()) {
    if (new_it == new_records.end() ||
        (old_it != old_records.end() && old_it->first < new_it->first)) {
      difference.removed.push_back(*(old_it++)->second);
    } else if (old_it == old_records.end() || new_it->first < old_it->first) {
      difference.added.push_back(*(new_it++)->second);
    } else {
      ++old_it;
      ++new_it;
    }
  }
  return difference;
}

std::vector<std::string> render_axfr(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                                     const zones::Zone& zone) {
  MessageSequence messages(packet, query);
  const Record soa = soa_record(zone, zone.soa);
  messages.add(soa);
  for (const auto& run : zone.transfer) {
    for (const auto& block : *run) {
      for (const Record& record : *block) messages.add(record);
    }
  }
  messages.add(soa);
  return std::move(messages).finish();
}

std::optional<std::uint32_t> ixfr_client_serial(std::span<const std::uint8_t> packet,
                                                const ParsedQuery& query) {
  if (packet.size() < kHeaderSize || read_u16(packet, 8) == 0) return std::nullopt;
  std::size_t at = query.question_end;
  // Skip any Answer records; the SOA is the first Authority record.
  for (std::uint16_t i = 0, answers = read_u16(packet, 6); i <= answers; ++i) {
    const auto after_owner = skip_name(packet, at);
    if (!after_owner || *after_owner + 10 > packet.size()) return std::nullopt;
    const std::size_t rdata = *after_owner + 10;
    const std::size_t rdlength = read_u16(packet, *after_owner + 8);
    if (rdata + rdlength > packet.size()) return std::nullopt;
    if (i < answers) {
      at = rdata + rdlength;
      continue;
    }
    if (read_u16(packet, *after_owner) != zones::rr_type::kSoa) return std::nullopt;
    const auto after_mname = skip_name(packet, rdata);
    const auto after_rname = after_mname ? skip_name(packet, *after_mname) : std::nullopt;
    if (!after_rname || *after_rname + 4 > rdata + rdlength) return std::nullopt;
    return (std::uint32_t{read_u16(packet, *after_rname)} << 16) |
           read_u16(packet, *after_rname + 2);
  }
  return std::nullopt;
}

std::vector<std::string> render_ixfr(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                                     const zones::Zone& zone, const zones::SoaData& client,
                                     const ZoneDifference& difference) {
  MessageSequence messages(packet, query);
  const Record soa = soa_record(zone, zone.soa);
  messages.add(soa);
  messages.add(soa_record(zone, client));
  for (const Record& record : difference.removed) messages.add(record);
  messages.add(soa);
  for (const Record& record : difference.added) messages.add(record);
  messages.add(soa);
  return std::move(messages).finish();
}

std::vector<std::string> render_soa_only(std::span<const std::uint8_t> packet,
                                         const ParsedQuery& query, const zones::Zone& zone) {
  MessageSequence messages(packet, query);
  messages.add(soa_record(zone, zone.soa));
  return std::move(messages).finish();
}

}  // namespace ordinal::dns
