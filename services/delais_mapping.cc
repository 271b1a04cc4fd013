#include "services/delais_mapping.h"

#include "domain/dates.h"
#include "domain/echeances.h"

namespace mediation {
namespace {

void EcheanceToApi(absl::CivilDay du, std::optional<absl::CivilDay> fait_le,
                   absl::CivilDay today, v1::Echeance* out) {
  const Evaluation evaluation = Evaluer(du, fait_le, today);
  out->set_du(FormatDate(du));
  if (fait_le) out->set_fait_le(FormatDate(*fait_le));
  out->set_etat(static_cast<v1::EtatEcheance>(
      static_cast<int>(evaluation.etat) + 1));  // kAVenir is 1 on the wire.
  out->set_jours(evaluation.jours);
}

void RecoursToApi(const DelaiDeRecoursEtat& etat,
                  const std::vector<PeriodeSuspension>& suspensions,
                  absl::CivilDay today, v1::DelaiDeRecours* out) {
  out->set_recours(static_cast<v1::Recours>(etat.recours));
  out->set_notification(FormatDate(etat.notification));
  out->set_echeance_initiale(FormatDate(etat.echeance_initiale));
  if (etat.expiration) {
    out->set_expiration(FormatDate(*etat.expiration));
    EcheanceToApi(*etat.expiration, std::nullopt, today, out->mutable_etat());
  }
  out->set_suspendu(etat.suspendu);
  out->set_jours_restants_geles(etat.jours_restants_geles);
  out->set_jours_de_suspension(etat.jours_de_suspension);
  out->set_non_opposable(etat.non_opposable);
  for (const PeriodeSuspension& periode : suspensions) {
    v1::PeriodeSuspension* p = out->add_suspensions();
    p->set_debut(FormatDate(periode.debut));
    if (periode.fin) p->set_fin(FormatDate(*periode.fin));
  }
}

}  // namespace

void EtatDelaisToApi(const SaisineRecord& record, Calendrier calendrier,
                     absl::CivilDay today, v1::EtatDelais* delais,
                     const std::vector<PeriodeSuspension>& autres_suspensions) {
  const SaisineState& state = record.state;
  const Echeances e = CalculerEcheances(state, calendrier, autres_suspensions);
  // Every suspension of the decision, this saisine's and the others'.
  const std::vector<PeriodeSuspension> suspensions =
      SuspensionsCumulees(state, autres_suspensions);
  delais->set_saisine_id(record.saisine_id);
  delais->set_statut(static_cast<v1::Statut>(*state.statut));
  delais->set_aujourd_hui(FormatDate(today));
  const absl::CivilDay evaluation = DateDEvaluation(state, today);
  EcheanceToApi(e.accuse_reception_du, e.accuse_reception_le, evaluation,
                delais->mutable_accuse_reception());
  EcheanceToApi(e.objectif_cloture, e.terminee_le, evaluation,
                delais->mutable_objectif_cloture());
  if (e.duree_traitement_jours) {
    delais->set_duree_traitement_jours(*e.duree_traitement_jours);
  }
  if (e.recours) {
    RecoursToApi(*e.recours, suspensions, today, delais->mutable_recours());
  }
  if (e.refus_de_soins) {
    // Done when the saisine was acknowledged / ended; the convocation and
    // the meeting are not acts this service records yet.
    v1::EcheancesRefusDeSoins* r = delais->mutable_refus_de_soins();
    EcheanceToApi(e.refus_de_soins->accuse_reception, e.accuse_reception_le,
                  evaluation, r->mutable_accuse_reception());
    EcheanceToApi(e.refus_de_soins->convocation, e.refus_de_soins->convoque_le,
                  evaluation, r->mutable_convocation());
    EcheanceToApi(e.refus_de_soins->conciliation,
                  e.refus_de_soins->conciliation_le, evaluation,
                  r->mutable_conciliation());
    if (e.refus_de_soins->reunion_prevue) {
      r->set_reunion_prevue(FormatDate(*e.refus_de_soins->reunion_prevue));
    }
  }
  if (e.prochaine_echeance) {
    delais->set_prochaine_echeance(FormatDate(*e.prochaine_echeance));
  }
  if (e.suite_du_recours) {
    const SuiteDuRecoursEtat& suite = *e.suite_du_recours;
    v1::SuiteDuRecours* out = delais->mutable_suite_du_recours();
    out->set_commission(static_cast<v1::Recours>(suite.commission));
    out->set_date_saisine(FormatDate(suite.saisie_le));
    if (suite.rejet_implicite) {
      out->set_rejet_implicite(FormatDate(*suite.rejet_implicite));
    }
    out->set_suspendu(suite.suspendu);
    if (suite.decision) {
      out->set_sens_decision(
          static_cast<v1::SensDecisionCra>(suite.decision->sens));
      out->set_date_decision(FormatDate(suite.decision->date));
    }
    if (suite.tribunal) {
      // The tribunal's clock only counts suspensions from its start.
      std::vector<PeriodeSuspension> depuis = suspensions;
      std::erase_if(depuis, [&](const PeriodeSuspension& p) {
        return p.fin.has_value() && *p.fin <= suite.tribunal->notification;
      });
      RecoursToApi(*suite.tribunal, depuis, today, out->mutable_tribunal());
    }
  }
}

}  // namespace mediation
