// StreamingParser: documents come back one per text in the order added, whatever thread parsed
// them; a text that is not JSON comes back discarded; dropping the parser early stops it.
#include "identity/streaming_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ordinal::identity {
namespace {

TEST(StreamingParser, DocumentsComeBackInTheOrderAdded) {
  StreamingParser parser;
  int next = 0;
  for (int batch = 0; batch < 50; ++batch) {
    std::vector<std::string> texts;
    for (int i = 0; i < batch % 7 * 30; ++i)
      texts.push_back(R"({"n": )" + std::to_string(next++) + "}");
    parser.add(std::move(texts));  // some batches empty
  }
  const std::vector<Json> documents = parser.finish();
  ASSERT_EQ(documents.size(), static_cast<std::size_t>(next));
  for (int i = 0; i < next; ++i) ASSERT_EQ(documents[static_cast<std::size_t>(i)]["n"], i);
}

TEST(StreamingParser, TextThatIsNotJsonComesBackDiscarded) {
  StreamingParser parser;
  parser.add({R"({"a": 1})", R"({"a": )", "[1, 2]"});
  const auto documents = parser.finish();
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_EQ(documents[0]["a"], 1);
  EXPECT_TRUE(documents[1].is_discarded());
  EXPECT_EQ(documents[2], Json::array({1, 2}));
}

TEST(StreamingParser, NothingAddedIsNothingParsed) {
  StreamingParser parser;
  EXPECT_TRUE(parser.finish().empty());
}

TEST(StreamingParser, DroppedBeforeFinishStopsItsHelpers) {
  // As when reading the store fails half-way: the destructor returns, nothing is left running.
  StreamingParser parser;
  for (int batch = 0; batch < 20; ++batch)
    parser.add(std::vector<std::string>(500, R"({"metadata": {"name": "x"}})"));
}

}  // namespace
}  // namespace ordinal::identity
