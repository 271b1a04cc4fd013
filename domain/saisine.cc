#include "domain/saisine.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/text.h"
#include "base/violations.h"
#include "domain/dates.h"
#include "domain/nir.h"

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
  if (recue.date_envoi.has_value() &&
      *recue.date_envoi > recue.date_reception) {
    return Invalid("date_envoi", "after the date of receipt");
  }
  if (recue.montant_centimes < 0 ||
      recue.montant_centimes > kMaxMontantCentimes) {
    return Invalid("montant_centimes", "out of range");
  }
  return ValidateText(recue.saisine_precedente, "saisine_precedente",
                      kMaxIdBytes, Presence::kOptional);
}

absl::Status Corrupt(absl::string_view why) {
  return absl::DataLossError(absl::StrCat("impossible event sequence: ", why));
}

// Folds one event into a state that exists (every event but SaisineRecue).
struct Applier {
  SaisineState& s;

  absl::Status operator()(const SaisineRecue&) const {
    return Corrupt("SaisineRecue on an existing saisine");
  }
  absl::Status operator()(const SaisineRecevable& e) const {
    s.recevabilite = e;
    s.statut = Statut::kEnInstruction;
    return absl::OkStatus();
  }
  absl::Status operator()(const SaisineIrrecevable& e) const {
    s.irrecevabilite = e;
    s.statut = Statut::kIrrecevable;
    s.terminee_le = e.date_notification;
    return absl::OkStatus();
  }
  absl::Status operator()(const SaisineOrientee& e) const {
    s.orientations.push_back(e);
    if (s.statut == Statut::kRecue) {
      s.statut = Statut::kOrientee;
      s.terminee_le = e.date;
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const DelaiSuspendu& e) const {
    if (s.suspendu()) return Corrupt("suspension while suspended");
    s.suspensions.push_back(PeriodeSuspension{e.debut, std::nullopt});
    return absl::OkStatus();
  }
  absl::Status operator()(const DelaiRepris& e) const {
    if (!s.suspendu()) return Corrupt("resumption without suspension");
    s.suspensions.back().fin = e.fin;
    return absl::OkStatus();
  }
  absl::Status operator()(const EchangeConsigne&) const {
    ++s.echanges;
    return absl::OkStatus();
  }
  absl::Status operator()(const DonneesRectifiees& e) const {
    s.recue = e.corrigee;
    return absl::OkStatus();
  }
  absl::Status operator()(const RecommandationEmise& e) const {
    s.recommandations.push_back(e);
    s.statut = Statut::kRecommandationEmise;
    s.equite_en_attente = e.type == TypeRecommandation::kPropositionEquite;
    return absl::OkStatus();
  }
  absl::Status operator()(const DecisionDirection& e) const {
    s.decision_direction = e;
    s.equite_en_attente = false;
    return absl::OkStatus();
  }
  absl::Status operator()(const ConclusionsCommuniquees& e) const {
    s.conclusions_le = e.date;
    s.statut = Statut::kConclusionsCommuniquees;
    return absl::OkStatus();
  }
  absl::Status operator()(const RecoursContentieuxEngage& e) const {
    s.recours_contentieux_le = e.date;
    s.statut = Statut::kRecoursContentieux;
    s.terminee_le = e.date;
    return absl::OkStatus();
  }
  absl::Status operator()(const RecommandationNationaleEmise& e) const {
    s.recommandations_nationales.push_back(e);
    return absl::OkStatus();
  }
  absl::Status operator()(const RecoursPrealableDeclare& e) const {
    s.recours_cra = e;
    return absl::OkStatus();
  }
  absl::Status operator()(const DecisionRecoursCra& e) const {
    s.decision_recours_cra = e;
    return absl::OkStatus();
  }
  absl::Status operator()(const DecisionCraRendue& e) const {
    s.decision_cra = e;
    return absl::OkStatus();
  }
  absl::Status operator()(const PriseEnChargeConfirmee&) const {
    ++s.prises_en_charge_confirmees;
    return absl::OkStatus();
  }
  absl::Status operator()(const ProfessionnelConvoque& e) const {
    s.convocation = e;
    return absl::OkStatus();
  }
  absl::Status operator()(const ConciliationTenue& e) const {
    s.conciliation = e;
    return absl::OkStatus();
  }
  absl::Status operator()(const SaisineCloturee& e) const {
    s.cloture = e;
    s.statut = Statut::kCloturee;
    s.terminee_le = e.date;
    return absl::OkStatus();
  }
};

struct Dater {
  absl::CivilDay operator()(const SaisineRecue& e) const {
    return e.date_reception;
  }
  absl::CivilDay operator()(const SaisineRecevable& e) const {
    return e.date_notification;
  }
  absl::CivilDay operator()(const SaisineIrrecevable& e) const {
    return e.date_notification;
  }
  absl::CivilDay operator()(const DelaiSuspendu& e) const { return e.debut; }
  absl::CivilDay operator()(const DelaiRepris& e) const { return e.fin; }
  // Every other act carries its date.
  absl::CivilDay operator()(const auto& e) const { return e.date; }
};

}  // namespace

const char* StatutName(Statut statut) {
  switch (statut) {
    case Statut::kRecue:
      return "recue";
    case Statut::kEnInstruction:
      return "en instruction";
    case Statut::kRecommandationEmise:
      return "recommandation emise";
    case Statut::kConclusionsCommuniquees:
      return "conclusions communiquees";
    case Statut::kCloturee:
      return "cloturee";
    case Statut::kIrrecevable:
      return "irrecevable";
    case Statut::kOrientee:
      return "orientee";
    case Statut::kRecoursContentieux:
      return "terminee par un recours contentieux";
  }
  return "inconnu";
}

bool EstTerminal(Statut statut) {
  return statut == Statut::kCloturee || statut == Statut::kIrrecevable ||
         statut == Statut::kOrientee || statut == Statut::kRecoursContentieux;
}

const char* EventTypeName(const SaisineEvent& event) {
  static constexpr const char* kNames[] = {"SaisineRecue",
                                           "SaisineRecevable",
                                           "SaisineIrrecevable",
                                           "SaisineOrientee",
                                           "DelaiSuspendu",
                                           "DelaiRepris",
                                           "EchangeConsigne",
                                           "DonneesRectifiees",
                                           "RecommandationEmise",
                                           "DecisionDirection",
                                           "ConclusionsCommuniquees",
                                           "RecoursContentieuxEngage",
                                           "SaisineCloturee",
                                           "RecommandationNationaleEmise",
                                           "RecoursPrealableDeclare",
                                           "DecisionRecoursCra",
                                           "DecisionCraRendue",
                                           "PriseEnChargeConfirmee",
                                           "ProfessionnelConvoque",
                                           "ConciliationTenue"};
  static_assert(std::size(kNames) == std::variant_size_v<SaisineEvent>);
  return kNames[event.index()];
}

std::vector<absl::CivilDay> DatesDOrientation(const SaisineState& state) {
  std::vector<absl::CivilDay> dates;
  if (state.irrecevabilite) {
    dates.push_back(state.irrecevabilite->date_notification);
  }
  for (const SaisineOrientee& o : state.orientations) dates.push_back(o.date);
  return dates;
}

std::vector<absl::CivilDay> OrientationsAConfirmer(const SaisineState& state) {
  std::vector<absl::CivilDay> dates = DatesDOrientation(state);
  const size_t confirmees = std::min(
      dates.size(), static_cast<size_t>(state.prises_en_charge_confirmees));
  dates.erase(dates.begin(), dates.begin() + confirmees);
  return dates;
}

absl::CivilDay EffectiveDate(const SaisineEvent& event) {
  return std::visit(Dater{}, event);
}

absl::StatusOr<SaisineRecue> ValiderSaisineRecue(
    SaisineRecue recue, absl::CivilDay today,
    const CaisseReferentiel& referentiel) {
  // Each part is checked on its own, so that every part in error is named.
  FieldViolations violations;
  violations.Add(ValiderCirconstances(recue, today, referentiel));
  violations.Add(ValiderRequerant(recue.requerant));
  violations.Add(ValiderObjet(recue.objet));
  if (recue.reclamation_prealable.has_value()) {
    violations.Add(ValiderReclamation(*recue.reclamation_prealable,
                                      recue.date_reception, today));
  }
  if (recue.decision_contestee.has_value()) {
    violations.Add(ValiderDecision(*recue.decision_contestee,
                                   recue.date_reception, today));
  }
  RETURN_IF_ERROR(violations.ToStatus());
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

absl::Status Fold(SaisineState& state, const SaisineEvent& event) {
  if (const auto* recue = std::get_if<SaisineRecue>(&event)) {
    if (state.exists()) return Corrupt("SaisineRecue on an existing saisine");
    state.statut = Statut::kRecue;
    state.recue = *recue;
  } else {
    if (!state.exists()) return Corrupt("an act before SaisineRecue");
    RETURN_IF_ERROR(std::visit(Applier{state}, event));
  }
  ++state.version;
  return absl::OkStatus();
}

absl::StatusOr<SaisineState> Apply(SaisineState state,
                                   const SaisineEvent& event) {
  RETURN_IF_ERROR(Fold(state, event));
  return state;
}

absl::StatusOr<SaisineState> Replay(const std::vector<SaisineEvent>& events) {
  SaisineState state;
  for (const SaisineEvent& event : events) {
    RETURN_IF_ERROR(Fold(state, event));
  }
  return state;
}

}  // namespace mediation
