// What a saisine counts for in the statistics of the annual report (DOMAIN.md
// "What the reports measure"), as a pure function of its state. The counters
// are kept by month of receipt (the report's cohorts); an event moves them by
// ContributionsDe(after) - ContributionsDe(before), which stays right whatever
// the event (a rectification may move a saisine to another month).
#ifndef MEDIATION_DOMAIN_STATISTIQUES_H_
#define MEDIATION_DOMAIN_STATISTIQUES_H_

#include <compare>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "domain/caisse.h"
#include "domain/echeances.h"
#include "domain/saisine.h"

namespace mediation {

// Dimensions. Enum values are counted by their number ("1", "2", …).
namespace dimension {
inline constexpr char kSaisines[] = "saisines";
inline constexpr char kPublic[] = "public";
inline constexpr char kOrigine[] = "origine";
inline constexpr char kCanal[] = "canal";
inline constexpr char kProcessus[] = "processus";
// "<processus number>:<sous-processus as typed>".
inline constexpr char kSousProcessus[] = "sous_processus";
inline constexpr char kCommune[] = "commune";
inline constexpr char kReiterations[] = "reiterations";
inline constexpr char kCompetence[] = "competence";
inline constexpr char kAcquittees[] = "acquittees";
inline constexpr char kAcquitteesDans7Jours[] = "acquittees_7j";
inline constexpr char kTerminees[] = "terminees";
inline constexpr char kTermineesDansObjectif[] = "terminees_objectif";
// The closure outcome's number, or irrecevable / orientee /
// recours_contentieux for the other ends.
inline constexpr char kIssue[] = "issue";
// Sum of processing days, and their histogram ("0".."365", "366+").
inline constexpr char kDureeTotale[] = "duree_totale";
inline constexpr char kDuree[] = "duree";
}  // namespace dimension

struct Contribution {
  absl::CivilMonth mois;
  // One of the dimension:: constants (static storage).
  absl::string_view dimension;
  std::string valeur;
  // By month, dimension, then value; one comparison of the members (a
  // pair of contributions and amounts, sorted, compares each once).
  friend std::weak_ordering operator<=>(const Contribution&,
                                        const Contribution&) = default;
  friend bool operator==(const Contribution&, const Contribution&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const Contribution& c) {
    return H::combine(std::move(h), c.mois.year(), c.mois.month(), c.dimension,
                      c.valeur);
  }
};

// Amounts by contribution, in Contribution order, each contribution once.
using Contributions = std::vector<std::pair<Contribution, int64_t>>;

// What `state` counts for, and how much. Empty before the saisine exists.
Contributions ContributionsDe(const SaisineState& state, Calendrier calendrier);
// The same from the state's deadlines, CalculerEcheances(state, calendrier),
// when the caller has them already.
Contributions ContributionsDe(const SaisineState& state,
                              const Echeances& echeances);

// The counters an event moves: after - before, non-zero only, in
// Contribution order.
Contributions Deltas(const SaisineState& before, const SaisineState& after,
                     Calendrier calendrier);
// The same from what each state counts for: `is` - `was`, non-zero only.
Contributions Difference(const Contributions& is, const Contributions& was);
// Calls visit(contribution, delta) for each contribution of Difference(is,
// was), in Contribution order, without building the list.
template <typename Visit>
void ForEachDifference(const Contributions& is, const Contributions& was,
                       Visit&& visit) {
  // A merge of the two sorted lists.
  auto a = is.begin();
  auto b = was.begin();
  while (a != is.end() || b != was.end()) {
    const std::weak_ordering order = a == is.end() ? std::weak_ordering::greater
                                     : b == was.end() ? std::weak_ordering::less
                                                      : a->first <=> b->first;
    if (order < 0) {
      if (a->second != 0) visit(a->first, a->second);
      ++a;
    } else if (order > 0) {
      if (b->second != 0) visit(b->first, -b->second);
      ++b;
    } else {
      if (a->second != b->second) visit(a->first, a->second - b->second);
      ++a;
      ++b;
    }
  }
}

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_STATISTIQUES_H_
