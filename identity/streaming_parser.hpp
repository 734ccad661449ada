#pragma once
// Parses JSON texts on helper threads while the caller is still reading more of them: the
// store's load reads rows on one core (about a fifth of a restart's load at 100,000 objects)
// and parsing them is the rest, so the two overlap instead of following each other.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity {

class StreamingParser {
 public:
  /// Starts one helper per core but the caller's, at most kMaxRangeParts - 1 (none on one core;
  /// fewer when the system refuses threads).
  StreamingParser();
  /// Stops the helpers (what they have not parsed is dropped) when finish() was not called.
  ~StreamingParser();
  StreamingParser(const StreamingParser&) = delete;
  StreamingParser& operator=(const StreamingParser&) = delete;

  /// Queues `texts` for parsing. Caller's thread only.
  void add(std::vector<std::string> texts);
  /// Parses what is still queued on this thread too, waits for the helpers, and returns one
  /// document per text in the order added: discarded JSON for a text that does not parse.
  /// Call once.
  std::vector<Json> finish();

 private:
  struct Batch {
    std::vector<std::string> texts;
    std::vector<Json> documents;
  };
  /// Parses queued batches until none is left and no more will come.
  void work();
  /// No batch will be added: threads that find the queue empty return.
  void end_adding();
  void join_helpers();

  std::mutex mu_;
  std::condition_variable more_;
  std::deque<Batch> batches_;  ///< a deque: adding keeps the batches being parsed in place
  std::size_t next_ = 0;       ///< first batch no thread has taken
  bool last_added_ = false;
  std::vector<std::thread> helpers_;
};

}  // namespace ordinal::identity
