// Mapping between the gRPC API messages and the domain / storage types.
// Decoding API input returns INVALID_ARGUMENT naming the request field.
#ifndef MEDIATION_SERVICES_SAISINE_MAPPING_H_
#define MEDIATION_SERVICES_SAISINE_MAPPING_H_

#include "absl/status/statusor.h"
#include "domain/saisine.h"
#include "mediation/v1/accueil.pb.h"
#include "mediation/v1/audit.pb.h"
#include "storage/event_store.h"
#include "storage/integrity.h"
#include "storage/saisine_projection.h"

namespace mediation {

google::protobuf::Timestamp ToTimestamp(absl::Time time);

// The integrity report as VerifierIntegrite answers it, and as the offline
// verifier prints it.
void RapportToApi(const IntegrityReport& report,
                  v1::VerifierIntegriteResponse* out);

void SaisineToApi(const SaisineRecord& record, v1::Saisine* saisine);

// The mediator's decisions on `state` (recevabilité or irrecevabilité,
// orientations, recommandations, closure, end date) into `saisine`.
void DecisionsToApi(const SaisineState& state, v1::Saisine* saisine);

absl::StatusOr<SaisineFilter> FilterFromRequest(
    const v1::ListSaisinesRequest& request);

// The event with its metadata, its payload as a structure (its proto3 JSON
// form); `caisse` is its saisine's.
void EvenementToApi(const RecordedEvent& event, const std::string& caisse,
                    v1::Evenement* evenement);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_SAISINE_MAPPING_H_
