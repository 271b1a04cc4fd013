#include "services/journal_follower.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "storage/event_store.h"

namespace mediation {
namespace {

// A log that only counts how often it is waited on.
class CountingLog final : public EventStore {
 public:
  void AppendAsync(AppendRequest, AppendCallback done) override {
    done(absl::UnimplementedError("not in this test"));
  }
  absl::StatusOr<std::vector<RecordedEvent>> ReadStream(const std::string&,
                                                        uint64_t,
                                                        size_t) const override {
    return std::vector<RecordedEvent>{};
  }
  absl::StatusOr<std::vector<RecordedEvent>> ReadAll(uint64_t,
                                                     size_t) const override {
    return std::vector<RecordedEvent>{};
  }
  uint64_t LastPosition() const override { return 0; }
  bool WaitForPosition(uint64_t, absl::Duration timeout) const override {
    waits_.fetch_add(1);
    absl::SleepFor(std::min(timeout, absl::Milliseconds(5)));
    return false;
  }
  absl::StatusOr<std::optional<StoredRequest>> FindRequest(
      const std::string&, const std::string&) const override {
    return std::nullopt;
  }

  int waits() const { return waits_.load(); }

 private:
  mutable std::atomic<int> waits_{0};
};

// With no stream to wake, the veilleur does not wait on the log: each wait
// is a wake-up of its thread by the write thread at every write.
TEST(VeilleurJournalTest, SleepsWhileNoStreamIsRegistered) {
  CountingLog log;
  VeilleurJournal veilleur(log);
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(log.waits(), 0);
}

TEST(VeilleurJournalTest, WaitsOnTheLogOnceAStreamIsRegistered) {
  CountingLog log;
  VeilleurJournal veilleur(log);
  // A stream already gone still wakes the veilleur once, which then forgets
  // it and sleeps again.
  std::weak_ptr<SuiviJournal> expire;
  veilleur.Inscrire(expire);
  const absl::Time limite = absl::Now() + absl::Seconds(10);
  while (log.waits() == 0 && absl::Now() < limite) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  EXPECT_GE(log.waits(), 1);
  absl::SleepFor(absl::Milliseconds(50));
  const int apres = log.waits();
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(log.waits(), apres);
}

}  // namespace
}  // namespace mediation
