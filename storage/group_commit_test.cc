#include "storage/group_commit.h"

#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using Committer = GroupCommitter<int, int>;

TEST(GroupCommitterTest, EachItemGetsItsOwnResultAndQueuedItemsShareAGroup) {
  absl::Notification release;
  std::vector<size_t> group_sizes;
  Committer committer({.max_pending = 100, .max_group = 100},
                      [&](std::vector<int>& group) {
                        release.WaitForNotification();
                        group_sizes.push_back(group.size());
                        std::vector<absl::StatusOr<int>> results;
                        for (int item : group) results.push_back(item * 10);
                        return results;
                      });
  std::vector<absl::StatusOr<int>> answers(5, absl::UnknownError("none"));
  absl::Notification last;
  for (int i = 0; i < 5; ++i) {
    committer.Submit(i, [&, i](absl::StatusOr<int> result) {
      answers[i] = result;
      if (i == 4) last.Notify();
    });
  }
  release.Notify();
  last.WaitForNotification();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(answers[i].value(), i * 10);
  // The first item may have been taken alone; the others waited together.
  EXPECT_LE(group_sizes.size(), 2u);
}

TEST(GroupCommitterTest, BeyondTheBoundSubmitIsResourceExhausted) {
  absl::Notification release;
  Committer committer(
      {.max_pending = 2, .max_group = 1}, [&](std::vector<int>& group) {
        release.WaitForNotification();
        return std::vector<absl::StatusOr<int>>(group.size(), 0);
      });
  // At most one taken by the blocked writer and two queued: of five, at
  // least two are refused at once (a refusal is answered inside Submit).
  int refused = 0;
  for (int i = 0; i < 5; ++i) {
    committer.Submit(i, [&refused](absl::StatusOr<int> r) {
      if (absl::IsResourceExhausted(r.status())) ++refused;
    });
  }
  EXPECT_GE(refused, 2);
  release.Notify();
}

}  // namespace
}  // namespace mediation
