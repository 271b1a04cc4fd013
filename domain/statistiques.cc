#include "domain/statistiques.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "domain/echeances.h"

namespace mediation {
namespace {

std::string Number(auto value) { return absl::StrCat(static_cast<int>(value)); }

std::string Issue(const SaisineState& state) {
  switch (*state.statut) {
    case Statut::kCloturee:
      return Number(state.cloture->issue);
    case Statut::kIrrecevable:
      return "irrecevable";
    case Statut::kOrientee:
      return "orientee";
    default:
      return "recours_contentieux";
  }
}

}  // namespace

Contributions ContributionsDe(const SaisineState& state,
                              Calendrier calendrier) {
  if (!state.exists()) return {};
  return ContributionsDe(state, CalculerEcheances(state, calendrier));
}

Contributions ContributionsDe(const SaisineState& state, const Echeances& e) {
  Contributions counts;
  if (!state.exists()) return counts;
  counts.reserve(16);
  const SaisineRecue& r = state.recue;
  const absl::CivilMonth mois(r.date_reception);
  // Each dimension is counted once at most, in the order of their names:
  // the entries come unique and, but for a slip, sorted (the sort below
  // then costs a pass).
  auto count = [&](absl::string_view dimension, std::string valeur,
                   int64_t amount = 1) {
    counts.push_back(
        {Contribution{mois, dimension, std::move(valeur)}, amount});
  };
  if (e.accuse_reception_le) {
    count(dimension::kAcquittees, "");
    if (*e.accuse_reception_le <= e.accuse_reception_du) {
      count(dimension::kAcquitteesDans7Jours, "");
    }
  }
  count(dimension::kCanal, Number(r.canal));
  if (!r.requerant.commune.empty()) {
    count(dimension::kCommune, r.requerant.commune);
  }
  if (state.recevabilite) {
    count(dimension::kCompetence, Number(state.recevabilite->fondement));
  }
  if (e.terminee_le) {
    const int jours = *e.duree_traitement_jours;
    count(dimension::kDuree, jours > 365 ? "366+" : absl::StrCat(jours));
    count(dimension::kDureeTotale, "", jours);
    count(dimension::kIssue, Issue(state));
  }
  count(dimension::kOrigine, Number(r.origine));
  count(dimension::kProcessus, Number(r.objet.processus));
  count(dimension::kPublic, Number(r.requerant.type));
  if (!r.saisine_precedente.empty()) count(dimension::kReiterations, "");
  count(dimension::kSaisines, "");
  if (!r.objet.sous_processus.empty()) {
    count(dimension::kSousProcessus,
          absl::StrCat(Number(r.objet.processus), ":", r.objet.sous_processus));
  }
  if (e.terminee_le) {
    count(dimension::kTerminees, "");
    if (*e.terminee_le <= e.objectif_cloture) {
      count(dimension::kTermineesDansObjectif, "");
    }
  }
  std::sort(counts.begin(), counts.end());
  return counts;
}

Contributions Deltas(const SaisineState& before, const SaisineState& after,
                     Calendrier calendrier) {
  return Difference(ContributionsDe(after, calendrier),
                    ContributionsDe(before, calendrier));
}

Contributions Difference(const Contributions& is, const Contributions& was) {
  Contributions moved;
  ForEachDifference(is, was,
                    [&](const Contribution& contribution, int64_t delta) {
                      moved.emplace_back(contribution, delta);
                    });
  return moved;
}

}  // namespace mediation
