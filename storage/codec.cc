#include "storage/codec.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/violations.h"
#include "domain/dates.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace mediation {
namespace {

std::string OptionalDate(const std::optional<absl::CivilDay>& day) {
  return day.has_value() ? FormatDate(*day) : std::string();
}

void RequerantToProto(const Requerant& r, v1::Requerant* p) {
  p->set_type(static_cast<v1::TypeRequerant>(r.type));
  p->set_nom(r.nom);
  p->set_prenom(r.prenom);
  p->set_nir(r.nir);
  p->set_identifiant_professionnel(r.identifiant_professionnel);
  p->set_commune(r.commune);
  p->set_email(r.email);
  p->set_telephone(r.telephone);
  p->set_adresse(r.adresse);
}

Requerant RequerantFromProto(const v1::Requerant& p) {
  return Requerant{static_cast<TypeRequerant>(p.type()),
                   p.nom(),
                   p.prenom(),
                   p.nir(),
                   p.identifiant_professionnel(),
                   p.commune(),
                   p.email(),
                   p.telephone(),
                   p.adresse()};
}

absl::StatusOr<ReclamationPrealable> ReclamationFromProto(
    const v1::ReclamationPrealable& p) {
  ReclamationPrealable reclamation;
  ASSIGN_OR_RETURN(reclamation.date,
                   ParseDate(p.date(), "reclamation_prealable.date"));
  reclamation.repondue = p.repondue();
  if (!p.date_reponse().empty()) {
    ASSIGN_OR_RETURN(
        reclamation.date_reponse,
        ParseDate(p.date_reponse(), "reclamation_prealable.date_reponse"));
  }
  return reclamation;
}

absl::StatusOr<DecisionContestee> DecisionFromProto(
    const v1::DecisionContestee& p) {
  DecisionContestee decision;
  ASSIGN_OR_RETURN(
      decision.date_notification,
      ParseDate(p.date_notification(), "decision_contestee.date_notification"));
  if (p.recours_mentionne() != v1::RECOURS_UNSPECIFIED) {
    decision.recours_mentionne = static_cast<Recours>(p.recours_mentionne());
  }
  decision.voies_et_delais_mentionnes = p.voies_et_delais_mentionnes();
  decision.description = p.description();
  return decision;
}

}  // namespace

void ToProto(const SaisineRecue& recue, v1::SaisineRecue* proto) {
  proto->set_caisse(recue.caisse);
  RequerantToProto(recue.requerant, proto->mutable_requerant());
  proto->set_canal(static_cast<v1::Canal>(recue.canal));
  proto->set_origine(static_cast<v1::Origine>(recue.origine));
  proto->set_date_reception(FormatDate(recue.date_reception));
  proto->set_date_envoi(OptionalDate(recue.date_envoi));
  v1::Objet* objet = proto->mutable_objet();
  objet->set_processus(static_cast<v1::Processus>(recue.objet.processus));
  objet->set_sous_processus(recue.objet.sous_processus);
  objet->set_description(recue.objet.description);
  objet->set_refus_de_soins(recue.objet.refus_de_soins);
  if (const auto& r = recue.reclamation_prealable; r.has_value()) {
    v1::ReclamationPrealable* p = proto->mutable_reclamation_prealable();
    p->set_date(FormatDate(r->date));
    p->set_repondue(r->repondue);
    p->set_date_reponse(OptionalDate(r->date_reponse));
  }
  if (const auto& d = recue.decision_contestee; d.has_value()) {
    v1::DecisionContestee* p = proto->mutable_decision_contestee();
    p->set_date_notification(FormatDate(d->date_notification));
    p->set_recours_mentionne(
        d->recours_mentionne.has_value()
            ? static_cast<v1::Recours>(*d->recours_mentionne)
            : v1::RECOURS_UNSPECIFIED);
    p->set_voies_et_delais_mentionnes(d->voies_et_delais_mentionnes);
    p->set_description(d->description);
  }
  proto->set_montant_centimes(recue.montant_centimes);
  proto->set_saisine_precedente(recue.saisine_precedente);
  proto->set_recours_contentieux_en_cours(recue.recours_contentieux_en_cours);
}

absl::StatusOr<SaisineRecue> FromProto(const v1::SaisineRecue& proto) {
  // Every date that does not parse is reported, not only the first.
  FieldViolations violations;
  SaisineRecue recue;
  recue.caisse = proto.caisse();
  recue.requerant = RequerantFromProto(proto.requerant());
  recue.canal = static_cast<Canal>(proto.canal());
  recue.origine = static_cast<Origine>(proto.origine());
  recue.date_reception =
      violations.Take(ParseDate(proto.date_reception(), "date_reception"))
          .value_or(absl::CivilDay());
  if (!proto.date_envoi().empty()) {
    recue.date_envoi =
        violations.Take(ParseDate(proto.date_envoi(), "date_envoi"));
  }
  recue.objet =
      Objet{static_cast<Processus>(proto.objet().processus()),
            proto.objet().sous_processus(), proto.objet().description(),
            proto.objet().refus_de_soins()};
  if (proto.has_reclamation_prealable()) {
    recue.reclamation_prealable =
        violations.Take(ReclamationFromProto(proto.reclamation_prealable()));
  }
  if (proto.has_decision_contestee()) {
    recue.decision_contestee =
        violations.Take(DecisionFromProto(proto.decision_contestee()));
  }
  recue.montant_centimes = proto.montant_centimes();
  recue.saisine_precedente = proto.saisine_precedente();
  recue.recours_contentieux_en_cours = proto.recours_contentieux_en_cours();
  RETURN_IF_ERROR(violations.ToStatus());
  return recue;
}

void EncodeEvent(const SaisineEvent& event, v1::EventRecord* record) {
  record->set_schema_version(kSchemaVersion);
  record->set_effective_date(FormatDate(EffectiveDate(event)));
  struct Encoder {
    v1::EventRecord* r;
    void operator()(const SaisineRecue& e) const {
      ToProto(e, r->mutable_saisine_recue());
    }
    void operator()(const SaisineRecevable& e) const {
      ToProto(e, r->mutable_saisine_recevable());
    }
    void operator()(const SaisineIrrecevable& e) const {
      ToProto(e, r->mutable_saisine_irrecevable());
    }
    void operator()(const SaisineOrientee& e) const {
      ToProto(e, r->mutable_saisine_orientee());
    }
    void operator()(const DelaiSuspendu& e) const {
      ToProto(e, r->mutable_delai_suspendu());
    }
    void operator()(const DelaiRepris& e) const {
      ToProto(e, r->mutable_delai_repris());
    }
    void operator()(const EchangeConsigne& e) const {
      ToProto(e, r->mutable_echange_consigne());
    }
    void operator()(const DonneesRectifiees& e) const {
      ToProto(e, r->mutable_donnees_rectifiees());
    }
    void operator()(const RecommandationEmise& e) const {
      ToProto(e, r->mutable_recommandation_emise());
    }
    void operator()(const DecisionDirection& e) const {
      ToProto(e, r->mutable_decision_direction());
    }
    void operator()(const ConclusionsCommuniquees& e) const {
      ToProto(e, r->mutable_conclusions_communiquees());
    }
    void operator()(const RecoursContentieuxEngage& e) const {
      ToProto(e, r->mutable_recours_contentieux_engage());
    }
    void operator()(const SaisineCloturee& e) const {
      ToProto(e, r->mutable_saisine_cloturee());
    }
    void operator()(const RecommandationNationaleEmise& e) const {
      ToProto(e, r->mutable_recommandation_nationale_emise());
    }
    void operator()(const RecoursPrealableDeclare& e) const {
      ToProto(e, r->mutable_recours_prealable_declare());
    }
    void operator()(const DecisionRecoursCra& e) const {
      ToProto(e, r->mutable_decision_recours_cra());
    }
    void operator()(const DecisionCraRendue& e) const {
      ToProto(e, r->mutable_decision_cra_rendue());
    }
    void operator()(const PriseEnChargeConfirmee& e) const {
      ToProto(e, r->mutable_prise_en_charge_confirmee());
    }
    void operator()(const ProfessionnelConvoque& e) const {
      ToProto(e, r->mutable_professionnel_convoque());
    }
    void operator()(const ConciliationTenue& e) const {
      ToProto(e, r->mutable_conciliation_tenue());
    }
  };
  std::visit(Encoder{record}, event);
}

namespace {

template <typename P>
absl::StatusOr<SaisineEvent> Decode(const P& payload) {
  auto event = FromProto(payload);
  if (!event.ok()) return event.status();
  return SaisineEvent(*std::move(event));
}

absl::StatusOr<SaisineEvent> DecodePayload(const v1::EventRecord& r) {
  using R = v1::EventRecord;
  switch (r.payload_case()) {
    case R::kSaisineRecue:
      return Decode(r.saisine_recue());
    case R::kSaisineRecevable:
      return Decode(r.saisine_recevable());
    case R::kSaisineIrrecevable:
      return Decode(r.saisine_irrecevable());
    case R::kSaisineOrientee:
      return Decode(r.saisine_orientee());
    case R::kDelaiSuspendu:
      return Decode(r.delai_suspendu());
    case R::kDelaiRepris:
      return Decode(r.delai_repris());
    case R::kEchangeConsigne:
      return Decode(r.echange_consigne());
    case R::kDonneesRectifiees:
      return Decode(r.donnees_rectifiees());
    case R::kRecommandationEmise:
      return Decode(r.recommandation_emise());
    case R::kDecisionDirection:
      return Decode(r.decision_direction());
    case R::kConclusionsCommuniquees:
      return Decode(r.conclusions_communiquees());
    case R::kRecoursContentieuxEngage:
      return Decode(r.recours_contentieux_engage());
    case R::kSaisineCloturee:
      return Decode(r.saisine_cloturee());
    case R::kRecommandationNationaleEmise:
      return Decode(r.recommandation_nationale_emise());
    case R::kRecoursPrealableDeclare:
      return Decode(r.recours_prealable_declare());
    case R::kDecisionRecoursCra:
      return Decode(r.decision_recours_cra());
    case R::kDecisionCraRendue:
      return Decode(r.decision_cra_rendue());
    case R::kPriseEnChargeConfirmee:
      return Decode(r.prise_en_charge_confirmee());
    case R::kProfessionnelConvoque:
      return Decode(r.professionnel_convoque());
    case R::kConciliationTenue:
      return Decode(r.conciliation_tenue());
    case R::PAYLOAD_NOT_SET:
      break;
  }
  return absl::DataLossError("no payload this build knows");
}

}  // namespace

absl::StatusOr<SaisineEvent> DecodeEvent(const v1::EventRecord& record) {
  absl::StatusOr<SaisineEvent> event = DecodePayload(record);
  if (!event.ok()) {
    return absl::DataLossError(
        absl::StrCat("event at position ", record.global_position(),
                     " does not decode: ", event.status().message()));
  }
  return event;
}

v1::EventRecord ToRecord(const RecordedEvent& event) {
  v1::EventRecord record;
  ToRecord(event, &record);
  return record;
}

void ToRecord(const RecordedEvent& event, v1::EventRecord* record) {
  const EventMetadata& m = event.metadata;
  record->set_event_id(m.event_id);
  record->set_stream_id(m.stream_id);
  record->set_stream_version(m.stream_version);
  record->set_global_position(m.global_position);
  record->set_recorded_at_micros(absl::ToUnixMicros(m.recorded_at));
  record->set_actor(m.actor);
  record->set_correlation_id(m.correlation_id);
  record->set_causation_id(m.causation_id);
  record->set_request_id(m.request_id);
  record->set_hash(m.hash);
  EncodeEvent(event.event, record);  // Sets schema version, effective date.
}

absl::StatusOr<RecordedEvent> FromRecord(const v1::EventRecord& record) {
  RecordedEvent event;
  RETURN_IF_ERROR(FromRecord(record, event));
  return event;
}

absl::Status FromRecord(const v1::EventRecord& record, RecordedEvent& event) {
  ASSIGN_OR_RETURN(event.event, DecodeEvent(record));
  EventMetadata& m = event.metadata;
  m.event_id = record.event_id();
  m.stream_id = record.stream_id();
  m.stream_version = record.stream_version();
  m.global_position = record.global_position();
  m.schema_version = record.schema_version();
  m.recorded_at = absl::FromUnixMicros(record.recorded_at_micros());
  absl::StatusOr<absl::CivilDay> effective =
      ParseDate(record.effective_date(), "effective_date");
  if (!effective.ok()) {
    return absl::DataLossError(absl::StrCat("event at position ",
                                            record.global_position(), ": ",
                                            effective.status().message()));
  }
  m.effective_date = *effective;
  m.actor = record.actor();
  m.correlation_id = record.correlation_id();
  m.causation_id = record.causation_id();
  m.request_id = record.request_id();
  m.hash = record.hash();
  return absl::OkStatus();
}

std::string PayloadTypeName(const v1::EventRecord& record) {
  // The payload message's name is the type tag users read ("SaisineRecue").
  const google::protobuf::FieldDescriptor* field =
      record.GetDescriptor()->FindFieldByNumber(record.payload_case());
  return field == nullptr ? "inconnu" : field->message_type()->name();
}

absl::Status ParseStored(absl::string_view bytes, absl::string_view what,
                         google::protobuf::MessageLite* message) {
  if (!message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat(what, " does not parse"));
  }
  return absl::OkStatus();
}

std::string SerializeDeterministic(
    const google::protobuf::MessageLite& message) {
  // Sized once, written in place: no growing of the string as it fills.
  const size_t size = message.ByteSizeLong();
  std::string bytes(size, '\0');
  {
    google::protobuf::io::ArrayOutputStream output(bytes.data(),
                                                   static_cast<int>(size));
    google::protobuf::io::CodedOutputStream coded(&output);
    coded.SetSerializationDeterministic(true);
    message.SerializeWithCachedSizes(&coded);
  }
  return bytes;
}

}  // namespace mediation
