// The act commands of the API (actes.proto) mapped to the domain's acts.
// Each mapping reports every field it cannot read (INVALID_ARGUMENT with
// one violation per field, named from the request: "acte.date"); enum values
// are copied as they are, the domain refuses unknown ones.
#ifndef MEDIATION_SERVICES_ACTE_MAPPING_H_
#define MEDIATION_SERVICES_ACTE_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/violations.h"
#include "domain/saisine.h"
#include "mediation/v1/actes.pb.h"
#include "mediation/v1/events.pb.h"
#include "storage/codec.h"
#include "storage/proto_arena.h"

namespace mediation {

absl::StatusOr<SaisineRecevable> ActeDe(const v1::Recevabilite& c);
absl::StatusOr<SaisineIrrecevable> ActeDe(const v1::Irrecevabilite& c);
absl::StatusOr<SaisineOrientee> ActeDe(const v1::Orientation& c);
absl::StatusOr<EchangeConsigne> ActeDe(const v1::Echange& c);
absl::StatusOr<DonneesRectifiees> ActeDe(const v1::Rectification& c);
absl::StatusOr<RecommandationEmise> ActeDe(const v1::Recommandation& c);
absl::StatusOr<DecisionDirection> ActeDe(const v1::DecisionEquite& c);
absl::StatusOr<ConclusionsCommuniquees> ActeDe(const v1::Conclusions& c);
absl::StatusOr<RecoursContentieuxEngage> ActeDe(
    const v1::RecoursContentieux& c);
absl::StatusOr<SaisineCloturee> ActeDe(const v1::Cloture& c);
absl::StatusOr<RecommandationNationaleEmise> ActeDe(
    const v1::RecommandationNationale& c);
absl::StatusOr<RecoursPrealableDeclare> ActeDe(const v1::RecoursPrealable& c);
absl::StatusOr<DecisionRecoursCra> ActeDe(const v1::ChoixRecoursCra& c);
absl::StatusOr<DecisionCraRendue> ActeDe(const v1::DecisionCra& c);
absl::StatusOr<PriseEnChargeConfirmee> ActeDe(const v1::PriseEnCharge& c);
absl::StatusOr<ProfessionnelConvoque> ActeDe(const v1::Convocation& c);
absl::StatusOr<ConciliationTenue> ActeDe(const v1::Conciliation& c);

// Copies the registration fields (those of DonneesSaisine) from any message
// that has them to another (DeposerSaisineRequest, TransmettreDossierRequest,
// DonneesSaisine, the persisted SaisineRecue…).
template <typename From, typename To>
void CopierDonnees(const From& from, To* to) {
  to->set_caisse(from.caisse());
  *to->mutable_requerant() = from.requerant();
  to->set_canal(from.canal());
  to->set_origine(from.origine());
  to->set_date_reception(from.date_reception());
  to->set_date_envoi(from.date_envoi());
  *to->mutable_objet() = from.objet();
  if (from.has_reclamation_prealable()) {
    *to->mutable_reclamation_prealable() = from.reclamation_prealable();
  }
  if (from.has_decision_contestee()) {
    *to->mutable_decision_contestee() = from.decision_contestee();
  }
  to->set_montant_centimes(from.montant_centimes());
  to->set_saisine_precedente(from.saisine_precedente());
  to->set_recours_contentieux_en_cours(from.recours_contentieux_en_cours());
}

// The registration data of any message with the fields of DonneesSaisine,
// fields named with `prefix` ("acte.corrigee.").
template <typename M>
absl::StatusOr<SaisineRecue> RecueDe(const M& m, absl::string_view prefix) {
  // The copy is read once: its submessages and string objects are put in a
  // block on the stack rather than allocated one by one.
  ProtoArena<2048> arena;
  auto* proto = arena.Create<v1::SaisineRecue>();
  CopierDonnees(m, proto);
  absl::StatusOr<SaisineRecue> recue = FromProto(*proto);
  if (!recue.ok()) return WithFieldPrefix(recue.status(), prefix);
  return recue;
}

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ACTE_MAPPING_H_
