#pragma once
// Writes resource records in DNS wire form with name compression (RFC 1035 §4.1.4). Used when a
// snapshot is built, to pre-render answers against a question at offset 12, so the query path
// only copies bytes.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "zones/record.hpp"

namespace ordinal::zones {

/// Not thread-safe; one writer per message being rendered.
class WireWriter {
 public:
  /// Starts a message with a zeroed 12-octet header and one question whose name is
  /// `qname_wire` (uncompressed, lower case) followed by four zeroed octets of type and class.
  /// Compression pointers written later may point into that question, so the real message must
  /// carry a question name of the same length at offset 12 (any case).
  explicit WireWriter(std::string_view qname_wire);

  /// Appends one record. Owner names and the names inside NS, CNAME, PTR and SOA are
  /// compressed; SRV targets are written in full (RFC 2782) but can be pointed at.
  void add(const Record& record);
  [[nodiscard]] std::size_t size() const { return out_.size(); }
  /// Offset of the first octet after the question.
  [[nodiscard]] std::size_t question_end() const { return question_end_; }
  [[nodiscard]] const std::string& bytes() const { return out_; }

 private:
  void put_name(const std::string& dotted, bool compress);
  void put_u16(std::uint16_t value);
  void put_u32(std::uint32_t value);
  void put_rdata(const RData& data);
  void remember(const std::string& wire, std::size_t stop, std::size_t offset);

  std::string out_;
  std::size_t question_end_ = 0;
  /// Lower-case wire suffix -> offset of its first occurrence.
  std::unordered_map<std::string, std::uint16_t> suffixes_;
};

/// Appends `value` in network order.
void append_u16(std::string& out, std::uint16_t value);
void append_u32(std::string& out, std::uint32_t value);

}  // namespace ordinal::zones
