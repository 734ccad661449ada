// JsonCursor: the JSON reader behind `ordinal get`'s Tables decodes what it is asked for, steps
// over the rest, and refuses exactly the texts a full JSON parser refuses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "identity/json.hpp"
#include "tools/cli/json_cursor.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

bool whole_value(const std::string& text) {
  JsonCursor in(text);
  return in.skip() && in.finish();
}

TEST(JsonCursor, MembersElementsAndScalarsAreDecoded) {
  JsonCursor in(
      R"( {"s":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00", "n":-12.5e+3, "l":[true,false,null],
           "skipped":{"x":[1,{"y":"}"}]}, "last":0} )");
  ASSERT_TRUE(in.enter_object());
  std::string key, value;
  ASSERT_TRUE(in.next_member(key));
  EXPECT_EQ(key, "s");
  ASSERT_TRUE(in.scalar(value));
  EXPECT_EQ(value, "a\"b\\c/d\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80");
  ASSERT_TRUE(in.next_member(key));
  EXPECT_EQ(in.peek(), '0');
  ASSERT_TRUE(in.scalar(value));
  EXPECT_EQ(value, "-12.5e+3");  // a number keeps its text
  ASSERT_TRUE(in.next_member(key));
  ASSERT_TRUE(in.enter_array());
  std::vector<std::string> words;
  while (in.next_element()) {
    ASSERT_TRUE(in.scalar(value, "<none>"));
    words.push_back(value);
  }
  EXPECT_EQ(words, (std::vector<std::string>{"true", "false", "<none>"}));
  ASSERT_TRUE(in.next_member(key));
  EXPECT_EQ(key, "skipped");
  ASSERT_TRUE(in.skip());
  ASSERT_TRUE(in.next_member(key));
  EXPECT_EQ(key, "last");
  ASSERT_TRUE(in.skip());
  EXPECT_FALSE(in.next_member(key));
  EXPECT_FALSE(in.failed());
  EXPECT_TRUE(in.finish());
}

TEST(JsonCursor, ErrorsNameWhatWasExpectedAndTheByte) {
  JsonCursor in(R"({"a" 1})");
  ASSERT_TRUE(in.enter_object());
  std::string key;
  EXPECT_FALSE(in.next_member(key));
  EXPECT_EQ(in.error(), "expected ':' at byte 5");
  JsonCursor object_as_scalar(R"({"a":1})");
  std::string value;
  EXPECT_FALSE(object_as_scalar.scalar(value));
  EXPECT_TRUE(object_as_scalar.failed());
  JsonCursor trailing("[1] x");
  EXPECT_TRUE(trailing.skip());
  EXPECT_FALSE(trailing.finish());
  EXPECT_EQ(trailing.error(), "unexpected text after the value at byte 4");
}

TEST(JsonCursor, DeepNestingIsRefusedNotOverflowed) {
  EXPECT_TRUE(whole_value(std::string(100, '[') + std::string(100, ']')));
  const std::string text = std::string(100000, '[') + std::string(100000, ']');
  JsonCursor deep(text);
  EXPECT_FALSE(deep.skip());
  EXPECT_NE(deep.error().find("nested too deeply"), std::string::npos);
}

// The grammar is RFC 8259's: whatever nlohmann accepts is accepted and whatever it refuses is
// refused, for hand-picked texts and for every prefix of a Table.
TEST(JsonCursor, AcceptsWhatAFullParserAccepts) {
  const std::vector<std::string> texts = {"{}",
                                          "[]",
                                          "0",
                                          "-0",
                                          "1.5",
                                          "1e5",
                                          "-1E-5",
                                          "\"\"",
                                          "true",
                                          "null",
                                          " [ 1 , 2 ] ",
                                          R"({"a":{"b":[{}]}})",
                                          R"("\u0041")",
                                          R"("\ud83d\ude00")",
                                          "01",
                                          "1.",
                                          ".5",
                                          "-",
                                          "1e",
                                          "+1",
                                          "[1,]",
                                          R"({"a":1,})",
                                          "{,}",
                                          "[,1]",
                                          "[1 2]",
                                          R"({"a"})",
                                          R"({1:2})",
                                          "tru",
                                          "nul",
                                          "True",
                                          "\"a\nb\"",
                                          R"("\x")",
                                          R"("\u12G4")",
                                          R"("\ud83d")",
                                          R"("\ude00")",
                                          R"("\ud83d\u0041")",
                                          "[",
                                          "]",
                                          "{",
                                          "\"",
                                          "",
                                          " ",
                                          "[1]]",
                                          R"({"a":1}})",
                                          "[]{}",
                                          "1 2",
                                          R"({"a":[1,{"b":null}],"c":"d"})",
                                          "[-]",
                                          "[1e+]",
                                          "[0.e1]",
                                          "\"\t\""};
  for (const auto& text : texts)
    EXPECT_EQ(whole_value(text), Json::accept(text)) << "text: " << text;
  const std::string table =
      R"({"kind":"Table","metadata":{"resourceVersion":"7"},"columnDefinitions":[{"name":"Name",)"
      R"("priority":0}],"rows":[{"cells":["web-0",1,null,1.5],"object":{"metadata":)"
      R"({"namespace":"a\u00e9","labels":{"x":"y"}}}}]})";
  ASSERT_TRUE(whole_value(table));
  for (std::size_t size = 0; size < table.size(); ++size)
    EXPECT_EQ(whole_value(table.substr(0, size)), Json::accept(table.substr(0, size)))
        << "prefix: " << table.substr(0, size);
}

}  // namespace
}  // namespace ordinal::cli
