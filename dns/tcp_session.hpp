#pragma once
// One DNS-over-TCP connection (RFC 1035 §4.2.2, RFC 7766): each read takes whatever bytes have
// arrived, every complete length-prefixed query among them is answered in order, and their
// answers leave in one write (RFC 7766 §6.2.1.1 pipelining, §8 length field and message in
// one write). A query split across reads waits in the buffer for its remaining bytes.
#include <utility>  // Boost 1.74's awaitable.hpp needs it first under GCC 12
// clang-format off
#include <boost/asio/awaitable.hpp>
// clang-format on
#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "dns/listeners.hpp"
#include "dns/tcp_connections.hpp"

namespace ordinal::dns {

/// Serves `socket` until the client closes it, the idle timeout or the connection cap closes
/// it (through `connections`), or the framing is broken: a length prefix of 0, or a message
/// too short for a DNS header or that is itself a response, closes the connection after the
/// answers already due are sent, since neither can be answered (no ID to echo; RFC 1035 §4.1.1
/// has a server never answer a response). A message with a header that is malformed otherwise
/// gets FORMERR, and the connection goes on (RFC 7766 §6.2.1: connections are reused).
/// With TSIG keys (`context.transfers.keys`), a query ending with a TSIG record is checked and
/// its answer signed (answer_signed_query); without keys a TSIG is ignored, as before.
///
/// Holds at most one read chunk (kReadChunk) plus, when a client announces a bigger message,
/// that one message (≤ 65,537 octets); answers waiting to be written are flushed past
/// kFlushAt. Runs on `socket`'s executor, which must be the one `connections` lives on;
/// `context` must outlive the coroutine. Never throws.
boost::asio::awaitable<void> serve_tcp_session(boost::asio::ip::tcp::socket socket,
                                               const ListenerContext& context,
                                               std::shared_ptr<TcpConnections> connections);

/// Bytes asked of the kernel per read.
inline constexpr std::size_t kReadChunk = 16 * 1024;
/// Answers gathered for one write are sent once they reach this size, so a client that
/// pipelines many queries with large answers cannot make us hold them all.
inline constexpr std::size_t kFlushAt = 64 * 1024;

}  // namespace ordinal::dns
