#include "dns/ldns.hpp"

#include <cstdio>

namespace ordinal::dns::ldns {

PacketPtr packet_from_wire(std::string_view wire) {
  ldns_pkt* packet = nullptr;
  const auto* data = reinterpret_cast<const std::uint8_t*>(wire.data());
  if (ldns_wire2pkt(&packet, data, wire.size()) != LDNS_STATUS_OK) return nullptr;
  return PacketPtr(packet);
}

RrPtr rr_from_text(const std::string& text) {
  ldns_rr* rr = nullptr;
  if (ldns_rr_new_frm_str(&rr, text.c_str(), 0, nullptr, nullptr) != LDNS_STATUS_OK) return nullptr;
  return RrPtr(rr);
}

std::string rr_to_text(const ldns_rr* rr) {
  char* text = ldns_rr2str(rr);
  if (text == nullptr) return {};
  std::string out(text);
  free(text);  // NOLINT(cppcoreguidelines-no-malloc): ldns allocates with malloc
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

ZonePtr zone_from_text(const std::string& text, std::string* error) {
  // ldns reads zones from a FILE*; fmemopen avoids a temporary file.
  std::string copy = text;
  FILE* file = fmemopen(copy.data(), copy.size(), "r");
  if (file == nullptr) return nullptr;
  ldns_zone* zone = nullptr;
  int line = 0;
  const ldns_status status =
      ldns_zone_new_frm_fp_l(&zone, file, nullptr, 0, LDNS_RR_CLASS_IN, &line);
  std::fclose(file);
  if (status != LDNS_STATUS_OK) {
    if (error != nullptr)
      *error = "line " + std::to_string(line) + ": " + ldns_get_errorstr_by_id(status);
    return nullptr;
  }
  return ZonePtr(zone);
}

}  // namespace ordinal::dns::ldns
