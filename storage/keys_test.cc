#include "storage/keys.h"

#include "gtest/gtest.h"

namespace mediation {
namespace {

TEST(KeysTest, BigEndianSortsNumerically) {
  EXPECT_LT(BigEndian64(255), BigEndian64(256));
  EXPECT_LT(BigEndian64(1), BigEndian64(uint64_t{1} << 40));
  EXPECT_EQ(DecodeBigEndian64(BigEndian64(123456789)), 123456789u);
  EXPECT_EQ(DecodeBigEndian64("short"), std::nullopt);
}

TEST(KeysTest, PrefixEnd) {
  EXPECT_EQ(PrefixEnd("x/c/"), "x/c0");
  EXPECT_EQ(PrefixEnd(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixEnd(std::string("\xff\xff", 2)), "");
}

}  // namespace
}  // namespace mediation
