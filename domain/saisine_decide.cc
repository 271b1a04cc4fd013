// The mediator's acts: what each requires of the state, and the events it
// records (see saisine.h).
#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/text.h"
#include "domain/dates.h"
#include "domain/echeances.h"
#include "domain/saisine.h"

namespace mediation {
namespace {

using Events = std::vector<SaisineEvent>;

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

absl::Status Forbidden(const SaisineState& state, absl::string_view act) {
  return absl::FailedPreconditionError(
      absl::StrCat("the saisine is ", StatutName(*state.statut), ": ", act,
                   " is not allowed"));
}

// Every act: an existing saisine that has not ended, a date between the
// receipt and today.
absl::Status CheckAct(const SaisineState& state, absl::CivilDay date,
                      absl::string_view field, absl::CivilDay today) {
  if (!state.exists()) return absl::NotFoundError("no such saisine");
  if (state.termine()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the saisine is ", StatutName(*state.statut),
                     ": nothing but reading is allowed"));
  }
  if (date < state.recue.date_reception) {
    return Invalid(field, "before the date of receipt");
  }
  if (date > today) return Invalid(field, "in the future");
  return absl::OkStatus();
}

// The mediator's acts follow one another in time: an act of the mediation
// (orientation, recommandation, the director's decision, conclusions,
// clôture) is not dated before the last one recorded, nor before the
// acknowledgement. Facts recorded after they happened elsewhere (exchanges,
// a CRA or tribunal appeal, a national recommandation) are only bounded by
// the receipt and today.
absl::CivilDay DernierActeDeMediation(const SaisineState& state) {
  absl::CivilDay last = state.recue.date_reception;
  auto later = [&](absl::CivilDay date) { last = std::max(last, date); };
  if (state.recevabilite) later(state.recevabilite->date_notification);
  if (state.irrecevabilite) later(state.irrecevabilite->date_notification);
  for (const SaisineOrientee& o : state.orientations) later(o.date);
  for (const RecommandationEmise& r : state.recommandations) later(r.date);
  if (state.decision_direction) later(state.decision_direction->date);
  if (state.conclusions_le) later(*state.conclusions_le);
  return last;
}

// CheckAct, and the act follows the mediation's last act in time.
absl::Status CheckActDeMediation(const SaisineState& state, absl::CivilDay date,
                                 absl::string_view field,
                                 absl::CivilDay today) {
  RETURN_IF_ERROR(CheckAct(state, date, field, today));
  const absl::CivilDay last = DernierActeDeMediation(state);
  if (date < last) {
    return Invalid(field, absl::StrCat("before the act it follows, of ",
                                       FormatDate(last)));
  }
  return absl::OkStatus();
}

absl::Status CheckEnum(int value, int max, absl::string_view field) {
  return IsDefinedEnumValue(value, max) ? absl::OkStatus()
                                        : Invalid(field, "required");
}

absl::Status CheckText(const std::string& text, absl::string_view field,
                       Presence presence) {
  return ValidateText(text, field, kMaxDescriptionBytes, presence);
}

// The act, and the end of the suspension that runs, if any: it ends with the
// conclusions or with the mediation (L217-7-1).
template <typename Acte>
absl::StatusOr<Events> AvecReprise(const SaisineState& state, Acte acte,
                                   MotifReprise motif) {
  if (!state.suspendu()) return Events{std::move(acte)};
  if (acte.date < state.suspensions.back().debut) {
    return Invalid("date", "before the start of the suspension");
  }
  const absl::CivilDay fin = acte.date;
  return Events{std::move(acte), DelaiRepris{fin, motif}};
}

absl::Status CheckPasDEquiteEnAttente(const SaisineState& state) {
  if (!state.equite_en_attente) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "a proposal en équité awaits the director's decision");
}

absl::Status CheckFondement(const SaisineState& state,
                            const SaisineRecevable& acte) {
  const SaisineRecue& recue = state.recue;
  switch (acte.fondement) {
    case FondementRecevabilite::kPremiereIntention:
      if (!acte.motif_premiere_intention.has_value()) {
        return Invalid("motif_premiere_intention", "required");
      }
      return CheckEnum(static_cast<int>(*acte.motif_premiere_intention),
                       kMotifPremiereIntentionMax, "motif_premiere_intention");
    case FondementRecevabilite::kApresReclamation: {
      if (!recue.reclamation_prealable.has_value()) {
        return absl::FailedPreconditionError(
            "no prior réclamation on record: outside the first-intention "
            "list, a saisine is recevable after an unsatisfied réclamation");
      }
      const ReclamationPrealable& r = *recue.reclamation_prealable;
      if (!r.repondue &&
          acte.date_notification < r.date + kJoursSansReponseReclamation) {
        return absl::FailedPreconditionError(
            absl::StrCat("the réclamation of ", FormatDate(r.date),
                         " has been unanswered for fewer than 3 weeks"));
      }
      return absl::OkStatus();
    }
    case FondementRecevabilite::kSaisineParticuliere:
      if (recue.origine != Origine::kDirectionNationale &&
          recue.origine != Origine::kDirectionCaisse &&
          recue.origine != Origine::kDefenseurDesDroits) {
        return absl::FailedPreconditionError(
            "a saisine particulière comes from the national direction, the "
            "caisse's direction or the Défenseur des droits");
      }
      return absl::OkStatus();
    case FondementRecevabilite::kException:
      if (!acte.exception.has_value()) return Invalid("exception", "required");
      RETURN_IF_ERROR(CheckEnum(static_cast<int>(*acte.exception),
                                kExceptionMax, "exception"));
      return CheckText(acte.justification, "justification",
                       Presence::kRequired);
  }
  return Invalid("fondement", "required");
}

// The contested decision's appeal deadline still runs on `date` (or its
// delay is unknown): admissibility suspends it.
bool DelaiCourt(const SaisineState& state, absl::CivilDay date,
                Calendrier calendrier,
                const std::vector<PeriodeSuspension>& autres_suspensions) {
  if (!state.recue.decision_contestee.has_value()) return false;
  const std::optional<DelaiDeRecoursEtat> delai = CalculerDelaiDeRecours(
      *state.recue.decision_contestee,
      SuspensionsCumulees(state, autres_suspensions), calendrier);
  return !delai.has_value() || !delai->expiration.has_value() ||
         *delai->expiration >= date;
}

}  // namespace

absl::StatusOr<Events> DeciderRecevabilite(
    const SaisineState& state, SaisineRecevable acte, absl::CivilDay today,
    Calendrier calendrier,
    const std::vector<PeriodeSuspension>& autres_suspensions) {
  RETURN_IF_ERROR(
      CheckAct(state, acte.date_notification, "date_notification", today));
  if (state.statut != Statut::kRecue) return Forbidden(state, "recevabilité");
  RETURN_IF_ERROR(
      CheckEnum(static_cast<int>(acte.fondement), kFondementMax, "fondement"));
  if (state.recue.recours_contentieux_en_cours) {
    return absl::FailedPreconditionError(
        "a contentious appeal is on record: the saisine cannot be recevable");
  }
  RETURN_IF_ERROR(CheckFondement(state, acte));
  RETURN_IF_ERROR(
      CheckText(acte.justification, "justification", Presence::kOptional));
  Events events{acte};
  if (DelaiCourt(state, acte.date_notification, calendrier,
                 autres_suspensions)) {
    events.push_back(DelaiSuspendu{acte.date_notification});
  }
  return events;
}

absl::StatusOr<Events> DeciderIrrecevabilite(const SaisineState& state,
                                             SaisineIrrecevable acte,
                                             absl::CivilDay today) {
  RETURN_IF_ERROR(
      CheckAct(state, acte.date_notification, "date_notification", today));
  if (state.statut != Statut::kRecue) {
    return Forbidden(state, "irrecevabilité");
  }
  RETURN_IF_ERROR(CheckEnum(static_cast<int>(acte.motif),
                            kMotifIrrecevabiliteMax, "motif"));
  RETURN_IF_ERROR(CheckEnum(static_cast<int>(acte.orientation), kDestinationMax,
                            "orientation"));
  RETURN_IF_ERROR(
      CheckText(acte.explication, "explication", Presence::kRequired));
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderOrientation(const SaisineState& state,
                                          SaisineOrientee acte,
                                          absl::CivilDay today) {
  RETURN_IF_ERROR(CheckActDeMediation(state, acte.date, "date", today));
  RETURN_IF_ERROR(CheckEnum(static_cast<int>(acte.destination), kDestinationMax,
                            "destination"));
  RETURN_IF_ERROR(
      CheckText(acte.commentaire, "commentaire", Presence::kOptional));
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderEchange(const SaisineState& state,
                                      EchangeConsigne acte,
                                      absl::CivilDay today) {
  RETURN_IF_ERROR(CheckAct(state, acte.date, "date", today));
  RETURN_IF_ERROR(CheckEnum(static_cast<int>(acte.interlocuteur),
                            kInterlocuteurMax, "interlocuteur"));
  RETURN_IF_ERROR(CheckText(acte.resume, "resume", Presence::kRequired));
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderRectification(
    const SaisineState& state, DonneesRectifiees acte, absl::CivilDay today,
    const CaisseReferentiel& referentiel) {
  RETURN_IF_ERROR(CheckAct(state, acte.date, "date", today));
  RETURN_IF_ERROR(CheckText(acte.motif, "motif", Presence::kRequired));
  if (acte.corrigee.caisse != state.recue.caisse) {
    return absl::FailedPreconditionError(
        "the caisse of a saisine cannot be rectified");
  }
  ASSIGN_OR_RETURN(acte.corrigee, ValiderSaisineRecue(std::move(acte.corrigee),
                                                      today, referentiel));
  if (acte.corrigee == state.recue) {
    return Invalid("corrigee", "nothing to rectify");
  }
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderRecommandation(const SaisineState& state,
                                             RecommandationEmise acte,
                                             absl::CivilDay today) {
  RETURN_IF_ERROR(CheckActDeMediation(state, acte.date, "date", today));
  if (state.statut != Statut::kEnInstruction &&
      state.statut != Statut::kRecommandationEmise) {
    return Forbidden(state, "a recommandation");
  }
  RETURN_IF_ERROR(CheckPasDEquiteEnAttente(state));
  RETURN_IF_ERROR(
      CheckEnum(static_cast<int>(acte.type), kTypeRecommandationMax, "type"));
  RETURN_IF_ERROR(CheckText(acte.texte, "texte", Presence::kRequired));
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderDecisionDirection(const SaisineState& state,
                                                DecisionDirection acte,
                                                absl::CivilDay today) {
  RETURN_IF_ERROR(CheckActDeMediation(state, acte.date, "date", today));
  if (!state.equite_en_attente) {
    return absl::FailedPreconditionError(
        "no proposal en équité awaits the director's decision");
  }
  RETURN_IF_ERROR(CheckText(acte.motif, "motif", Presence::kOptional));
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderConclusions(const SaisineState& state,
                                          ConclusionsCommuniquees acte,
                                          absl::CivilDay today) {
  RETURN_IF_ERROR(CheckActDeMediation(state, acte.date, "date", today));
  if (state.statut != Statut::kRecommandationEmise) {
    return Forbidden(state, "communicating conclusions");
  }
  RETURN_IF_ERROR(CheckPasDEquiteEnAttente(state));
  return AvecReprise(state, acte, MotifReprise::kConclusions);
}

absl::StatusOr<Events> DeciderRecoursContentieux(const SaisineState& state,
                                                 RecoursContentieuxEngage acte,
                                                 absl::CivilDay today) {
  RETURN_IF_ERROR(CheckAct(state, acte.date, "date", today));
  return AvecReprise(state, acte, MotifReprise::kFinMediation);
}

absl::StatusOr<Events> DeciderCloture(const SaisineState& state,
                                      SaisineCloturee acte,
                                      absl::CivilDay today) {
  RETURN_IF_ERROR(CheckActDeMediation(state, acte.date, "date", today));
  RETURN_IF_ERROR(CheckPasDEquiteEnAttente(state));
  RETURN_IF_ERROR(
      CheckEnum(static_cast<int>(acte.issue), kIssueClotureMax, "issue"));
  RETURN_IF_ERROR(
      CheckText(acte.commentaire, "commentaire", Presence::kOptional));
  return AvecReprise(state, std::move(acte), MotifReprise::kFinMediation);
}

absl::StatusOr<Events> DeciderRecommandationNationale(
    const SaisineState& state, RecommandationNationaleEmise acte,
    absl::CivilDay today) {
  RETURN_IF_ERROR(CheckAct(state, acte.date, "date", today));
  RETURN_IF_ERROR(CheckText(acte.texte, "texte", Presence::kRequired));
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderRecoursPrealable(const SaisineState& state,
                                               RecoursPrealableDeclare acte,
                                               absl::CivilDay today) {
  RETURN_IF_ERROR(CheckAct(state, acte.date, "date", today));
  if (state.recours_cra.has_value()) {
    return absl::FailedPreconditionError(
        "a CRA appeal is already declared on this saisine");
  }
  RETURN_IF_ERROR(ValidateText(acte.reference, "reference", kMaxIdBytes,
                               Presence::kRequired));
  if (acte.date_saisine_cra > acte.date) {
    return Invalid("date_saisine_cra", "after the date of the declaration");
  }
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderRecoursCra(const SaisineState& state,
                                         DecisionRecoursCra acte,
                                         absl::CivilDay today) {
  if (!state.exists()) return absl::NotFoundError("no such saisine");
  if (!state.recours_cra.has_value()) {
    return absl::FailedPreconditionError("no CRA appeal is declared");
  }
  if (!state.conclusions_le.has_value()) {
    return absl::FailedPreconditionError(
        "the mediator's conclusions have not been communicated");
  }
  if (state.decision_recours_cra.has_value()) {
    return absl::FailedPreconditionError(
        "the requester's choice on the CRA appeal is already recorded");
  }
  if (acte.date < *state.conclusions_le) {
    return Invalid("date", "before the conclusions");
  }
  if (acte.date > today) return Invalid("date", "in the future");
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderDecisionCra(const SaisineState& state,
                                          DecisionCraRendue acte,
                                          absl::CivilDay today) {
  if (!state.exists()) return absl::NotFoundError("no such saisine");
  if (!state.recours_cra.has_value()) {
    return absl::FailedPreconditionError(
        "no appeal before the CRA is declared on this saisine");
  }
  if (state.decision_recours_cra.has_value() &&
      !state.decision_recours_cra->maintenu) {
    return absl::FailedPreconditionError(
        "the requester withdrew the CRA appeal");
  }
  if (state.decision_cra.has_value()) {
    return absl::FailedPreconditionError(
        "the CRA's decision is already recorded");
  }
  RETURN_IF_ERROR(
      CheckEnum(static_cast<int>(acte.sens), kSensDecisionCraMax, "sens"));
  if (acte.date < state.recours_cra->date_saisine_cra) {
    return Invalid(
        "date", absl::StrCat("before the CRA was seized, on ",
                             FormatDate(state.recours_cra->date_saisine_cra)));
  }
  if (acte.date > today) return Invalid("date", "in the future");
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderPriseEnCharge(const SaisineState& state,
                                            PriseEnChargeConfirmee acte,
                                            absl::CivilDay today) {
  if (!state.exists()) return absl::NotFoundError("no such saisine");
  const std::vector<absl::CivilDay> attente = OrientationsAConfirmer(state);
  if (attente.empty()) {
    return absl::FailedPreconditionError(
        "no orientation of this saisine awaits a confirmation of take-up");
  }
  RETURN_IF_ERROR(
      CheckText(acte.commentaire, "commentaire", Presence::kOptional));
  if (acte.date < attente.front()) {
    return Invalid("date", absl::StrCat("before the orientation, of ",
                                        FormatDate(attente.front())));
  }
  if (acte.date > today) return Invalid("date", "in the future");
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderConvocation(const SaisineState& state,
                                          ProfessionnelConvoque acte,
                                          absl::CivilDay today) {
  RETURN_IF_ERROR(CheckAct(state, acte.date, "date", today));
  if (!state.recue.objet.refus_de_soins) {
    return absl::FailedPreconditionError(
        "not a refus de soins complaint: no conciliation meeting");
  }
  if (state.convocation.has_value()) {
    return absl::FailedPreconditionError(
        "the professional is already convened");
  }
  const absl::CivilDay au_plus_tot = acte.date + kJoursPreavisConciliation;
  if (acte.date_reunion < au_plus_tot) {
    return Invalid(
        "date_reunion",
        absl::StrCat("convened at least 15 days ahead (R1110-11 CSP): on or "
                     "after ",
                     FormatDate(au_plus_tot)));
  }
  return Events{std::move(acte)};
}

absl::StatusOr<Events> DeciderConciliation(const SaisineState& state,
                                           ConciliationTenue acte,
                                           absl::CivilDay today) {
  RETURN_IF_ERROR(CheckAct(state, acte.date, "date", today));
  if (!state.convocation.has_value()) {
    return absl::FailedPreconditionError(
        "the professional has not been convened");
  }
  if (state.conciliation.has_value()) {
    return absl::FailedPreconditionError(
        "the conciliation meeting is already recorded");
  }
  RETURN_IF_ERROR(
      CheckText(acte.compte_rendu, "compte_rendu", Presence::kOptional));
  const absl::CivilDay au_plus_tot =
      state.convocation->date + kJoursPreavisConciliation;
  if (acte.date < au_plus_tot) {
    return Invalid("date",
                   absl::StrCat("fewer than 15 days after the convocation "
                                "(R1110-11 CSP): on or after ",
                                FormatDate(au_plus_tot)));
  }
  return Events{std::move(acte)};
}

}  // namespace mediation
