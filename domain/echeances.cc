#include "domain/echeances.h"

#include <algorithm>

namespace mediation {
namespace {

int Jours(absl::CivilDay from, absl::CivilDay to) {
  return static_cast<int>(to - from);
}

// The date the mediator acknowledged the saisine, one way or another: the
// recevabilité or irrecevabilité, an orientation at once, or a closing
// letter sent before any of them (the charter's "courrier de clôture" is the
// answer the 7-day rule asks for). A judicial recourse that ends the
// mediation is the requester's act, not an acknowledgement.
std::optional<absl::CivilDay> AccuseLe(const SaisineState& state) {
  if (state.recevabilite) return state.recevabilite->date_notification;
  if (state.irrecevabilite) return state.irrecevabilite->date_notification;
  if (state.statut == Statut::kOrientee) return state.terminee_le;
  if (state.cloture) return state.cloture->date;
  return std::nullopt;
}

std::optional<absl::CivilDay> Prochaine(const SaisineState& state,
                                        const Echeances& e) {
  if (state.termine()) return std::nullopt;
  absl::CivilDay soonest = e.objectif_cloture;
  if (!e.accuse_reception_le) {
    soonest = std::min(soonest, e.accuse_reception_du);
  }
  // Until the saisine is recevable, the requester's appeal deadline runs:
  // deciding admissibility is what suspends it.
  if (state.statut == Statut::kRecue && e.recours && e.recours->expiration &&
      *e.recours->expiration >= state.recue.date_reception) {
    soonest = std::min(soonest, *e.recours->expiration);
  }
  if (e.refus_de_soins) {
    // What is done no longer drives the queue.
    if (!e.refus_de_soins->convoque_le) {
      soonest = std::min(soonest, e.refus_de_soins->convocation);
    }
    if (!e.refus_de_soins->conciliation_le) {
      soonest = std::min(soonest, e.refus_de_soins->conciliation);
    }
  }
  return soonest;
}

}  // namespace

std::optional<Delai> DelaiDeRecours(const DecisionContestee& decision) {
  if (!decision.recours_mentionne.has_value()) return std::nullopt;
  switch (*decision.recours_mentionne) {
    case Recours::kCra:
    case Recours::kTribunal:
    case Recours::kCmra:
      return Delai::Mois(2);
    case Recours::kExpertiseMedicale:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<DelaiDeRecoursEtat> CalculerDelaiDeRecours(
    const DecisionContestee& decision,
    const std::vector<PeriodeSuspension>& suspensions, Calendrier calendrier) {
  const std::optional<Delai> delai = DelaiDeRecours(decision);
  if (!delai.has_value()) return std::nullopt;
  DelaiDeRecoursEtat etat;
  etat.recours = *decision.recours_mentionne;
  etat.notification = decision.date_notification;
  etat.non_opposable = !decision.voies_et_delais_mentionnes;
  absl::CivilDay fin = FinDuDelai(decision.date_notification, *delai);
  etat.echeance_initiale = ReporterAuJourOuvre(fin, calendrier);
  for (const PeriodeSuspension& suspension :
       FusionnerSuspensions(suspensions)) {
    const absl::CivilDay debut =
        std::max(suspension.debut, decision.date_notification);
    if (suspension.fin.has_value() && *suspension.fin <= debut) continue;
    // Already past when the suspension started: it does not move.
    if (ReporterAuJourOuvre(fin, calendrier) < debut) continue;
    if (!suspension.fin.has_value()) {
      etat.suspendu = true;
      etat.jours_restants_geles = Jours(debut, fin);
      return etat;
    }
    const int duree = Jours(debut, *suspension.fin);
    fin += duree;
    etat.jours_de_suspension += duree;
  }
  etat.expiration = ReporterAuJourOuvre(fin, calendrier);
  return etat;
}

SuiteDuRecoursEtat CalculerSuiteDuRecours(
    const SaisineState& state,
    const std::vector<PeriodeSuspension>& suspensions, Calendrier calendrier) {
  SuiteDuRecoursEtat suite;
  const std::optional<DecisionContestee>& contestee =
      state.recue.decision_contestee;
  const bool cmra =
      contestee.has_value() && contestee->recours_mentionne == Recours::kCmra;
  suite.commission = cmra ? Recours::kCmra : Recours::kCra;
  suite.saisie_le = state.recours_cra->date_saisine_cra;
  suite.decision = state.decision_cra;
  absl::CivilDay rejet = FinDuDelai(
      suite.saisie_le, Delai::Mois(cmra ? kMoisSilenceCmra : kMoisSilenceCra));
  suite.rejet_implicite = rejet;
  for (const PeriodeSuspension& suspension :
       FusionnerSuspensions(suspensions)) {
    const absl::CivilDay debut = std::max(suspension.debut, suite.saisie_le);
    if (suspension.fin.has_value() && *suspension.fin <= debut) continue;
    if (rejet < debut) continue;  // Already born when it started.
    if (!suspension.fin.has_value()) {
      suite.suspendu = true;
      suite.rejet_implicite = std::nullopt;
      break;
    }
    rejet += Jours(debut, *suspension.fin);
    suite.rejet_implicite = rejet;
  }
  std::optional<absl::CivilDay> depart =
      suite.decision.has_value() ? std::optional(suite.decision->date)
                                 : suite.rejet_implicite;
  if (depart.has_value()) {
    const bool mentionnes =
        suite.decision.has_value()
            ? suite.decision->voies_et_delais_mentionnes
            : contestee.has_value() && contestee->voies_et_delais_mentionnes;
    suite.tribunal = CalculerDelaiDeRecours(
        DecisionContestee{*depart, Recours::kTribunal, mentionnes, ""},
        suspensions, calendrier);
  }
  return suite;
}

std::vector<PeriodeSuspension> SuspensionsCumulees(
    const SaisineState& state, const std::vector<PeriodeSuspension>& autres) {
  std::vector<PeriodeSuspension> suspensions = state.suspensions;
  suspensions.insert(suspensions.end(), autres.begin(), autres.end());
  return FusionnerSuspensions(std::move(suspensions));
}

bool MemeDecisionContestee(const SaisineRecue& a, const SaisineRecue& b) {
  return a.decision_contestee.has_value() && b.decision_contestee.has_value() &&
         !a.requerant.nir.empty() && a.requerant.nir == b.requerant.nir &&
         a.decision_contestee->date_notification ==
             b.decision_contestee->date_notification;
}

std::vector<PeriodeSuspension> FusionnerSuspensions(
    std::vector<PeriodeSuspension> periodes) {
  std::sort(periodes.begin(), periodes.end(),
            [](const PeriodeSuspension& a, const PeriodeSuspension& b) {
              return a.debut < b.debut;
            });
  std::vector<PeriodeSuspension> fusion;
  for (PeriodeSuspension& periode : periodes) {
    if (!fusion.empty()) {
      PeriodeSuspension& derniere = fusion.back();
      if (!derniere.fin.has_value()) continue;  // Running: absorbs the rest.
      if (periode.debut <= *derniere.fin) {
        if (!periode.fin.has_value() || *periode.fin > *derniere.fin) {
          derniere.fin = periode.fin;
        }
        continue;
      }
    }
    fusion.push_back(std::move(periode));
  }
  return fusion;
}

Echeances CalculerEcheances(
    const SaisineState& state, Calendrier calendrier,
    const std::vector<PeriodeSuspension>& autres_suspensions) {
  const absl::CivilDay reception = state.recue.date_reception;
  Echeances e;
  e.accuse_reception_du =
      Echeance(reception, Delai::Jours(kJoursAccuseReception), calendrier);
  e.accuse_reception_le = AccuseLe(state);
  e.objectif_cloture =
      Echeance(reception, Delai::Jours(kJoursObjectifCloture), calendrier);
  e.terminee_le = state.terminee_le;
  if (state.terminee_le) {
    e.duree_traitement_jours = Jours(reception, *state.terminee_le);
  }
  const std::vector<PeriodeSuspension> suspensions =
      SuspensionsCumulees(state, autres_suspensions);
  if (state.recue.decision_contestee) {
    e.recours = CalculerDelaiDeRecours(*state.recue.decision_contestee,
                                       suspensions, calendrier);
  }
  if (state.recue.objet.refus_de_soins) {
    EcheancesRefusDeSoins r;
    r.accuse_reception = Echeance(reception, Delai::Jours(8), calendrier);
    r.convocation = Echeance(reception, Delai::Mois(1), calendrier);
    r.conciliation = Echeance(reception, Delai::Mois(3), calendrier);
    if (state.convocation) {
      r.convoque_le = state.convocation->date;
      r.reunion_prevue = state.convocation->date_reunion;
    }
    if (state.conciliation) r.conciliation_le = state.conciliation->date;
    e.refus_de_soins = r;
  }
  if (state.recours_cra) {
    e.suite_du_recours = CalculerSuiteDuRecours(state, suspensions, calendrier);
  }
  e.prochaine_echeance = Prochaine(state, e);
  return e;
}

absl::CivilDay DateDEvaluation(const SaisineState& state,
                               absl::CivilDay today) {
  if (!state.termine() || !state.terminee_le) return today;
  return std::min(today, *state.terminee_le);
}

Evaluation Evaluer(absl::CivilDay du, std::optional<absl::CivilDay> fait_le,
                   absl::CivilDay today) {
  if (fait_le.has_value()) {
    return *fait_le <= du
               ? Evaluation{EtatEcheance::kRespectee, 0}
               : Evaluation{EtatEcheance::kDepassee, Jours(du, *fait_le)};
  }
  return today <= du ? Evaluation{EtatEcheance::kAVenir, Jours(today, du)}
                     : Evaluation{EtatEcheance::kDepassee, Jours(du, today)};
}

}  // namespace mediation
