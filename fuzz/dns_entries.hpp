#pragma once
// Fuzz entries for the DNS query path: the decoder alone, and the whole pipeline (parse ->
// stages -> encode) against a zone built in-process. Each takes one query packet as received
// and aborts (fuzz_check.hpp) when a property of the reply breaks.
#include <cstdint>
#include <span>

namespace ordinal::fuzz {

/// dns::parse_query on `packet`: a parsed question lies inside the packet, its lower-case form
/// matches it, and the question ends inside the packet.
void fuzz_dns_parser(std::span<const std::uint8_t> packet);

/// dns::handle_query on `packet` over UDP and TCP, with and without forwarding: dropped only
/// when the packet is shorter than a header or is a response; a reply echoes the ID, has QR
/// set, fits the transport's limit and decodes with ldns.
void fuzz_dns_pipeline(std::span<const std::uint8_t> packet);

}  // namespace ordinal::fuzz
