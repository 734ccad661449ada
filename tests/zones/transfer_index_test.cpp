// Transfer content in shared runs (dns.md §6.9 order): whatever the sequence of puts and
// removals, the runs concatenate to every key's records in key order, and a change rebuilds
// only the run holding the key.
#include "zones/transfer_index.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

namespace ordinal::zones {
namespace {

std::vector<Record> records_of(const std::string& key, std::size_t count) {
  std::vector<Record> out;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back({key + ".", rr_type::kTxt, 5, TxtData{{std::to_string(i)}}});
  }
  return out;
}

std::vector<std::string> flatten(const std::vector<BlockRun>& runs) {
  std::vector<std::string> out;
  for (const auto& run : runs) {
    for (const auto& block : *run) {
      for (const auto& record : *block) out.push_back(record_to_text(record));
    }
  }
  return out;
}

TEST(TransferIndex, RunsFollowKeyOrderThroughSplitsAndRemovals) {  // dns.md §6.9
  TransferIndex<std::string> index;
  std::map<std::string, std::vector<Record>> reference;
  std::mt19937 random(7);
  for (int round = 0; round < 60; ++round) {
    // Grow for a while, then mostly shrink, so chunks split and empty out.
    const bool grow = round < 40;
    for (int change = 0; change < 100; ++change) {
      const std::string key = "k" + std::to_string(random() % 3000);
      const std::size_t count = (grow ? random() % 3 + 1 : random() % 4 == 0 ? 1 : 0);
      index.put(key, records_of(key, count));
      if (count == 0) {
        reference.erase(key);
      } else {
        reference[key] = records_of(key, count);
      }
    }
    std::vector<std::string> expected;
    for (const auto& [key, records] : reference) {
      for (const auto& record : records) expected.push_back(record_to_text(record));
    }
    const auto runs = index.runs();
    ASSERT_EQ(flatten(runs), expected) << "round " << round;
    if (grow && round > 10) {
      EXPECT_GT(runs.size(), 1U);
    }
  }
}

TEST(TransferIndex, OnlyTheChangedRunIsRebuilt) {
  TransferIndex<std::string> index;
  for (int i = 0; i < 2000; ++i) {
    const std::string key = "k" + std::to_string(10000 + i);
    index.put(key, records_of(key, 1));
  }
  const auto before = index.runs();
  index.put("k10500", records_of("k10500", 2));
  const auto after = index.runs();
  ASSERT_EQ(before.size(), after.size());
  std::size_t rebuilt = 0;
  for (std::size_t i = 0; i < before.size(); ++i) rebuilt += before[i] != after[i] ? 1U : 0U;
  EXPECT_EQ(rebuilt, 1U);
  EXPECT_EQ(flatten(after).size(), 2001U);
}

}  // namespace
}  // namespace ordinal::zones
