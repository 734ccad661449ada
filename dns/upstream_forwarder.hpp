#pragma once
// Relays queries for names outside our zones to --upstream resolvers (dns.md §11, cli.md): the
// packet goes out unchanged (same ID, same EDNS) and the upstream's reply comes back unchanged.
#include <utility>  // Boost 1.74's awaitable.hpp needs it first under GCC 12
// clang-format off
#include <boost/asio/awaitable.hpp>
// clang-format on
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "dns/query_handler.hpp"

namespace ordinal::dns {

/// Tries each upstream in order, over the client's transport (UDP or TCP), each with
/// `timeout`. Returns the first reply, or nullopt when none answered. Never throws except
/// std::bad_alloc.
boost::asio::awaitable<std::optional<std::string>> forward_query(
    boost::asio::any_io_executor executor, std::string query,
    const std::vector<boost::asio::ip::udp::endpoint>& upstreams, Transport transport,
    std::chrono::milliseconds timeout);

}  // namespace ordinal::dns
