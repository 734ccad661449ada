#include "identity/streaming_parser.hpp"

#include <algorithm>
#include <iterator>
#include <system_error>

#include "identity/parallel_ranges.hpp"

namespace ordinal::identity {

StreamingParser::StreamingParser() {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t helpers = std::min(cores, kMaxRangeParts) - 1;
  try {
    for (std::size_t i = 0; i < helpers; ++i) helpers_.emplace_back([this] { work(); });
  } catch (const std::system_error&) {
    // No more threads to be had: finish() parses what the helpers that did start leave.
  }
}

StreamingParser::~StreamingParser() {
  {
    std::lock_guard lock(mu_);
    next_ = batches_.size();  // nothing more to take
  }
  end_adding();
  join_helpers();
}

void StreamingParser::add(std::vector<std::string> texts) {
  {
    std::lock_guard lock(mu_);
    batches_.push_back({std::move(texts), {}});
  }
  more_.notify_one();
}

std::vector<Json> StreamingParser::finish() {
  end_adding();
  work();
  join_helpers();
  std::size_t count = 0;
  for (const Batch& batch : batches_) count += batch.documents.size();
  std::vector<Json> out;
  out.reserve(count);
  for (Batch& batch : batches_) {
    std::move(batch.documents.begin(), batch.documents.end(), std::back_inserter(out));
  }
  batches_.clear();
  return out;
}

void StreamingParser::work() {
  for (;;) {
    Batch* batch = nullptr;
    {
      std::unique_lock lock(mu_);
      more_.wait(lock, [this] { return next_ < batches_.size() || last_added_; });
      if (next_ == batches_.size()) return;
      batch = &batches_[next_++];
    }
    batch->documents.resize(batch->texts.size());
    for (std::size_t i = 0; i < batch->texts.size(); ++i) {
      batch->documents[i] = Json::parse(batch->texts[i], nullptr, /*allow_exceptions=*/false);
      std::string().swap(batch->texts[i]);
    }
  }
}

void StreamingParser::end_adding() {
  {
    std::lock_guard lock(mu_);
    last_added_ = true;
  }
  more_.notify_all();
}

void StreamingParser::join_helpers() {
  for (auto& helper : helpers_) {
    if (helper.joinable()) helper.join();
  }
}

}  // namespace ordinal::identity
