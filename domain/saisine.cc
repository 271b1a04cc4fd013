#include "domain/saisine.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "domain/dates.h"
#include "domain/nir.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace mediation {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

absl::Status CheckDay(absl::CivilDay day, absl::string_view field,
                      absl::CivilDay today) {
  if (day < kEarliestDate) {
    return Invalid(field, absl::StrCat("before ", FormatDate(kEarliestDate)));
  }
  if (day > today) return Invalid(field, "in the future");
  return absl::OkStatus();
}

absl::Status ValiderRequerant(Requerant& requerant) {
  if (!IsDefinedEnumValue(static_cast<int>(requerant.type),
                          kTypeRequerantMax)) {
    return Invalid("requerant.type", "required");
  }
  RETURN_IF_ERROR(ValidateText(requerant.nom, "requerant.nom", kMaxNomBytes,
                               Presence::kRequired));
  RETURN_IF_ERROR(ValidateText(requerant.prenom, "requerant.prenom",
                               kMaxNomBytes, Presence::kOptional));
  if (requerant.type == TypeRequerant::kAssure) {
    if (requerant.nir.empty()) {
      return Invalid("requerant.nir", "required for an assuré");
    }
  }
  if (!requerant.nir.empty()) {
    ASSIGN_OR_RETURN(requerant.nir,
                     NormaliserNir(requerant.nir, "requerant.nir"));
  }
  struct Optional {
    const std::string& value;
    const char* field;
    size_t max_bytes;
  };
  for (const Optional& text : {
           Optional{requerant.identifiant_professionnel,
                    "requerant.identifiant_professionnel", kMaxIdBytes},
           Optional{requerant.commune, "requerant.commune", kMaxNomBytes},
           Optional{requerant.email, "requerant.email", kMaxShortTextBytes},
           Optional{requerant.telephone, "requerant.telephone", kMaxIdBytes},
           Optional{requerant.adresse, "requerant.adresse",
                    kMaxShortTextBytes * 2},
       }) {
    RETURN_IF_ERROR(ValidateText(text.value, text.field, text.max_bytes,
                                 Presence::kOptional));
  }
  if (!requerant.email.empty() &&
      requerant.email.find('@') == std::string::npos) {
    return Invalid("requerant.email", "not an e-mail address");
  }
  return absl::OkStatus();
}

absl::Status ValiderObjet(const Objet& objet) {
  if (!IsDefinedEnumValue(static_cast<int>(objet.processus), kProcessusMax)) {
    return Invalid("objet.processus", "required");
  }
  RETURN_IF_ERROR(ValidateText(objet.sous_processus, "objet.sous_processus",
                               kMaxNomBytes, Presence::kOptional));
  return ValidateText(objet.description, "objet.description",
                      kMaxDescriptionBytes, Presence::kRequired);
}

absl::Status ValiderReclamation(const ReclamationPrealable& reclamation,
                                absl::CivilDay date_reception,
                                absl::CivilDay today) {
  RETURN_IF_ERROR(
      CheckDay(reclamation.date, "reclamation_prealable.date", today));
  if (reclamation.date > date_reception) {
    return Invalid("reclamation_prealable.date", "after the date of receipt");
  }
  if (!reclamation.repondue) {
    if (reclamation.date_reponse.has_value()) {
      return Invalid("reclamation_prealable.date_reponse",
                     "set but the réclamation is not answered");
    }
    return absl::OkStatus();
  }
  if (!reclamation.date_reponse.has_value()) {
    return Invalid("reclamation_prealable.date_reponse",
                   "required when the réclamation was answered");
  }
  RETURN_IF_ERROR(CheckDay(*reclamation.date_reponse,
                           "reclamation_prealable.date_reponse", today));
  if (*reclamation.date_reponse < reclamation.date) {
    return Invalid("reclamation_prealable.date_reponse",
                   "before the réclamation");
  }
  return absl::OkStatus();
}

absl::Status ValiderDecision(const DecisionContestee& decision,
                             absl::CivilDay date_reception,
                             absl::CivilDay today) {
  RETURN_IF_ERROR(CheckDay(decision.date_notification,
                           "decision_contestee.date_notification", today));
  if (decision.date_notification > date_reception) {
    return Invalid("decision_contestee.date_notification",
                   "after the date of receipt");
  }
  if (decision.recours_mentionne.has_value() &&
      !IsDefinedEnumValue(static_cast<int>(*decision.recours_mentionne),
                          kRecoursMax)) {
    return Invalid("decision_contestee.recours_mentionne", "unknown value");
  }
  return ValidateText(decision.description, "decision_contestee.description",
                      kMaxDescriptionBytes, Presence::kOptional);
}

absl::Status ValiderCirconstances(const SaisineRecue& recue,
                                  absl::CivilDay today,
                                  const CaisseReferentiel& referentiel) {
  if (recue.caisse.empty()) return Invalid("caisse", "required");
  if (referentiel.Find(recue.caisse) == nullptr) {
    return Invalid("caisse", "unknown caisse code");
  }
  if (!IsDefinedEnumValue(static_cast<int>(recue.canal), kCanalMax)) {
    return Invalid("canal", "required");
  }
  if (!IsDefinedEnumValue(static_cast<int>(recue.origine), kOrigineMax)) {
    return Invalid("origine", "required");
  }
  RETURN_IF_ERROR(CheckDay(recue.date_reception, "date_reception", today));
  if (recue.montant_centimes < 0 ||
      recue.montant_centimes > kMaxMontantCentimes) {
    return Invalid("montant_centimes", "out of range");
  }
  return ValidateText(recue.saisine_precedente, "saisine_precedente",
                      kMaxIdBytes, Presence::kOptional);
}

absl::StatusOr<SaisineState> ApplyRecue(SaisineState state,
                                        const SaisineRecue& recue) {
  if (state.exists()) {
    return absl::DataLossError("SaisineRecue applied to an existing saisine");
  }
  state.statut = Statut::kRecue;
  state.recue = recue;
  return state;
}

}  // namespace

const char* EventTypeName(const SaisineEvent& event) {
  struct Namer {
    const char* operator()(const SaisineRecue&) const { return "SaisineRecue"; }
  };
  return std::visit(Namer{}, event);
}

absl::CivilDay EffectiveDate(const SaisineEvent& event) {
  struct Dater {
    absl::CivilDay operator()(const SaisineRecue& e) const {
      return e.date_reception;
    }
  };
  return std::visit(Dater{}, event);
}

absl::StatusOr<SaisineRecue> ValiderSaisineRecue(
    SaisineRecue recue, absl::CivilDay today,
    const CaisseReferentiel& referentiel) {
  RETURN_IF_ERROR(ValiderCirconstances(recue, today, referentiel));
  RETURN_IF_ERROR(ValiderRequerant(recue.requerant));
  RETURN_IF_ERROR(ValiderObjet(recue.objet));
  if (recue.reclamation_prealable.has_value()) {
    RETURN_IF_ERROR(ValiderReclamation(*recue.reclamation_prealable,
                                       recue.date_reception, today));
  }
  if (recue.decision_contestee.has_value()) {
    RETURN_IF_ERROR(ValiderDecision(*recue.decision_contestee,
                                    recue.date_reception, today));
  }
  return recue;
}

absl::StatusOr<std::vector<SaisineEvent>> DeciderDepot(
    const SaisineState& state, SaisineRecue recue, absl::CivilDay today,
    const CaisseReferentiel& referentiel) {
  if (state.exists()) {
    return absl::FailedPreconditionError("the saisine is already registered");
  }
  ASSIGN_OR_RETURN(SaisineRecue valid,
                   ValiderSaisineRecue(std::move(recue), today, referentiel));
  return std::vector<SaisineEvent>{std::move(valid)};
}

absl::StatusOr<SaisineState> Apply(SaisineState state,
                                   const SaisineEvent& event) {
  absl::StatusOr<SaisineState> next = std::visit(
      [&](const auto& e) { return ApplyRecue(std::move(state), e); }, event);
  if (next.ok()) ++next->version;
  return next;
}

absl::StatusOr<SaisineState> Replay(const std::vector<SaisineEvent>& events) {
  SaisineState state;
  for (const SaisineEvent& event : events) {
    ASSIGN_OR_RETURN(state, Apply(std::move(state), event));
  }
  return state;
}

}  // namespace mediation
