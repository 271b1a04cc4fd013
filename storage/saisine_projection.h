// The current state of every saisine, and the indexes that list them by
// caisse, status and date of receipt.
//
// Keys (projection column family):
//   "s/<saisine_id>"                           -> v1::SaisineProjection
//   "x/cs/<caisse>/<statut>/<yyyymmdd>/<id>"  -> ""  (caisse and status)
//   "x/c/<caisse>/<yyyymmdd>/<id>"            -> ""  (caisse)
//   "x/s/<statut>/<yyyymmdd>/<id>"            -> ""  (status)
//   "x/d/<yyyymmdd>/<id>"                     -> ""  (every saisine)
// Each list query reads one index range, so its cost grows with the page,
// not with the number of saisines.
#ifndef MEDIATION_STORAGE_SAISINE_PROJECTION_H_
#define MEDIATION_STORAGE_SAISINE_PROJECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/saisine.h"
#include "storage/projection.h"

namespace mediation {

class SaisineProjection final : public Projection {
 public:
  std::string Id() const override { return "saisine/1"; }
  absl::Status Apply(const RecordedEvent& event,
                     ProjectionWriter& writer) override;
};

struct SaisineRecord {
  std::string saisine_id;
  SaisineState state;
  absl::Time enregistree_le;  // recorded_at of the first event.
  absl::Time modifiee_le;     // recorded_at of the last event.
};

// NOT_FOUND when no saisine has that id; DATA_LOSS when its projection does
// not decode.
absl::StatusOr<SaisineRecord> GetSaisine(const ProjectionReader& reader,
                                         const std::string& saisine_id);

struct SaisineFilter {
  std::string caisse;                            // Empty: every caisse.
  std::optional<Statut> statut;                  // nullopt: every status.
  std::optional<absl::CivilDay> recue_depuis;    // Inclusive.
  std::optional<absl::CivilDay> recue_jusqu_au;  // Inclusive.
};

struct SaisinePage {
  std::vector<SaisineRecord> saisines;
  std::string next_page_token;  // Empty on the last page.
};

// Saisines matching `filter`, most recent receipt first (then by id,
// descending), `page_size` at most. `page_token` is empty or a
// next_page_token returned for the same filter; INVALID_ARGUMENT
// "page_token: …" otherwise. REQUIRES: page_size > 0.
absl::StatusOr<SaisinePage> ListSaisines(const ProjectionReader& reader,
                                         const SaisineFilter& filter,
                                         size_t page_size,
                                         const std::string& page_token);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_SAISINE_PROJECTION_H_
