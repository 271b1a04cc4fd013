#include "base/ids.h"

#include <set>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

TEST(IdsTest, UuidsAreVersion7IncreasingUniqueAndValidIdentifiers) {
  UuidGenerator ids;
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = ids.NewId();
    ASSERT_EQ(id.size(), 36u) << id;
    for (size_t at = 0; at < id.size(); ++at) {
      if (at == 8 || at == 13 || at == 18 || at == 23) {
        EXPECT_EQ(id[at], '-') << id;
      } else {
        EXPECT_NE(std::string("0123456789abcdef").find(id[at]),
                  std::string::npos)
            << id;
      }
    }
    EXPECT_EQ(id[14], '7') << id;
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
    EXPECT_TRUE(CheckIdentifier(id, "id").ok()) << id;
    EXPECT_TRUE(seen.insert(id).second) << id;
    EXPECT_GT(id, previous);
    previous = id;
  }
}

// The first 48 bits are the time in milliseconds; ids keep increasing when
// the clock stands still past the counter's range, or goes back.
TEST(IdsTest, UuidsCarryTheirTimeAndIncreaseWhateverTheClock) {
  absl::Time now = absl::FromUnixMillis(0x0193A1B2C3D4);
  UuidGenerator ids([&] { return now; });
  const std::string first = ids.NewId();
  EXPECT_EQ(first.substr(0, 13), "0193a1b2-c3d4") << first;
  std::string previous = first;
  for (int i = 0; i < 5000; ++i) {  // More than 4,096 in one millisecond.
    const std::string id = ids.NewId();
    EXPECT_GT(id, previous);
    previous = id;
  }
  EXPECT_EQ(previous.substr(0, 13), "0193a1b2-c3d5") << previous;
  now -= absl::Seconds(10);
  const std::string after_going_back = ids.NewId();
  EXPECT_GT(after_going_back, previous);
  now += absl::Hours(1);
  const std::string later = ids.NewId();
  EXPECT_EQ(later.substr(0, 13),
            absl::StrFormat("%08x-%04x", absl::ToUnixMillis(now) >> 16,
                            absl::ToUnixMillis(now) & 0xFFFF));
}

}  // namespace
}  // namespace mediation
