#include "identity/quantity.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace ordinal::identity {
namespace {

std::int64_t bytes(const char* text) {
  const auto quantity = Quantity::parse(text);
  EXPECT_TRUE(quantity.has_value()) << text;
  return quantity ? quantity->bytes() : -1;
}

std::string canonical(const char* text) {
  const auto quantity = Quantity::parse(text);
  return quantity ? quantity->to_string() : "<invalid>";
}

TEST(Quantity, ParsesStorageSizes) {
  EXPECT_EQ(bytes("1Gi"), 1073741824);
  EXPECT_EQ(bytes("500Mi"), 500LL * 1024 * 1024);
  EXPECT_EQ(bytes("10G"), 10'000'000'000LL);
  EXPECT_EQ(bytes("1000"), 1000);
  EXPECT_EQ(bytes("1.5Gi"), 1610612736);
  EXPECT_EQ(bytes("1Ki"), 1024);
  EXPECT_EQ(bytes("2Ti"), 2LL << 40);
  EXPECT_EQ(bytes("1k"), 1000);
  EXPECT_EQ(bytes("1e3"), 1000);
  EXPECT_EQ(bytes("1E3"), 1000);
  EXPECT_EQ(bytes("1E"), 1'000'000'000'000'000'000LL);
  EXPECT_EQ(bytes("0"), 0);
  EXPECT_EQ(bytes(".5Ki"), 512);
  EXPECT_EQ(bytes("+5"), 5);
  EXPECT_EQ(bytes("-5Mi"), -5LL * 1024 * 1024);
  EXPECT_EQ(bytes("1.000000000000000000000Gi"), 1073741824) << "trailing zeros are exact";
  EXPECT_EQ(bytes("1.00000000001Ti"), 1099511627787) << "1Ti + 10.995 bytes, rounded up";
}

TEST(Quantity, FractionsOfAByteRoundUp) {
  EXPECT_EQ(bytes("100m"), 1);
  EXPECT_EQ(bytes("1500m"), 2);
  EXPECT_EQ(bytes("1n"), 1);
  EXPECT_EQ(bytes("0.1"), 1);
  EXPECT_EQ(bytes("0m"), 0);
}

TEST(Quantity, RejectsMalformedAndOverflowingText) {
  for (const char* text : {"", "Gi", "1GB", "1gi", "1.2.3", "abc", "1 Gi", " 1", "1e", "--1",
                           "1e1000", "8Ei", "99999999999999999999", "1E19"}) {
    std::string error;
    EXPECT_FALSE(Quantity::parse(text, &error).has_value()) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  EXPECT_TRUE(Quantity::parse("7Ei").has_value());
}

TEST(Quantity, FormatsCanonically) {
  EXPECT_EQ(canonical("1Gi"), "1Gi");
  EXPECT_EQ(canonical("1024Mi"), "1Gi");
  EXPECT_EQ(canonical("1.5Gi"), "1536Mi");
  EXPECT_EQ(canonical("500Mi"), "500Mi");
  EXPECT_EQ(canonical("10G"), "10G");
  EXPECT_EQ(canonical("1000"), "1k");
  EXPECT_EQ(canonical("1500"), "1500");
  EXPECT_EQ(canonical("1e3"), "1e3");
  EXPECT_EQ(canonical("0.5Ki"), "512") << "binary values below 1Ki print as plain numbers";
  EXPECT_EQ(canonical("0"), "0");
  EXPECT_EQ(canonical("-2Gi"), "-2Gi");
  EXPECT_EQ(Quantity().to_string(), "0");
  EXPECT_EQ(Quantity(3LL << 30).to_string(), "3Gi");
  EXPECT_EQ(Quantity(5'000'000, Quantity::Format::DecimalSI).to_string(), "5M");
}

TEST(Quantity, FormattedTextParsesBackToTheSameAmount) {
  for (const char* text : {"1Gi", "1.5Gi", "10G", "1000", "1e3", "123456789", "7Ei", "100m"}) {
    const auto quantity = Quantity::parse(text);
    ASSERT_TRUE(quantity) << text;
    const auto again = Quantity::parse(quantity->to_string());
    ASSERT_TRUE(again) << quantity->to_string();
    EXPECT_EQ(*again, *quantity) << text;
  }
}

TEST(Quantity, ComparesByAmountAcrossFormats) {
  // SS-15 binding: a volume fits a claim when its capacity is at least the request.
  EXPECT_GT(*Quantity::parse("1Gi"), *Quantity::parse("1G"));
  EXPECT_LT(*Quantity::parse("500Mi"), *Quantity::parse("1Gi"));
  EXPECT_EQ(*Quantity::parse("1Gi"), *Quantity::parse("1024Mi"));
  EXPECT_EQ(*Quantity::parse("1k"), *Quantity::parse("1000"));
  EXPECT_GE(*Quantity::parse("10Gi"), *Quantity::parse("10G"));
  EXPECT_NE(*Quantity::parse("1Ki"), *Quantity::parse("1k"));
}

}  // namespace
}  // namespace ordinal::identity
