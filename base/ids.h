// Identifiers the service generates (saisine ids, event ids), behind an
// interface so that tests get predictable ones.
#ifndef MEDIATION_BASE_IDS_H_
#define MEDIATION_BASE_IDS_H_

#include <atomic>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

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

// Random UUIDs (version 4), seeded from the operating system's entropy.
class UuidGenerator final : public IdGenerator {
 public:
  std::string NewId() override;

 private:
  absl::Mutex mu_;
  absl::BitGen bits_ ABSL_GUARDED_BY(mu_);
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
