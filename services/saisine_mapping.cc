#include "services/saisine_mapping.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "base/status_macros.h"
#include "domain/dates.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "storage/codec.h"

namespace mediation {
namespace {

using google::protobuf::util::TimeUtil;

absl::StatusOr<std::optional<absl::CivilDay>> OptionalDate(
    const std::string& text, absl::string_view field) {
  if (text.empty()) return std::nullopt;
  ASSIGN_OR_RETURN(absl::CivilDay day, ParseDate(text, field));
  return day;
}

}  // namespace

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
}

void SaisineToApi(const SaisineRecord& record, v1::Saisine* saisine) {
  v1::SaisineRecue recue;
  ToProto(record.state.recue, &recue);
  saisine->set_saisine_id(record.saisine_id);
  saisine->set_version(record.state.version);
  saisine->set_statut(record.state.statut.has_value()
                          ? static_cast<v1::Statut>(*record.state.statut)
                          : v1::STATUT_UNSPECIFIED);
  saisine->set_caisse(recue.caisse());
  *saisine->mutable_requerant() = std::move(*recue.mutable_requerant());
  saisine->set_canal(recue.canal());
  saisine->set_origine(recue.origine());
  saisine->set_date_reception(recue.date_reception());
  saisine->set_date_envoi(recue.date_envoi());
  *saisine->mutable_objet() = std::move(*recue.mutable_objet());
  if (recue.has_reclamation_prealable()) {
    *saisine->mutable_reclamation_prealable() =
        std::move(*recue.mutable_reclamation_prealable());
  }
  if (recue.has_decision_contestee()) {
    *saisine->mutable_decision_contestee() =
        std::move(*recue.mutable_decision_contestee());
  }
  saisine->set_montant_centimes(recue.montant_centimes());
  saisine->set_saisine_precedente(recue.saisine_precedente());
  saisine->set_recours_contentieux_en_cours(
      recue.recours_contentieux_en_cours());
  *saisine->mutable_enregistree_le() = ToTimestamp(record.enregistree_le);
  *saisine->mutable_modifiee_le() = ToTimestamp(record.modifiee_le);
  DecisionsToApi(record.state, saisine);
}

void DecisionsToApi(const SaisineState& s, v1::Saisine* saisine) {
  if (s.recevabilite) {
    const SaisineRecevable& r = *s.recevabilite;
    v1::Recevabilite* out = saisine->mutable_recevabilite();
    out->set_fondement(static_cast<v1::FondementRecevabilite>(r.fondement));
    if (r.motif_premiere_intention) {
      out->set_motif_premiere_intention(
          static_cast<v1::MotifPremiereIntention>(*r.motif_premiere_intention));
    }
    if (r.exception) {
      out->set_exception(static_cast<v1::ExceptionRecevabilite>(*r.exception));
    }
    out->set_justification(r.justification);
    out->set_date_notification(FormatDate(r.date_notification));
  }
  if (s.irrecevabilite) {
    const SaisineIrrecevable& i = *s.irrecevabilite;
    v1::Irrecevabilite* out = saisine->mutable_irrecevabilite();
    out->set_motif(static_cast<v1::MotifIrrecevabilite>(i.motif));
    out->set_explication(i.explication);
    out->set_orientation(static_cast<v1::Destination>(i.orientation));
    out->set_date_notification(FormatDate(i.date_notification));
  }
  for (const SaisineOrientee& o : s.orientations) {
    v1::Orientation* out = saisine->add_orientations();
    out->set_destination(static_cast<v1::Destination>(o.destination));
    out->set_commentaire(o.commentaire);
    out->set_date(FormatDate(o.date));
  }
  for (const RecommandationEmise& r : s.recommandations) {
    v1::Recommandation* out = saisine->add_recommandations();
    out->set_type(static_cast<v1::TypeRecommandation>(r.type));
    out->set_texte(r.texte);
    out->set_date(FormatDate(r.date));
  }
  if (s.cloture) {
    v1::Cloture* out = saisine->mutable_cloture();
    out->set_issue(static_cast<v1::IssueCloture>(s.cloture->issue));
    out->set_commentaire(s.cloture->commentaire);
    out->set_date(FormatDate(s.cloture->date));
  }
  if (s.terminee_le) saisine->set_terminee_le(FormatDate(*s.terminee_le));
}

absl::StatusOr<SaisineFilter> FilterFromRequest(
    const v1::ListSaisinesRequest& request) {
  SaisineFilter filter;
  filter.caisse = request.caisse();
  if (request.statut() != v1::STATUT_UNSPECIFIED) {
    if (!IsDefinedEnumValue(request.statut(), kStatutMax)) {
      return absl::InvalidArgumentError("statut: unknown value");
    }
    filter.statut = static_cast<Statut>(request.statut());
  }
  ASSIGN_OR_RETURN(filter.recue_depuis,
                   OptionalDate(request.recue_depuis(), "recue_depuis"));
  ASSIGN_OR_RETURN(filter.recue_jusqu_au,
                   OptionalDate(request.recue_jusqu_au(), "recue_jusqu_au"));
  if (filter.recue_depuis && filter.recue_jusqu_au &&
      *filter.recue_depuis > *filter.recue_jusqu_au) {
    return absl::InvalidArgumentError("recue_jusqu_au: before recue_depuis");
  }
  return filter;
}

void EvenementToApi(const RecordedEvent& event, const std::string& caisse,
                    v1::Evenement* evenement) {
  const v1::EventRecord record = ToRecord(event);
  evenement->set_saisine_id(record.stream_id());
  evenement->set_caisse(caisse);
  evenement->set_hash(absl::BytesToHexString(event.metadata.hash));
  evenement->set_event_id(record.event_id());
  evenement->set_type(PayloadTypeName(record));
  evenement->set_schema_version(record.schema_version());
  evenement->set_version(record.stream_version());
  evenement->set_global_position(record.global_position());
  *evenement->mutable_enregistre_le() = ToTimestamp(event.metadata.recorded_at);
  evenement->set_date_effet(record.effective_date());
  evenement->set_acteur(record.actor());
  evenement->set_correlation_id(record.correlation_id());
  evenement->set_causation_id(record.causation_id());
  evenement->set_request_id(record.request_id());
  const google::protobuf::FieldDescriptor* payload =
      record.GetDescriptor()->FindFieldByNumber(record.payload_case());
  if (payload != nullptr) {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    std::string json;
    // Printing a message this build defines, and reading its JSON back as
    // a Struct, cannot fail.
    if (google::protobuf::util::MessageToJsonString(
            record.GetReflection()->GetMessage(record, payload), &json, options)
            .ok()) {
      if (!google::protobuf::util::JsonStringToMessage(
               json, evenement->mutable_contenu())
               .ok()) {
        evenement->clear_contenu();
      }
    }
  }
}

void RapportToApi(const IntegrityReport& report,
                  v1::VerifierIntegriteResponse* out) {
  out->set_intact(report.intact);
  out->set_evenements_verifies(report.events_verified);
  out->set_position_invalide(report.first_bad_position);
  out->set_saisine_invalide(report.first_bad_stream);
  out->set_version_invalide(report.first_bad_version);
  out->set_raison(report.reason);
  out->set_ancres_verifiees(report.anchors_verified);
  out->set_derniere_ancre_position(report.last_anchor_position);
}

}  // namespace mediation
