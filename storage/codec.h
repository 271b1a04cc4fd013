// The one mapping between the domain's plain C++ types and their protobuf
// form (persisted events, projections, and the API's value types).
//
// Encoding never fails. Decoding API input returns INVALID_ARGUMENT naming the
// proto field (e.g. "reclamation_prealable.date"); decoding stored bytes
// returns DATA_LOSS, never a crash.
#ifndef MEDIATION_STORAGE_CODEC_H_
#define MEDIATION_STORAGE_CODEC_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/saisine.h"
#include "mediation/v1/events.pb.h"
#include "storage/event_store.h"

namespace mediation {

// Schema version written with every event payload of this build.
inline constexpr uint32_t kSchemaVersion = 1;

void ToProto(const SaisineRecue& recue, v1::SaisineRecue* proto);
// INVALID_ARGUMENT naming the field when a date does not parse. Enum values
// are copied as they are: domain validation refuses unknown ones.
absl::StatusOr<SaisineRecue> FromProto(const v1::SaisineRecue& proto);

// The mediator's acts (codec_events.cc).
void ToProto(const SaisineRecevable& e, v1::SaisineRecevable* p);
absl::StatusOr<SaisineRecevable> FromProto(const v1::SaisineRecevable& p);
void ToProto(const SaisineIrrecevable& e, v1::SaisineIrrecevable* p);
absl::StatusOr<SaisineIrrecevable> FromProto(const v1::SaisineIrrecevable& p);
void ToProto(const SaisineOrientee& e, v1::SaisineOrientee* p);
absl::StatusOr<SaisineOrientee> FromProto(const v1::SaisineOrientee& p);
void ToProto(const DelaiSuspendu& e, v1::DelaiSuspendu* p);
absl::StatusOr<DelaiSuspendu> FromProto(const v1::DelaiSuspendu& p);
void ToProto(const DelaiRepris& e, v1::DelaiRepris* p);
absl::StatusOr<DelaiRepris> FromProto(const v1::DelaiRepris& p);
void ToProto(const EchangeConsigne& e, v1::EchangeConsigne* p);
absl::StatusOr<EchangeConsigne> FromProto(const v1::EchangeConsigne& p);
void ToProto(const DonneesRectifiees& e, v1::DonneesRectifiees* p);
absl::StatusOr<DonneesRectifiees> FromProto(const v1::DonneesRectifiees& p);
void ToProto(const RecommandationEmise& e, v1::RecommandationEmise* p);
absl::StatusOr<RecommandationEmise> FromProto(const v1::RecommandationEmise& p);
void ToProto(const DecisionDirection& e, v1::DecisionDirection* p);
absl::StatusOr<DecisionDirection> FromProto(const v1::DecisionDirection& p);
void ToProto(const ConclusionsCommuniquees& e, v1::ConclusionsCommuniquees* p);
absl::StatusOr<ConclusionsCommuniquees> FromProto(
    const v1::ConclusionsCommuniquees& p);
void ToProto(const RecoursContentieuxEngage& e,
             v1::RecoursContentieuxEngage* p);
absl::StatusOr<RecoursContentieuxEngage> FromProto(
    const v1::RecoursContentieuxEngage& p);
void ToProto(const RecommandationNationaleEmise& e,
             v1::RecommandationNationaleEmise* p);
absl::StatusOr<RecommandationNationaleEmise> FromProto(
    const v1::RecommandationNationaleEmise& p);
void ToProto(const RecoursPrealableDeclare& e, v1::RecoursPrealableDeclare* p);
absl::StatusOr<RecoursPrealableDeclare> FromProto(
    const v1::RecoursPrealableDeclare& p);
void ToProto(const DecisionRecoursCra& e, v1::DecisionRecoursCra* p);
absl::StatusOr<DecisionRecoursCra> FromProto(const v1::DecisionRecoursCra& p);
void ToProto(const DecisionCraRendue& e, v1::DecisionCraRendue* p);
absl::StatusOr<DecisionCraRendue> FromProto(const v1::DecisionCraRendue& p);
void ToProto(const PriseEnChargeConfirmee& e, v1::PriseEnChargeConfirmee* p);
absl::StatusOr<PriseEnChargeConfirmee> FromProto(
    const v1::PriseEnChargeConfirmee& p);
void ToProto(const ProfessionnelConvoque& e, v1::ProfessionnelConvoque* p);
absl::StatusOr<ProfessionnelConvoque> FromProto(
    const v1::ProfessionnelConvoque& p);
void ToProto(const ConciliationTenue& e, v1::ConciliationTenue* p);
absl::StatusOr<ConciliationTenue> FromProto(const v1::ConciliationTenue& p);
void ToProto(const SaisineCloturee& e, v1::SaisineCloturee* p);
absl::StatusOr<SaisineCloturee> FromProto(const v1::SaisineCloturee& p);

// Sets the payload of `record` and its effective date.
void EncodeEvent(const SaisineEvent& event, v1::EventRecord* record);
// DATA_LOSS when the record has no payload this build knows, or a payload
// that does not decode.
absl::StatusOr<SaisineEvent> DecodeEvent(const v1::EventRecord& record);

// An event with its metadata, as stored.
v1::EventRecord ToRecord(const RecordedEvent& event);
// The same, into `record`, which must be empty (one on an arena, say).
void ToRecord(const RecordedEvent& event, v1::EventRecord* record);
// DATA_LOSS when the record does not decode.
absl::StatusOr<RecordedEvent> FromRecord(const v1::EventRecord& record);
// The same, into `event`, whose strings keep their memory: a scan that
// decodes each record into one event allocates for the metadata only when
// a value outgrows the one before. On error `event` is partly assigned.
absl::Status FromRecord(const v1::EventRecord& record, RecordedEvent& event);

// The payload case's name, e.g. "SaisineRecue"; "inconnu" for none.
std::string PayloadTypeName(const v1::EventRecord& record);

// Parses bytes read from the store; DATA_LOSS naming `what` when they do not
// parse.
absl::Status ParseStored(absl::string_view bytes, absl::string_view what,
                         google::protobuf::MessageLite* message);

// Deterministic serialisation (same message, same bytes), as projections
// rebuilt from the log must equal the incremental ones byte for byte.
std::string SerializeDeterministic(
    const google::protobuf::MessageLite& message);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_CODEC_H_
