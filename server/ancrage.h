// AncragePeriodique: signs an anchor of the log's head every `period` while
// the log grows, and once more when it stops (a clean shutdown leaves the
// last head signed), so that a rewrite of the log is caught by the
// verifier up to at most one period of events.
//
// Thread safety: owns one thread, stopped and joined by the destructor.
#ifndef MEDIATION_SERVER_ANCRAGE_H_
#define MEDIATION_SERVER_ANCRAGE_H_

#include <cstdint>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/event_store.h"
#include "storage/integrity.h"

namespace mediation {

class AncragePeriodique {
 public:
  // Neither is owned; both must outlive this. REQUIRES: period > 0.
  AncragePeriodique(const IntegrityVerifier& integrity, const EventStore& log,
                    absl::Duration period);
  // Stops the thread, then anchors the head if it moved since the last
  // anchor.
  ~AncragePeriodique();
  AncragePeriodique(const AncragePeriodique&) = delete;
  AncragePeriodique& operator=(const AncragePeriodique&) = delete;

 private:
  void Loop();
  // Anchors the head if the log grew since the last anchor made here.
  void AncrerSiNouveau(absl::string_view motif);

  const IntegrityVerifier& integrity_;
  const EventStore& log_;
  const absl::Duration period_;
  uint64_t derniere_position_ = 0;  // Only the thread, then the destructor.
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace mediation

#endif  // MEDIATION_SERVER_ANCRAGE_H_
