#include "base/thread_name.h"

#include <string>
#include <thread>

#include "gtest/gtest.h"

namespace mediation {
namespace {

std::string NameSeenInside(absl::string_view name) {
  std::string seen;
  std::thread thread([&] {
    NameThisThread(name);
    seen = ThisThreadName();
  });
  thread.join();
  return seen;
}

TEST(ThreadNameTest, TheThreadCarriesItsName) {
  EXPECT_EQ(NameSeenInside("mdn-stager"), "mdn-stager");
}

TEST(ThreadNameTest, ALongNameIsCutWhereTheKernelStops) {
  EXPECT_EQ(NameSeenInside("mdn-a-very-long-thread-name"), "mdn-a-very-long");
}

TEST(ThreadNameTest, NamingOneThreadLeavesTheOthers) {
  const std::string before = ThisThreadName();
  ASSERT_EQ(NameSeenInside("mdn-other"), "mdn-other");
  EXPECT_EQ(ThisThreadName(), before);
}

}  // namespace
}  // namespace mediation
