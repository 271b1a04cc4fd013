#include "base/thread_name.h"

#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

// Two threads that live until the fixture ends.
class ThreadNameTest : public ::testing::Test {
 protected:
  ~ThreadNameTest() override {
    release_.Notify();
    for (std::thread* thread : {&first_, &second_}) {
      if (thread->joinable()) thread->join();
    }
  }
  std::thread Waiting() {
    return std::thread([this] { release_.WaitForNotification(); });
  }

  absl::Notification release_;
  std::thread first_ = Waiting();
  std::thread second_ = Waiting();
};

TEST_F(ThreadNameTest, TheThreadCarriesItsNameOnceNamed) {
  NameThread(first_, "mdn-stager");
  EXPECT_EQ(ThreadName(first_), "mdn-stager");
}

TEST_F(ThreadNameTest, ALongNameIsCutWhereTheKernelStops) {
  NameThread(first_, "mdn-a-very-long-thread-name");
  EXPECT_EQ(ThreadName(first_), "mdn-a-very-long");
}

TEST_F(ThreadNameTest, NamingOneThreadLeavesTheOthers) {
  const std::string before = ThreadName(second_);
  NameThread(first_, "mdn-other");
  EXPECT_EQ(ThreadName(first_), "mdn-other");
  EXPECT_EQ(ThreadName(second_), before);
}

}  // namespace
}  // namespace mediation
