#include "base/ids.h"

#include <set>

#include "gtest/gtest.h"

namespace mediation {
namespace {

TEST(IdsTest, UuidsAreVersion4UniqueAndValidIdentifiers) {
  UuidGenerator ids;
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = ids.NewId();
    ASSERT_EQ(id.size(), 36u) << id;
    EXPECT_EQ(id[14], '4') << id;
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
    EXPECT_TRUE(CheckIdentifier(id, "id").ok()) << id;
    EXPECT_TRUE(seen.insert(id).second) << id;
  }
}

}  // namespace
}  // namespace mediation
