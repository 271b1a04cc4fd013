#include "base/concurrency_limit.h"

#include <utility>

#include "gtest/gtest.h"

namespace mediation {
namespace {

TEST(ConcurrencyLimitTest, RefusesBeyondMaxAndReleasesOnce) {
  ConcurrencyLimit limit(1);
  {
    std::optional<ConcurrencyLimit::Slot> first = limit.TryAcquire();
    ASSERT_TRUE(first.has_value());
    EXPECT_FALSE(limit.TryAcquire().has_value());
    std::optional<ConcurrencyLimit::Slot> moved = std::move(first);
    first.reset();  // The moved-from slot releases nothing.
    EXPECT_FALSE(limit.TryAcquire().has_value());
  }
  EXPECT_TRUE(limit.TryAcquire().has_value());
}

}  // namespace
}  // namespace mediation
