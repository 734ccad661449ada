#include "dns/tcp_session.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "dns/query_handler.hpp"
#include "dns/tsig.hpp"
#include "dns/upstream_forwarder.hpp"
#include "zones/snapshot_holder.hpp"

namespace ordinal::dns {
namespace {

namespace asio = boost::asio;
using asio::use_awaitable;

constexpr std::size_t kPrefix = 2;

std::size_t announced_length(const std::uint8_t* prefix) {
  return static_cast<std::size_t>((prefix[0] << 8) | prefix[1]);
}

class TcpSession {
 public:
  TcpSession(asio::ip::tcp::socket socket, const ListenerContext& context,
             std::shared_ptr<TcpConnections> connections)
      : socket_(std::move(socket)),
        context_(context),
        connections_(std::move(connections)),
        handle_(connections_->add(socket_)),
        reader_(*context.snapshots),
        in_(kReadChunk) {
    boost::system::error_code ignored;
    // Answers go out as soon as they are written: with Nagle's algorithm a batch written
    // while the previous one is unacknowledged would wait for the client's delayed ACK.
    socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
    // flush() writes at once when the socket has room, without a trip through the reactor.
    socket_.non_blocking(true, ignored);
  }
  ~TcpSession() { connections_->remove(handle_); }
  TcpSession(const TcpSession&) = delete;
  TcpSession& operator=(const TcpSession&) = delete;

  asio::awaitable<void> run();

 private:
  enum class Next { Read, Close };

  asio::awaitable<Next> answer_complete_messages();
  asio::awaitable<void> forward(std::span<const std::uint8_t> query);
  asio::awaitable<bool> transfer(std::span<const std::uint8_t> query,
                                 const zones::ZoneSnapshot* snapshot);
  enum class Signed { Unsigned, Answered, Close };
  [[nodiscard]] bool may_be_signed(std::span<const std::uint8_t> query) const;
  asio::awaitable<Signed> answer_signed(std::span<const std::uint8_t> query,
                                        const zones::ZoneSnapshot* snapshot);
  asio::awaitable<bool> send_all(const std::vector<std::string>& messages);
  asio::awaitable<bool> flush();
  void append_answer(const std::string& reply);
  void make_room();

  asio::ip::tcp::socket socket_;
  const ListenerContext& context_;
  std::shared_ptr<TcpConnections> connections_;
  TcpConnections::Handle handle_;
  zones::SnapshotHolder::Reader reader_;
  /// Bytes read: [begin_, end_) is not yet answered, at most one incomplete message at the end.
  std::vector<std::uint8_t> in_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  /// Length-prefixed answers waiting for the next write.
  std::string out_;
  std::string reply_;
};

asio::awaitable<void> TcpSession::run() {
  boost::system::error_code error;
  for (;;) {
    make_room();
    // One read takes whatever has arrived; the reactor's turn between reads keeps one busy
    // client from starving the other connections and the UDP socket on this thread.
    const std::size_t got =
        co_await socket_.async_read_some(asio::buffer(in_.data() + end_, in_.size() - end_),
                                         asio::redirect_error(use_awaitable, error));
    if (error) break;  // end of stream, reset, or closed for idleness or the cap
    end_ += got;
    if (co_await answer_complete_messages() == Next::Close) break;
  }
  boost::system::error_code ignored;
  socket_.close(ignored);
}

/// Moves the unanswered bytes to the front and sizes the buffer for the message they begin:
/// one chunk normally, exactly one message when a client announces a larger one.
void TcpSession::make_room() {
  if (begin_ > 0) {
    std::memmove(in_.data(), in_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t needed = end_ >= kPrefix ? kPrefix + announced_length(in_.data()) : 0;
  if (needed > in_.size()) {
    in_.resize(needed);
  } else if (in_.size() > kReadChunk && needed <= kReadChunk && end_ <= kReadChunk) {
    in_.resize(kReadChunk);
    in_.shrink_to_fit();
  }
}

asio::awaitable<TcpSession::Next> TcpSession::answer_complete_messages() {
  const zones::ZoneSnapshot* snapshot = reader_.get();
  bool answered = false;
  Next next = Next::Read;
  while (end_ - begin_ >= kPrefix) {
    const std::size_t length = announced_length(in_.data() + begin_);
    if (length == 0) {
      next = Next::Close;  // broken framing: nothing after it can be trusted
      break;
    }
    if (end_ - begin_ - kPrefix < length) break;
    const std::span<const std::uint8_t> query(in_.data() + begin_ + kPrefix, length);
    begin_ += kPrefix + length;
    if (may_be_signed(query)) {
      const auto verdict = co_await answer_signed(query, snapshot);
      if (verdict == Signed::Close) co_return Next::Close;
      if (verdict == Signed::Answered) {
        answered = true;
        continue;
      }
    }
    const QueryAction action =
        handle_query(query, snapshot, Transport::Tcp, context_.limits, reply_);
    if (action == QueryAction::Drop) {
      next = Next::Close;
      break;
    }
    if (action == QueryAction::Transfer) {
      const bool sent = co_await transfer(query, snapshot);
      if (!sent) co_return Next::Close;
    } else if (action == QueryAction::Forward) {
      // Answers stay in order (RFC 7766 §7 allows, not requires, reordering): send what is
      // ready, then wait for the upstream.
      const bool sent = co_await flush();
      if (!sent) co_return Next::Close;
      co_await forward(query);
      snapshot = reader_.get();
    } else {
      append_answer(reply_);
    }
    answered = true;
    if (out_.size() >= kFlushAt) {
      const bool sent = co_await flush();
      if (!sent) co_return Next::Close;
    }
  }
  const bool sent = co_await flush();
  if (!sent) co_return Next::Close;
  if (answered) connections_->touch(handle_);
  co_return next;
}

asio::awaitable<void> TcpSession::forward(std::span<const std::uint8_t> query) {
  const ForwardSlot slot(context_);
  if (!slot) {
    append_answer(refused_reply(query));
    co_return;
  }
  connections_->set_busy(handle_, true);
  auto relayed =
      co_await forward_query(socket_.get_executor(), std::string(query.begin(), query.end()),
                             context_.upstreams, Transport::Tcp, context_.upstream_timeout);
  connections_->set_busy(handle_, false);
  append_answer(relayed ? *relayed : servfail_reply(query));
}

/// Sends the messages of a zone transfer; false when the connection is gone.
asio::awaitable<bool> TcpSession::transfer(std::span<const std::uint8_t> query,
                                           const zones::ZoneSnapshot* snapshot) {
  boost::system::error_code error;
  const auto client = socket_.remote_endpoint(error);
  if (error) co_return false;
  co_return co_await send_all(
      answer_transfer(query, snapshot, client.address(), context_.transfers));
}

/// Only with --tsig-key, and only a query with additional records, can carry a TSIG: ordinary
/// queries skip the TSIG code after two comparisons.
bool TcpSession::may_be_signed(std::span<const std::uint8_t> query) const {
  return !context_.transfers.keys.empty() && query.size() >= 12 && (query[10] | query[11]) != 0;
}

/// Answers `query` when it ends with a TSIG record (transfer_handler.hpp), else leaves it to
/// the unsigned path.
asio::awaitable<TcpSession::Signed> TcpSession::answer_signed(std::span<const std::uint8_t> query,
                                                              const zones::ZoneSnapshot* snapshot) {
  boost::system::error_code error;
  const auto client = socket_.remote_endpoint(error);
  if (error) co_return Signed::Close;
  auto replies = answer_signed_query(query, snapshot, client.address(), Transport::Tcp,
                                     context_.limits, context_.transfers, tsig_now());
  if (!replies) co_return Signed::Unsigned;
  if (replies->empty()) co_return Signed::Close;  // a response, as handle_query drops
  co_return co_await send_all(*replies) ? Signed::Answered : Signed::Close;
}

/// Queues `messages`, flushing as the output fills so that it stays at about kFlushAt; false
/// when the connection is gone.
asio::awaitable<bool> TcpSession::send_all(const std::vector<std::string>& messages) {
  for (const std::string& message : messages) {
    append_answer(message);
    if (out_.size() >= kFlushAt && !co_await flush()) co_return false;
  }
  co_return true;
}

void TcpSession::append_answer(const std::string& reply) {
  if (reply.empty() || reply.size() > 0xFFFF) return;
  out_.push_back(static_cast<char>(reply.size() >> 8));
  out_.push_back(static_cast<char>(reply.size() & 0xFF));
  out_.append(reply);
}

/// Sends every gathered answer; false when the connection is gone.
asio::awaitable<bool> TcpSession::flush() {
  if (out_.empty()) co_return true;
  boost::system::error_code error;
  // Usually the socket buffer has room: one system call, no suspension.
  std::size_t written = socket_.write_some(asio::buffer(out_), error);
  if (error == asio::error::would_block || error == asio::error::try_again) {
    written = 0;
    error.clear();
  }
  if (!error && written < out_.size()) {
    co_await asio::async_write(socket_, asio::buffer(out_.data() + written, out_.size() - written),
                               asio::redirect_error(use_awaitable, error));
  }
  out_.clear();
  co_return !error;
}

}  // namespace

asio::awaitable<void> serve_tcp_session(asio::ip::tcp::socket socket,
                                        const ListenerContext& context,
                                        std::shared_ptr<TcpConnections> connections) {
  try {
    TcpSession session(std::move(socket), context, std::move(connections));
    co_await session.run();
  } catch (const std::exception&) {
    // Out of memory or a socket that died while being set up: only this connection ends.
  }
}

}  // namespace ordinal::dns
