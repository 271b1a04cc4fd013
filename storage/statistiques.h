// National statistics: counters kept by the saisine projection in the same
// write as the events (domain/statistiques.h says what counts), one counter
// table (storage/counter_merge.h) per scope and month of receipt:
//   "s/<perimetre>/<yyyy-mm>" -> {"<dimension>/<valeur>" -> count}
// with perimetre "c:<caisse>", "r:<region>" or "n" (the nation). An event
// merges one operand into each table it moves (its caisse's, its region's,
// the nation's), whatever the number of figures; a query reads one key per
// month of its period: its cost does not grow with the number of saisines.
#ifndef MEDIATION_STORAGE_STATISTIQUES_H_
#define MEDIATION_STORAGE_STATISTIQUES_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "domain/caisse.h"
#include "domain/statistiques.h"
#include "storage/projection.h"

namespace mediation {

std::string PerimetreCaisse(absl::string_view code);
std::string PerimetreRegion(absl::string_view region);
std::string PerimetreNational();

// The counter tables a saisine of `caisse` counts in for month `mois`: its
// caisse's, the nation's, and its region's when the referential knows the
// caisse.
std::vector<std::string> TablesStatistiques(const CaisseReferentiel& caisses,
                                            const std::string& caisse,
                                            absl::CivilMonth mois);
// The name of a contribution's counter in those tables:
// "<dimension>/<valeur>".
std::string CompteurStatistique(const Contribution& contribution);

struct TableauStatistiques {
  // dimension -> valeur -> count, over the whole period.
  std::map<std::string, std::map<std::string, int64_t>> par_dimension;
  // month -> dimension -> valeur -> count.
  std::map<absl::CivilMonth,
           std::map<std::string, std::map<std::string, int64_t>>>
      par_mois;
};

// Months from `depuis` to `jusqu_au` inclusive, at most 120.
// INVALID_ARGUMENT otherwise; DATA_LOSS for a counter that does not decode.
absl::StatusOr<TableauStatistiques> LireStatistiques(
    const ProjectionReader& reader, const std::string& perimetre,
    absl::CivilMonth depuis, absl::CivilMonth jusqu_au);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_STATISTIQUES_H_
