// ConsultationJournal: who read which saisine's personal data, and when.
// Kept for auditors; entries are never edited or removed.
#ifndef MEDIATION_STORAGE_CONSULTATION_JOURNAL_H_
#define MEDIATION_STORAGE_CONSULTATION_JOURNAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace mediation {

struct Consultation {
  uint64_t sequence = 0;  // Set by Record: 1, 2, 3…
  absl::Time at;
  std::string acteur;
  std::string rpc;
  std::vector<std::string> saisine_ids;
};

// Thread safe.
class ConsultationJournal {
 public:
  virtual ~ConsultationJournal() = default;

  // Stores `consultation` as durably as the store's appends; returns its
  // sequence. UNAVAILABLE when it cannot be written: the caller must then not
  // hand out the data.
  virtual absl::StatusOr<uint64_t> Record(Consultation consultation) = 0;

  // The consultations of one saisine, oldest first, from sequence `from`, at
  // most `max_count`.
  virtual absl::StatusOr<std::vector<Consultation>> ConsultationsOf(
      const std::string& saisine_id, uint64_t from, size_t max_count) const = 0;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_CONSULTATION_JOURNAL_H_
