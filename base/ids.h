// Identifiers the service generates (saisine ids, event ids), behind an
// interface so that tests get predictable ones.
#ifndef MEDIATION_BASE_IDS_H_
#define MEDIATION_BASE_IDS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace mediation {

// Saisine ids, event ids and request ids: 1 to 128 characters among
// A-Z a-z 0-9 - _ . : (so they can be parts of keys). OK, or INVALID_ARGUMENT
// "<field>: …"; an empty id is "<field>: required".
absl::Status CheckIdentifier(const std::string& id, absl::string_view field);

// Thread safe.
class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  // A new identifier, unique across processes and restarts.
  virtual std::string NewId() = 0;
};

// Time-ordered UUIDs (version 7, RFC 9562): the creation time in
// milliseconds, a counter within the millisecond (started at random), then
// 62 random bits from the operating system's entropy. Each id is greater
// than the one before it in this process, even when the clock goes back:
// the saisines' keys in the store then arrive mostly in order, so that
// their files overlap little and compactions stay small (issue 13), and
// an id tells when it was made.
class UuidGenerator final : public IdGenerator {
 public:
  // `now` gives the time (tests set it).
  explicit UuidGenerator(std::function<absl::Time()> now = absl::Now)
      : now_(std::move(now)) {}
  std::string NewId() override;

 private:
  const std::function<absl::Time()> now_;
  absl::Mutex mu_;
  absl::BitGen bits_ ABSL_GUARDED_BY(mu_);
  int64_t last_ms_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t counter_ ABSL_GUARDED_BY(mu_) = 0;
};

// "<prefix>1", "<prefix>2", … (tests).
class SequentialIdGenerator final : public IdGenerator {
 public:
  explicit SequentialIdGenerator(std::string prefix)
      : prefix_(std::move(prefix)) {}
  std::string NewId() override { return absl::StrCat(prefix_, ++next_); }

 private:
  const std::string prefix_;
  std::atomic<uint64_t> next_{0};
};

}  // namespace mediation

#endif  // MEDIATION_BASE_IDS_H_
