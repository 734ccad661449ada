#include "identity/watch.hpp"

#include <utility>

namespace ordinal::identity {

const char* to_string(WatchEvent::Type type) {
  switch (type) {
    case WatchEvent::Type::Added:
      return "ADDED";
    case WatchEvent::Type::Modified:
      return "MODIFIED";
    case WatchEvent::Type::Deleted:
      return "DELETED";
    case WatchEvent::Type::Bookmark:
      return "BOOKMARK";
  }
  return "UNKNOWN";
}

bool WatchFilter::matches(const Json& object) const {
  if (object.value("kind", "") != kind) return false;
  const auto m = object.find("metadata");
  const bool has_meta = m != object.end() && m->is_object();
  if (ns && (!has_meta || m->value("namespace", "") != *ns)) return false;
  if (name && (!has_meta || m->value("name", "") != *name)) return false;
  return labels.matches_object(object);
}

WatchStream::WatchStream(WatchFilter filter, std::size_t max_pending)
    : filter_(std::move(filter)), max_pending_(max_pending) {}

std::optional<std::vector<WatchEvent>> WatchStream::take() {
  std::lock_guard lock(mu_);
  // Pending events are still delivered after close() so a consumer sees everything that was
  // pushed before the end; an overflow discards them (the consumer must re-list anyway).
  if (!pending_.empty()) return std::exchange(pending_, {});
  if (closed_) return std::nullopt;
  return std::vector<WatchEvent>{};
}

void WatchStream::push(WatchEvent event) {
  std::function<void()> notify;
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    if (pending_.size() >= max_pending_) {
      // Too far behind: the events it missed cannot be replayed from here, so end the stream.
      pending_.clear();
      closed_ = true;
    } else {
      pending_.push_back(std::move(event));
    }
    notify = notify_;
  }
  if (notify) notify();
}

void WatchStream::set_notify(std::function<void()> notify) {
  std::lock_guard lock(mu_);
  notify_ = std::move(notify);
}

void WatchStream::close() {
  std::function<void()> notify;
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
    notify = notify_;
  }
  if (notify) notify();
}

bool WatchStream::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

}  // namespace ordinal::identity
