// StreamLimiter: bounds the long-lived server streams (journal
// subscriptions, the CRA's follow-up), per principal and in total, so that
// one caller, or many, cannot hold every thread and connection of the
// server.
//
//   absl::StatusOr<StreamLimiter::Slot> slot = limiter.Acquire(acteur);
//   if (!slot.ok()) return slot.status();  // RESOURCE_EXHAUSTED
//   … stream while `slot` lives …
//
// Thread safe.
#ifndef MEDIATION_BASE_STREAM_LIMITER_H_
#define MEDIATION_BASE_STREAM_LIMITER_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace mediation {

class StreamLimiter {
 public:
  // REQUIRES: 0 < per_principal <= total.
  StreamLimiter(int per_principal, int total)
      : per_principal_(per_principal), total_(total) {}

  // Held while alive; movable, releases once.
  class Slot {
   public:
    Slot(StreamLimiter* limiter, std::string principal)
        : limiter_(limiter), principal_(std::move(principal)) {}
    Slot(Slot&& other) noexcept
        : limiter_(other.limiter_), principal_(std::move(other.principal_)) {
      other.limiter_ = nullptr;
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (limiter_ != nullptr) limiter_->Release(principal_);
    }

   private:
    StreamLimiter* limiter_;
    std::string principal_;
  };

  // A slot for one more stream of `principal`; RESOURCE_EXHAUSTED when it
  // already holds `per_principal` streams or the server holds `total`.
  absl::StatusOr<Slot> Acquire(const std::string& principal);

  int open() const {
    absl::MutexLock lock(&mu_);
    return open_;
  }

 private:
  void Release(const std::string& principal);

  const int per_principal_;
  const int total_;
  mutable absl::Mutex mu_;
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, int> by_principal_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mediation

#endif  // MEDIATION_BASE_STREAM_LIMITER_H_
