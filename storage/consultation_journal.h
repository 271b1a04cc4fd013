// ConsultationJournal: who read which saisine's personal data, and when.
// Kept for auditors; entries are never edited or removed.
#ifndef MEDIATION_STORAGE_CONSULTATION_JOURNAL_H_
#define MEDIATION_STORAGE_CONSULTATION_JOURNAL_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace mediation {

struct Consultation {
  uint64_t sequence = 0;  // Set by Record: 1, 2, 3…
  absl::Time at;
  std::string acteur;
  std::string rpc;
  std::vector<std::string> saisine_ids;
  // For a lookup by requester (found or not): the caisse searched and the
  // NIR's index digest (NirIndexKey::Digest), never the NIR.
  std::string caisse_recherche;
  std::string requerant;
};

// Thread safe.
class ConsultationJournal {
 public:
  virtual ~ConsultationJournal() = default;

  using RecordCallback = std::function<void(absl::StatusOr<uint64_t>)>;

  // Stores `consultation` as durably as the store's appends, without
  // blocking: `done` gets its sequence once it is stored, or UNAVAILABLE when
  // it cannot be written (the caller must then not hand out the data), or
  // INVALID_ARGUMENT for a malformed saisine id. `done` may run on another
  // thread, or on this one for a refusal. Consultations recorded together
  // share one write and one sync.
  virtual void RecordAsync(Consultation consultation, RecordCallback done) = 0;

  // RecordAsync, waiting for the answer.
  absl::StatusOr<uint64_t> Record(Consultation consultation) {
    absl::Notification recorded;
    absl::StatusOr<uint64_t> result;
    RecordAsync(std::move(consultation), [&](absl::StatusOr<uint64_t> r) {
      result = std::move(r);
      recorded.Notify();
    });
    recorded.WaitForNotification();
    return result;
  }

  // The consultations of one saisine, oldest first, from sequence `from`, at
  // most `max_count`.
  virtual absl::StatusOr<std::vector<Consultation>> ConsultationsOf(
      const std::string& saisine_id, uint64_t from, size_t max_count) const = 0;

  // The lookups of the requester whose NIR digest is `requerant` in caisse
  // `caisse`, oldest first, from sequence `from`, at most `max_count`.
  virtual absl::StatusOr<std::vector<Consultation>> RecherchesDuRequerant(
      const std::string& caisse, const std::string& requerant, uint64_t from,
      size_t max_count) const = 0;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_CONSULTATION_JOURNAL_H_
