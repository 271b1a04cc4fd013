// Registering a saisine, whoever registers it: the front office
// (AccueilService) or the national direction
// (NationalService.TransmettreSaisine).
#ifndef MEDIATION_SERVICES_DEPOT_H_
#define MEDIATION_SERVICES_DEPOT_H_

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "mediation/v1/accueil.pb.h"
#include "services/dependencies.h"
#include "services/principal.h"
#include "storage/event_store.h"

namespace mediation {

// Validates a deposit by `principal` (its caisse must cover the saisine's,
// an earlier saisine must be one it covers) and returns the append that
// registers it under a new id. INVALID_ARGUMENT names the field.
absl::StatusOr<AppendRequest> PreparerDepot(
    const Dependencies& deps, const Principal& principal,
    const v1::DeposerSaisineRequest& request);

// Appends a prepared deposit (or finishes with its error) and answers once
// it is durable.
grpc::ServerUnaryReactor* Deposer(const Dependencies& deps,
                                  grpc::CallbackServerContext* context,
                                  absl::StatusOr<AppendRequest> append,
                                  v1::DeposerSaisineResponse* response);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_DEPOT_H_
