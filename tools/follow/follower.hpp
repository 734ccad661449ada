#pragma once
// Keeps a zones::SnapshotHolder current from a remote Kubernetes-shaped API (another
// `ordinal serve`, or a kube-apiserver): lists the five source kinds, watches each from its
// list's resourceVersion, resumes after a disconnect, relists on 410. Asio, Beast and OpenSSL
// stay inside follower.cpp.
#include <functional>
#include <memory>
#include <string>

#include "tools/follow/follower_status.hpp"
#include "zones/snapshot_holder.hpp"
#include "zones/zone_config.hpp"

namespace boost::asio {
class io_context;
}

namespace ordinal::follow {

struct FollowerOptions {
  std::string url;         ///< http://HOST[:PORT] or https://HOST[:PORT]
  std::string token_file;  ///< "": no Authorization header
  std::string ca_file;     ///< "": the system's default verify paths (https only)
  zones::ZoneConfig zone;
};

class Follower {
 public:
  /// Checks the URL and the TLS settings (std::invalid_argument or std::runtime_error saying
  /// what is wrong). `holder` must outlive the io_context's handlers. Runs only on `io`, which
  /// must be run by exactly one thread.
  Follower(boost::asio::io_context& io, FollowerOptions options, zones::SnapshotHolder& holder);
  ~Follower();
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;

  /// Starts listing and watching on `io`. `on_first_publish` runs once, on the io thread, after
  /// the first complete list is published; `on_waiting(reason)` once, when the source cannot
  /// be reached before that (the follower keeps retrying). Call once.
  void start(std::function<void()> on_first_publish,
             std::function<void(const std::string&)> on_waiting);
  /// The current state; call on the io thread.
  [[nodiscard]] FollowerStatus status() const;

  /// The network side (follower.cpp); public only so that file's helpers can name it.
  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace ordinal::follow
