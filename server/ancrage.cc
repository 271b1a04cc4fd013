#include "server/ancrage.h"

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/thread_name.h"
#include "services/administration_service.h"

namespace mediation {

AncragePeriodique::AncragePeriodique(const IntegrityVerifier& integrity,
                                     const EventStore& log,
                                     absl::Duration period)
    : integrity_(integrity), log_(log), period_(period) {
  thread_ = std::thread([this] { Loop(); });
  NameThread(thread_, "mdn-ancrage");
}

AncragePeriodique::~AncragePeriodique() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
  AncrerSiNouveau("arrêt");
}

void AncragePeriodique::Loop() {
  absl::MutexLock lock(&mu_);
  while (!mu_.AwaitWithTimeout(absl::Condition(&stopping_), period_)) {
    mu_.Unlock();
    AncrerSiNouveau("périodique");
    mu_.Lock();
  }
}

void AncragePeriodique::AncrerSiNouveau(absl::string_view motif) {
  const uint64_t head = log_.LastPosition();
  if (head == 0 || head == derniere_position_) return;
  absl::StatusOr<LogAnchor> anchor = AncrerEtJournaliser(integrity_, motif);
  if (!anchor.ok()) {
    LogError(absl::StrCat("anchoring the log head failed: ",
                          anchor.status().ToString()));
    return;
  }
  derniere_position_ = anchor->position;
}

}  // namespace mediation
