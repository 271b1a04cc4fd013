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

// The registration data of any message with the fields of DonneesSaisine
// (DeposerSaisineRequest, TransmettreDossierRequest, …), fields named with
// `prefix` ("acte.corrigee.").
template <typename M>
absl::StatusOr<SaisineRecue> RecueDe(const M& m, absl::string_view prefix) {
  v1::SaisineRecue proto;
  proto.set_caisse(m.caisse());
  *proto.mutable_requerant() = m.requerant();
  proto.set_canal(m.canal());
  proto.set_origine(m.origine());
  proto.set_date_reception(m.date_reception());
  *proto.mutable_objet() = m.objet();
  if (m.has_reclamation_prealable()) {
    *proto.mutable_reclamation_prealable() = m.reclamation_prealable();
  }
  if (m.has_decision_contestee()) {
    *proto.mutable_decision_contestee() = m.decision_contestee();
  }
  proto.set_montant_centimes(m.montant_centimes());
  proto.set_saisine_precedente(m.saisine_precedente());
  proto.set_recours_contentieux_en_cours(m.recours_contentieux_en_cours());
  absl::StatusOr<SaisineRecue> recue = FromProto(proto);
  if (!recue.ok()) return WithFieldPrefix(recue.status(), prefix);
  return recue;
}

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ACTE_MAPPING_H_
