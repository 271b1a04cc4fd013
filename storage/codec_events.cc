// Codec of the mediator's acts: domain event <-> proto payload.
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "domain/dates.h"
#include "storage/codec.h"

namespace mediation {
namespace {

template <typename E, typename P>
E As(P value) {
  return static_cast<E>(value);
}

template <typename E>
std::optional<E> Optional(int value) {
  return value == 0 ? std::nullopt : std::optional<E>(static_cast<E>(value));
}

template <typename E>
int Value(const std::optional<E>& value) {
  return value.has_value() ? static_cast<int>(*value) : 0;
}

}  // namespace

void ToProto(const SaisineRecevable& e, v1::SaisineRecevable* p) {
  p->set_fondement(As<v1::FondementRecevabilite>(e.fondement));
  p->set_motif_premiere_intention(
      As<v1::MotifPremiereIntention>(Value(e.motif_premiere_intention)));
  p->set_exception(As<v1::ExceptionRecevabilite>(Value(e.exception)));
  p->set_justification(e.justification);
  p->set_date_notification(FormatDate(e.date_notification));
}

absl::StatusOr<SaisineRecevable> FromProto(const v1::SaisineRecevable& p) {
  SaisineRecevable e;
  e.fondement = As<FondementRecevabilite>(p.fondement());
  e.motif_premiere_intention =
      Optional<MotifPremiereIntention>(p.motif_premiere_intention());
  e.exception = Optional<ExceptionRecevabilite>(p.exception());
  e.justification = p.justification();
  ASSIGN_OR_RETURN(e.date_notification,
                   ParseDate(p.date_notification(), "date_notification"));
  return e;
}

void ToProto(const SaisineIrrecevable& e, v1::SaisineIrrecevable* p) {
  p->set_motif(As<v1::MotifIrrecevabilite>(e.motif));
  p->set_explication(e.explication);
  p->set_orientation(As<v1::Destination>(e.orientation));
  p->set_date_notification(FormatDate(e.date_notification));
}

absl::StatusOr<SaisineIrrecevable> FromProto(const v1::SaisineIrrecevable& p) {
  SaisineIrrecevable e;
  e.motif = As<MotifIrrecevabilite>(p.motif());
  e.explication = p.explication();
  e.orientation = As<Destination>(p.orientation());
  ASSIGN_OR_RETURN(e.date_notification,
                   ParseDate(p.date_notification(), "date_notification"));
  return e;
}

void ToProto(const SaisineOrientee& e, v1::SaisineOrientee* p) {
  p->set_destination(As<v1::Destination>(e.destination));
  p->set_commentaire(e.commentaire);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<SaisineOrientee> FromProto(const v1::SaisineOrientee& p) {
  SaisineOrientee e;
  e.destination = As<Destination>(p.destination());
  e.commentaire = p.commentaire();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const DelaiSuspendu& e, v1::DelaiSuspendu* p) {
  p->set_debut(FormatDate(e.debut));
}

absl::StatusOr<DelaiSuspendu> FromProto(const v1::DelaiSuspendu& p) {
  DelaiSuspendu e;
  ASSIGN_OR_RETURN(e.debut, ParseDate(p.debut(), "debut"));
  return e;
}

void ToProto(const DelaiRepris& e, v1::DelaiRepris* p) {
  p->set_fin(FormatDate(e.fin));
  p->set_motif(As<v1::MotifReprise>(e.motif));
}

absl::StatusOr<DelaiRepris> FromProto(const v1::DelaiRepris& p) {
  DelaiRepris e;
  ASSIGN_OR_RETURN(e.fin, ParseDate(p.fin(), "fin"));
  e.motif = As<MotifReprise>(p.motif());
  return e;
}

void ToProto(const EchangeConsigne& e, v1::EchangeConsigne* p) {
  p->set_date(FormatDate(e.date));
  p->set_interlocuteur(As<v1::Interlocuteur>(e.interlocuteur));
  p->set_resume(e.resume);
}

absl::StatusOr<EchangeConsigne> FromProto(const v1::EchangeConsigne& p) {
  EchangeConsigne e;
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  e.interlocuteur = As<Interlocuteur>(p.interlocuteur());
  e.resume = p.resume();
  return e;
}

void ToProto(const DonneesRectifiees& e, v1::DonneesRectifiees* p) {
  ToProto(e.corrigee, p->mutable_corrigee());
  p->set_motif(e.motif);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<DonneesRectifiees> FromProto(const v1::DonneesRectifiees& p) {
  DonneesRectifiees e;
  ASSIGN_OR_RETURN(e.corrigee, FromProto(p.corrigee()));
  e.motif = p.motif();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const RecommandationEmise& e, v1::RecommandationEmise* p) {
  p->set_type(As<v1::TypeRecommandation>(e.type));
  p->set_texte(e.texte);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<RecommandationEmise> FromProto(
    const v1::RecommandationEmise& p) {
  RecommandationEmise e;
  e.type = As<TypeRecommandation>(p.type());
  e.texte = p.texte();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const DecisionDirection& e, v1::DecisionDirection* p) {
  p->set_acceptee(e.acceptee);
  p->set_motif(e.motif);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<DecisionDirection> FromProto(const v1::DecisionDirection& p) {
  DecisionDirection e;
  e.acceptee = p.acceptee();
  e.motif = p.motif();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const ConclusionsCommuniquees& e, v1::ConclusionsCommuniquees* p) {
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<ConclusionsCommuniquees> FromProto(
    const v1::ConclusionsCommuniquees& p) {
  ConclusionsCommuniquees e;
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const RecoursContentieuxEngage& e,
             v1::RecoursContentieuxEngage* p) {
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<RecoursContentieuxEngage> FromProto(
    const v1::RecoursContentieuxEngage& p) {
  RecoursContentieuxEngage e;
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const RecommandationNationaleEmise& e,
             v1::RecommandationNationaleEmise* p) {
  p->set_texte(e.texte);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<RecommandationNationaleEmise> FromProto(
    const v1::RecommandationNationaleEmise& p) {
  RecommandationNationaleEmise e;
  e.texte = p.texte();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const RecoursPrealableDeclare& e, v1::RecoursPrealableDeclare* p) {
  p->set_reference(e.reference);
  p->set_date_saisine_cra(FormatDate(e.date_saisine_cra));
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<RecoursPrealableDeclare> FromProto(
    const v1::RecoursPrealableDeclare& p) {
  RecoursPrealableDeclare e;
  e.reference = p.reference();
  ASSIGN_OR_RETURN(e.date_saisine_cra,
                   ParseDate(p.date_saisine_cra(), "date_saisine_cra"));
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const DecisionRecoursCra& e, v1::DecisionRecoursCra* p) {
  p->set_maintenu(e.maintenu);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<DecisionRecoursCra> FromProto(const v1::DecisionRecoursCra& p) {
  DecisionRecoursCra e;
  e.maintenu = p.maintenu();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const SaisineCloturee& e, v1::SaisineCloturee* p) {
  p->set_issue(As<v1::IssueCloture>(e.issue));
  p->set_commentaire(e.commentaire);
  p->set_date(FormatDate(e.date));
}

void ToProto(const DecisionCraRendue& e, v1::DecisionCraRendue* p) {
  p->set_sens(As<v1::SensDecisionCra>(e.sens));
  p->set_voies_et_delais_mentionnes(e.voies_et_delais_mentionnes);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<DecisionCraRendue> FromProto(const v1::DecisionCraRendue& p) {
  DecisionCraRendue e;
  e.sens = As<SensDecisionCra>(p.sens());
  e.voies_et_delais_mentionnes = p.voies_et_delais_mentionnes();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const PriseEnChargeConfirmee& e, v1::PriseEnChargeConfirmee* p) {
  p->set_commentaire(e.commentaire);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<PriseEnChargeConfirmee> FromProto(
    const v1::PriseEnChargeConfirmee& p) {
  PriseEnChargeConfirmee e;
  e.commentaire = p.commentaire();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const ProfessionnelConvoque& e, v1::ProfessionnelConvoque* p) {
  p->set_date_reunion(FormatDate(e.date_reunion));
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<ProfessionnelConvoque> FromProto(
    const v1::ProfessionnelConvoque& p) {
  ProfessionnelConvoque e;
  ASSIGN_OR_RETURN(e.date_reunion, ParseDate(p.date_reunion(), "date_reunion"));
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

void ToProto(const ConciliationTenue& e, v1::ConciliationTenue* p) {
  p->set_compte_rendu(e.compte_rendu);
  p->set_date(FormatDate(e.date));
}

absl::StatusOr<ConciliationTenue> FromProto(const v1::ConciliationTenue& p) {
  ConciliationTenue e;
  e.compte_rendu = p.compte_rendu();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

absl::StatusOr<SaisineCloturee> FromProto(const v1::SaisineCloturee& p) {
  SaisineCloturee e;
  e.issue = As<IssueCloture>(p.issue());
  e.commentaire = p.commentaire();
  ASSIGN_OR_RETURN(e.date, ParseDate(p.date(), "date"));
  return e;
}

}  // namespace mediation
