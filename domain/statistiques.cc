#include "domain/statistiques.h"

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

std::map<Contribution, int64_t> Contributions(const SaisineState& state,
                                              Calendrier calendrier) {
  std::map<Contribution, int64_t> counts;
  if (!state.exists()) return counts;
  const SaisineRecue& r = state.recue;
  const absl::CivilMonth mois(r.date_reception);
  auto count = [&](const char* dimension, std::string valeur,
                   int64_t amount = 1) {
    counts[Contribution{mois, dimension, std::move(valeur)}] += amount;
  };
  count(dimension::kSaisines, "");
  count(dimension::kPublic, Number(r.requerant.type));
  count(dimension::kOrigine, Number(r.origine));
  count(dimension::kCanal, Number(r.canal));
  count(dimension::kProcessus, Number(r.objet.processus));
  if (!r.objet.sous_processus.empty()) {
    count(dimension::kSousProcessus,
          absl::StrCat(Number(r.objet.processus), ":", r.objet.sous_processus));
  }
  if (!r.requerant.commune.empty()) {
    count(dimension::kCommune, r.requerant.commune);
  }
  if (!r.saisine_precedente.empty()) count(dimension::kReiterations, "");
  if (state.recevabilite) {
    count(dimension::kCompetence, Number(state.recevabilite->fondement));
  }
  const Echeances e = CalculerEcheances(state, calendrier);
  if (e.accuse_reception_le) {
    count(dimension::kAcquittees, "");
    if (*e.accuse_reception_le <= e.accuse_reception_du) {
      count(dimension::kAcquitteesDans7Jours, "");
    }
  }
  if (e.terminee_le) {
    count(dimension::kTerminees, "");
    count(dimension::kIssue, Issue(state));
    const int jours = *e.duree_traitement_jours;
    count(dimension::kDureeTotale, "", jours);
    count(dimension::kDuree, jours > 365 ? "366+" : absl::StrCat(jours));
    if (*e.terminee_le <= e.objectif_cloture) {
      count(dimension::kTermineesDansObjectif, "");
    }
  }
  return counts;
}

std::vector<std::pair<Contribution, int64_t>> Deltas(const SaisineState& before,
                                                     const SaisineState& after,
                                                     Calendrier calendrier) {
  std::map<Contribution, int64_t> delta = Contributions(after, calendrier);
  for (const auto& [contribution, amount] : Contributions(before, calendrier)) {
    delta[contribution] -= amount;
  }
  std::vector<std::pair<Contribution, int64_t>> moved;
  for (auto& [contribution, amount] : delta) {
    if (amount != 0) moved.emplace_back(contribution, amount);
  }
  return moved;
}

}  // namespace mediation
