#include "services/acte_mapping.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "domain/dates.h"

namespace mediation {
namespace {

// Reads the date of field `acte.<name>`, recording a violation.
absl::CivilDay Date(FieldViolations& violations, const std::string& text,
                    absl::string_view name) {
  return violations.Take(ParseDate(text, absl::StrCat("acte.", name)))
      .value_or(absl::CivilDay());
}

template <typename E>
std::optional<E> Optional(int value) {
  return value == 0 ? std::nullopt : std::optional<E>(static_cast<E>(value));
}

// `acte` once every field read, else every violation.
template <typename Acte>
absl::StatusOr<Acte> Lu(const FieldViolations& violations, Acte acte) {
  if (absl::Status status = violations.ToStatus(); !status.ok()) return status;
  return acte;
}

}  // namespace

absl::StatusOr<SaisineRecevable> ActeDe(const v1::Recevabilite& c) {
  FieldViolations v;
  SaisineRecevable a;
  a.fondement = static_cast<FondementRecevabilite>(c.fondement());
  a.motif_premiere_intention =
      Optional<MotifPremiereIntention>(c.motif_premiere_intention());
  a.exception = Optional<ExceptionRecevabilite>(c.exception());
  a.justification = c.justification();
  a.date_notification = Date(v, c.date_notification(), "date_notification");
  return Lu(v, std::move(a));
}

absl::StatusOr<SaisineIrrecevable> ActeDe(const v1::Irrecevabilite& c) {
  FieldViolations v;
  SaisineIrrecevable a;
  a.motif = static_cast<MotifIrrecevabilite>(c.motif());
  a.explication = c.explication();
  a.orientation = static_cast<Destination>(c.orientation());
  a.date_notification = Date(v, c.date_notification(), "date_notification");
  return Lu(v, std::move(a));
}

absl::StatusOr<SaisineOrientee> ActeDe(const v1::Orientation& c) {
  FieldViolations v;
  SaisineOrientee a;
  a.destination = static_cast<Destination>(c.destination());
  a.commentaire = c.commentaire();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<EchangeConsigne> ActeDe(const v1::Echange& c) {
  FieldViolations v;
  EchangeConsigne a;
  a.date = Date(v, c.date(), "date");
  a.interlocuteur = static_cast<Interlocuteur>(c.interlocuteur());
  a.resume = c.resume();
  return Lu(v, std::move(a));
}

absl::StatusOr<DonneesRectifiees> ActeDe(const v1::Rectification& c) {
  FieldViolations v;
  DonneesRectifiees a;
  if (std::optional<SaisineRecue> corrigee =
          v.Take(RecueDe(c.corrigee(), "acte.corrigee."))) {
    a.corrigee = *std::move(corrigee);
  }
  a.motif = c.motif();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<RecommandationEmise> ActeDe(const v1::Recommandation& c) {
  FieldViolations v;
  RecommandationEmise a;
  a.type = static_cast<TypeRecommandation>(c.type());
  a.texte = c.texte();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<DecisionDirection> ActeDe(const v1::DecisionEquite& c) {
  FieldViolations v;
  DecisionDirection a;
  a.acceptee = c.acceptee();
  a.motif = c.motif();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<ConclusionsCommuniquees> ActeDe(const v1::Conclusions& c) {
  FieldViolations v;
  ConclusionsCommuniquees a;
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<RecoursContentieuxEngage> ActeDe(
    const v1::RecoursContentieux& c) {
  FieldViolations v;
  RecoursContentieuxEngage a;
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<SaisineCloturee> ActeDe(const v1::Cloture& c) {
  FieldViolations v;
  SaisineCloturee a;
  a.issue = static_cast<IssueCloture>(c.issue());
  a.commentaire = c.commentaire();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<RecommandationNationaleEmise> ActeDe(
    const v1::RecommandationNationale& c) {
  FieldViolations v;
  RecommandationNationaleEmise a;
  a.texte = c.texte();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<RecoursPrealableDeclare> ActeDe(const v1::RecoursPrealable& c) {
  FieldViolations v;
  RecoursPrealableDeclare a;
  a.reference = c.reference();
  a.date_saisine_cra = Date(v, c.date_saisine_cra(), "date_saisine_cra");
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<DecisionRecoursCra> ActeDe(const v1::ChoixRecoursCra& c) {
  FieldViolations v;
  DecisionRecoursCra a;
  a.maintenu = c.maintenu();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<DecisionCraRendue> ActeDe(const v1::DecisionCra& c) {
  FieldViolations v;
  DecisionCraRendue a;
  a.sens = static_cast<SensDecisionCra>(c.sens());
  a.voies_et_delais_mentionnes = c.voies_et_delais_mentionnes();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<PriseEnChargeConfirmee> ActeDe(const v1::PriseEnCharge& c) {
  FieldViolations v;
  PriseEnChargeConfirmee a;
  a.commentaire = c.commentaire();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<ProfessionnelConvoque> ActeDe(const v1::Convocation& c) {
  FieldViolations v;
  ProfessionnelConvoque a;
  a.date_reunion = Date(v, c.date_reunion(), "date_reunion");
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

absl::StatusOr<ConciliationTenue> ActeDe(const v1::Conciliation& c) {
  FieldViolations v;
  ConciliationTenue a;
  a.compte_rendu = c.compte_rendu();
  a.date = Date(v, c.date(), "date");
  return Lu(v, std::move(a));
}

}  // namespace mediation
