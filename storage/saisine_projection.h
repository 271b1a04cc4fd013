// The current state of every saisine, and the indexes that list them by
// caisse, status and date of receipt, and by urgency.
//
// Keys (projection column family):
//   "s/<saisine_id>"                           -> v1::SaisineProjection
//   "u/<C>/<yyyymmdd>/<id>"                    -> ""  (open saisines by their
//                                                     next deadline)
//   "o/<C>/<yyyymmdd>/<id>"                    -> ""  (saisines with an
//                                                     orientation whose take-up
//                                                     is not confirmed, by the
//                                                     oldest one's date)
//   "s/…"                                      -> counter tables
//   (statistiques.h) "r/<C>/<hmac(nir) hex>/<id>"               -> ""  (a
//   requester's
//                                                     saisines; no NIR in keys,
//                                                     nir_index_key.h)
//   "x/cs/<C>/<statut>/<yyyymmdd>/<id>"        -> ""  (caisse and status)
//   "x/c/<C>/<yyyymmdd>/<id>"                  -> ""  (caisse)
//   "x/s/<statut>/<yyyymmdd>/<id>"            -> ""  (status)
//   "x/d/<yyyymmdd>/<id>"                     -> ""  (every saisine)
// where <C> is the caisse code length-prefixed ("3:591", keys.h), so that no
// value extends another caisse's prefix. Each list query reads one index range,
// so its cost grows with the page, not with the number of saisines.
#ifndef MEDIATION_STORAGE_SAISINE_PROJECTION_H_
#define MEDIATION_STORAGE_SAISINE_PROJECTION_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/caisse.h"
#include "domain/saisine.h"
#include "storage/nir_index_key.h"
#include "storage/projection.h"

namespace mediation {

// The state of a saisine is the domain's fold of its events, stored folded
// (v1::SaisineEtat): each event applies the domain's Apply to the stored
// state, so that an act costs the same whatever the length of the history;
// a rebuild from the log gives the same bytes (verified offline).
class SaisineProjection final : public Projection {
 public:
  // `caisses` gives each caisse's calendar (urgency index), `nir_key` keys
  // the requester index; neither is owned, both must outlive the projection.
  SaisineProjection(const CaisseReferentiel& caisses,
                    const NirIndexKey& nir_key)
      : caisses_(caisses), nir_key_(nir_key) {}

  // Changes with the calendars of the caisses and with the NIR index key, so
  // that a new referential or key rebuilds the indexes.
  std::string Id() const override;
  absl::Status Apply(const RecordedEvent& event,
                     ProjectionWriter& writer) override;
  // Folds each saisine once in memory and puts its final state and index
  // keys once.
  std::unique_ptr<ProjectionBuilder> NewBuilder() const override;

 private:
  const CaisseReferentiel& caisses_;
  const NirIndexKey& nir_key_;
};

// The calendar of caisse `code` (metropole for an unknown code).
Calendrier CalendrierDe(const CaisseReferentiel& caisses,
                        absl::string_view code);

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
  // Further condition on each candidate of the index range (empty: none).
  // A call examines at most kMaxExamines candidates: a page may then be
  // short while a token follows.
  std::function<bool(const SaisineRecord&)> garder;
};

inline constexpr size_t kMaxExamines = 5000;

struct SaisinePage {
  std::vector<SaisineRecord> saisines;
  // Where the next page starts (the last index key examined): a position
  // for this process, not for clients (the API seals it, see
  // services/page_token.h). Empty on the last page.
  std::string next_page_token;
};

// Saisines matching `filter`, most recent receipt first (then by id,
// descending), `page_size` at most. `page_token` is empty or a
// next_page_token returned for the same filter; INVALID_ARGUMENT
// "page_token: …" for a position outside the listing's range. Without a
// status, the listing merges those of each status (read one after the
// other: a saisine whose status changes meanwhile is listed once, or, as
// between pages, not at all).
// REQUIRES: page_size > 0.
absl::StatusOr<SaisinePage> ListSaisines(const ProjectionReader& reader,
                                         const SaisineFilter& filter,
                                         size_t page_size,
                                         const std::string& page_token);

// The saisines of caisse `caisse` whose requester has NIR `nir` (canonical
// form), oldest first, at most kMaxExamines. `key` must be the projection's.
absl::StatusOr<std::vector<SaisineRecord>> ListParRequerant(
    const ProjectionReader& reader, const NirIndexKey& key,
    const std::string& caisse, const std::string& nir);

// The open saisines of caisse `caisse`, most urgent first: by the date of
// their next deadline (Echeances::prochaine_echeance), earliest first, so
// that overdue ones come before those due soonest. The same paging contract
// as ListSaisines.
absl::StatusOr<SaisinePage> ListParUrgence(const ProjectionReader& reader,
                                           const std::string& caisse,
                                           size_t page_size,
                                           const std::string& page_token);

// The saisines of caisse `caisse` with an orientation whose take-up the
// mediator has not confirmed (OrientationsAConfirmer), by the date of the
// oldest such orientation, oldest first; ended saisines included (an
// orientation at once ends one). The same paging contract as ListSaisines.
absl::StatusOr<SaisinePage> ListOrientationsAConfirmer(
    const ProjectionReader& reader, const std::string& caisse, size_t page_size,
    const std::string& page_token);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_SAISINE_PROJECTION_H_
