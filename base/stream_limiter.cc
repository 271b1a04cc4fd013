#include "base/stream_limiter.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace mediation {

absl::StatusOr<StreamLimiter::Slot> StreamLimiter::Acquire(
    const std::string& principal) {
  absl::MutexLock lock(&mu_);
  if (open_ >= total_) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the server already serves ", total_, " streams: retry later"));
  }
  int& mine = by_principal_[principal];
  if (mine >= per_principal_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("this principal already has ", per_principal_,
                     " open streams: close one first"));
  }
  ++mine;
  ++open_;
  return Slot(this, principal);
}

void StreamLimiter::Release(const std::string& principal) {
  absl::MutexLock lock(&mu_);
  --open_;
  auto it = by_principal_.find(principal);
  if (--it->second == 0) by_principal_.erase(it);
}

}  // namespace mediation
