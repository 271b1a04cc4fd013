#include "base/stream_limiter.h"

#include <optional>
#include <vector>

#include "base/status_matchers.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;

TEST(StreamLimiterTest, BoundsEachPrincipalAndTheTotal) {
  StreamLimiter limiter(/*per_principal=*/2, /*total=*/3);
  std::vector<StreamLimiter::Slot> held;
  for (int i = 0; i < 2; ++i) {
    ASSERT_OK_AND_ASSIGN(StreamLimiter::Slot slot, limiter.Acquire("a"));
    held.push_back(std::move(slot));
  }
  EXPECT_THAT(limiter.Acquire("a"),
              StatusIs(absl::StatusCode::kResourceExhausted));
  ASSERT_OK_AND_ASSIGN(StreamLimiter::Slot b, limiter.Acquire("b"));
  EXPECT_EQ(limiter.open(), 3);
  EXPECT_THAT(limiter.Acquire("c"),
              StatusIs(absl::StatusCode::kResourceExhausted));
  held.pop_back();  // One of a's streams ends.
  EXPECT_EQ(limiter.open(), 2);
  EXPECT_OK(limiter.Acquire("c").status());  // Released at once again.
  EXPECT_OK(limiter.Acquire("a").status());
}

}  // namespace
}  // namespace mediation
