// The read and write-or-erase rules every typed view relies on.
#include "identity/json_fields.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace ordinal::identity::fields {
namespace {

TEST(JsonFields, ReadersNeverFail) {
  const Json doc = {{"a", {{"b", "text"}, {"n", 7}, {"big", 5'000'000'000LL}, {"f", 1.5}}},
                    {"s", 3}};
  EXPECT_EQ(get_string(doc, {"a", "b"}), "text");
  EXPECT_EQ(get_string(doc, {"a", "missing"}), "");
  EXPECT_EQ(get_string(doc, {"s", "below-a-number"}), "");
  EXPECT_EQ(get_optional_string(doc, {"s"}), std::nullopt) << "wrong type";
  EXPECT_EQ(get_int<std::int32_t>(doc, {"a", "n"}), 7);
  EXPECT_EQ(get_int<std::int32_t>(doc, {"a", "big"}), std::nullopt) << "out of range";
  EXPECT_EQ(get_int<std::int64_t>(doc, {"a", "big"}), 5'000'000'000LL);
  EXPECT_EQ(get_int<std::int64_t>(doc, {"a", "f"}), std::nullopt) << "not an integer";
  EXPECT_EQ(get_bool(doc, {"a", "b"}), std::nullopt);
  EXPECT_TRUE(get_strings(Json(nullptr), {"x"}).empty());
  EXPECT_TRUE(get_string_map(doc, {"a", "b"}).empty());
  EXPECT_TRUE(get_json(doc, {"nothing"}).is_null());
}

TEST(JsonFields, WriteCreatesParentsAndEraseDoesNot) {
  Json doc = Json::object();
  write(doc, {"resources", "requests", "storage"}, "1Gi");
  EXPECT_EQ(doc, (Json{{"resources", {{"requests", {{"storage", "1Gi"}}}}}}));
  write(doc, {"resources", "requests", "storage"}, nullptr);
  EXPECT_EQ(doc, (Json{{"resources", {{"requests", Json::object()}}}}));
  Json other = Json::object();
  write(other, {"a", "b", "c"}, nullptr);
  EXPECT_EQ(other, Json::object()) << "erasing must not create parents";
  Json null_doc;
  put_string(null_doc, {"x"}, "");
  EXPECT_TRUE(null_doc.is_null()) << "an empty value on an empty document writes nothing";
}

TEST(JsonFields, UnchangedValuesKeepTheirSpelling) {
  Json doc = {{"flag", false},
              {"empty", ""},
              {"list", Json::array()},
              {"map", Json::object()},
              {"weird", "7"}};
  const Json before = doc;
  put_bool(doc, {"flag"}, false);
  put_string(doc, {"empty"}, "");
  put_strings(doc, {"list"}, {});
  put_string_map(doc, {"map"}, {});
  put_int<std::int32_t>(doc, {"weird"}, std::nullopt);
  put_object(doc, {"absent"}, Json::object());
  EXPECT_EQ(doc, before);
}

TEST(JsonFields, ClearedValuesAreErased) {
  Json doc = {{"name", "x"}, {"n", 1}, {"flag", true}, {"list", {"a"}}, {"map", {{"k", "v"}}}};
  put_string(doc, {"name"}, "");
  put_int<std::int32_t>(doc, {"n"}, std::nullopt);
  put_bool(doc, {"flag"}, std::nullopt);
  put_strings(doc, {"list"}, {});
  put_string_map(doc, {"map"}, {});
  EXPECT_EQ(doc, Json::object());
}

TEST(JsonFields, ChangedValuesAreWritten) {
  Json doc = {{"n", 1}, {"flag", true}};
  put_int<std::int32_t>(doc, {"n"}, 2);
  put_bool(doc, {"flag"}, false);
  put_optional_string(doc, {"class"}, std::string());
  put_string_map(doc, {"labels"}, {{"app", "web"}});
  EXPECT_EQ(doc, (Json{{"n", 2}, {"flag", false}, {"class", ""}, {"labels", {{"app", "web"}}}}));
}

}  // namespace
}  // namespace ordinal::identity::fields
