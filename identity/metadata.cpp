#include "identity/metadata.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <random>

namespace ordinal::identity {
namespace {

// Reads `width` decimal digits at `pos`; nullopt when they are not all digits.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  const char* first = text.data() + pos;
  const auto [end, error] = std::from_chars(first, first + width, value);
  if (error != std::errc() || end != first + width) return std::nullopt;
  return value;
}

// The zone suffix at `pos` ("Z", "+02:00", "-05:30") as an offset east of UTC.
std::optional<std::chrono::minutes> zone_offset(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return std::nullopt;
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size())
    return std::chrono::minutes(0);
  if ((text[pos] != '+' && text[pos] != '-') || pos + 6 != text.size() || text[pos + 3] != ':')
    return std::nullopt;
  const auto hours = digits(text, pos + 1, 2);
  const auto minutes = digits(text, pos + 4, 2);
  if (!hours || !minutes) return std::nullopt;
  const std::chrono::minutes offset(*hours * 60 + *minutes);
  return text[pos] == '-' ? -offset : offset;
}

// One generator per thread: no lock on the write path, seeded once from the OS.
std::mt19937_64& generator() {
  thread_local std::mt19937_64 gen{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  return gen;
}

const Json* metadata_field(const Json& object, const char* field) {
  if (!object.is_object()) return nullptr;
  const auto m = object.find("metadata");
  if (m == object.end() || !m->is_object()) return nullptr;
  const auto f = m->find(field);
  return f == m->end() ? nullptr : &*f;
}

}  // namespace

std::string new_uid() {
  std::array<unsigned char, 16> bytes{};
  std::uniform_int_distribution<unsigned> byte(0, 255);
  for (auto& b : bytes) b = static_cast<unsigned char>(byte(generator()));
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0Fu) | 0x40u);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3Fu) | 0x80u);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0Fu]);
  }
  return out;
}

std::string format_timestamp(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::seconds>(time));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  const std::size_t n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text.data(), n);
}

std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text) {
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  const auto second = digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  std::size_t pos = 19;
  // Fractional seconds are dropped: the stored timestamps have second precision.
  if (text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  const auto offset = zone_offset(text, pos);
  if (!offset) return std::nullopt;
  const auto time = std::chrono::sys_days(date) + std::chrono::hours(*hour) +
                    std::chrono::minutes(*minute) + std::chrono::seconds(*second) - *offset;
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(time);
}

std::string random_name_suffix() {
  static constexpr std::string_view kAlphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string out;
  for (int i = 0; i < 5; ++i) out.push_back(kAlphabet[pick(generator())]);
  return out;
}

Json& metadata_of(Json& object) {
  Json& m = object["metadata"];
  if (!m.is_object()) m = Json::object();
  return m;
}

std::string metadata_string(const Json& object, const char* field) {
  const Json* f = metadata_field(object, field);
  return f && f->is_string() ? f->get<std::string>() : std::string();
}

std::string string_member(const Json& object, std::string_view field) {
  if (!object.is_object()) return "";
  const auto value = object.find(field);
  return value != object.end() && value->is_string() ? value->get<std::string>() : "";
}

std::string label_string(const Json& object, std::string_view label) {
  const Json* labels = metadata_field(object, "labels");
  return labels == nullptr ? "" : string_member(*labels, label);
}

std::optional<std::uint64_t> resource_version_of(const Json& object) {
  const std::string text = metadata_string(object, "resourceVersion");
  std::uint64_t rv = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), rv);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return rv;
}

void set_resource_version(Json& object, std::uint64_t rv) {
  metadata_of(object)["resourceVersion"] = std::to_string(rv);
}

std::vector<std::string> finalizers_of(const Json& object) {
  std::vector<std::string> out;
  const Json* f = metadata_field(object, "finalizers");
  if (f && f->is_array())
    for (const auto& item : *f)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

bool is_terminating(const Json& object) {
  const Json* f = metadata_field(object, "deletionTimestamp");
  return f && !f->is_null();
}

std::optional<std::int64_t> deletion_grace_of(const Json& object) {
  const Json* f = metadata_field(object, "deletionGracePeriodSeconds");
  if (!f || !f->is_number_integer()) return std::nullopt;
  return f->get<std::int64_t>();
}

std::int64_t generation_of(const Json& object) {
  const Json* f = metadata_field(object, "generation");
  return f && f->is_number_integer() ? f->get<std::int64_t>() : 0;
}

}  // namespace ordinal::identity
