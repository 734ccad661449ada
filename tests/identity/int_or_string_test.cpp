#include "identity/int_or_string.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace ordinal::identity {
namespace {

using Rounding = IntOrString::Rounding;

TEST(IntOrString, ReadsAndWritesJson) {
  EXPECT_EQ(IntOrString::from_json(Json(8080)), IntOrString::from_int(8080));
  EXPECT_EQ(IntOrString::from_json(Json("http")), IntOrString::from_string("http"));
  EXPECT_EQ(IntOrString::from_json(Json(8080))->to_json(), Json(8080));
  EXPECT_EQ(IntOrString::from_json(Json("50%"))->to_json(), Json("50%"));
  EXPECT_FALSE(IntOrString::from_json(Json(1.5)));
  EXPECT_FALSE(IntOrString::from_json(Json(true)));
  EXPECT_FALSE(IntOrString::from_json(Json(nullptr)));
  EXPECT_FALSE(IntOrString::from_json(Json(4'000'000'000LL))) << "beyond 32 bits";
  EXPECT_NE(IntOrString::from_int(80), IntOrString::from_string("80"));
  EXPECT_EQ(IntOrString::from_int(80).to_string(), "80");
}

TEST(IntOrString, PercentagesScaleAgainstTheTotal) {
  // 16.3: the code rounds down (10% of 25 -> 2, 50% of 5 -> 2); the field doc says up.
  EXPECT_EQ(IntOrString::from_string("10%").scaled_value(25, Rounding::Down), 2);
  EXPECT_EQ(IntOrString::from_string("50%").scaled_value(5, Rounding::Down), 2);
  EXPECT_EQ(IntOrString::from_string("10%").scaled_value(25, Rounding::Up), 3);
  EXPECT_EQ(IntOrString::from_string("50%").scaled_value(5, Rounding::Up), 3);
  EXPECT_EQ(IntOrString::from_string("40%").scaled_value(5, Rounding::Up), 2) << "exact";
  EXPECT_EQ(IntOrString::from_string("100%").scaled_value(7, Rounding::Down), 7);
  EXPECT_EQ(IntOrString::from_string("0%").scaled_value(7, Rounding::Up), 0);
  EXPECT_EQ(IntOrString::from_int(3).scaled_value(100, Rounding::Down), 3);
}

TEST(IntOrString, NonPercentStringsDoNotScale) {
  for (const char* text : {"http", "%", "1.5%", "-10%", "10", "10 %", "abc%", "99999999999%"})
    EXPECT_FALSE(IntOrString::from_string(text).scaled_value(10, Rounding::Down)) << text;
}

TEST(IntOrString, MaxUnavailableResolution) {
  // SS-1.9 / SS-11.12: unset -> 1; percentages round down; at least 1.
  EXPECT_EQ(resolve_max_unavailable(std::nullopt, 10), 1);
  EXPECT_EQ(resolve_max_unavailable(IntOrString::from_int(3), 10), 3);
  EXPECT_EQ(resolve_max_unavailable(IntOrString::from_string("50%"), 5), 2);
  EXPECT_EQ(resolve_max_unavailable(IntOrString::from_string("10%"), 5), 1) << "0 -> minimum 1";
  EXPECT_EQ(resolve_max_unavailable(IntOrString::from_string("10%"), 25, Rounding::Up), 3);
  EXPECT_EQ(resolve_max_unavailable(IntOrString::from_string("50%"), 0), 1);
  EXPECT_FALSE(resolve_max_unavailable(IntOrString::from_string("many"), 5));
}

}  // namespace
}  // namespace ordinal::identity
