// The one conversion point from absl::Status to grpc::Status. The canonical
// codes are the same in both; the message is kept. Every error also carries,
// in the standard `grpc-status-details-bin` trailer, a google.rpc.Status
// with (AIP-193):
//   - google.rpc.ErrorInfo: `reason` (a constant per kind of failure, e.g.
//     "CHAMP_INVALIDE", "TRANSITION_INTERDITE", "VERSION_PERIMEE"), `domain`
//     "mediation.assurance-maladie.fr";
//   - for INVALID_ARGUMENT, google.rpc.BadRequest with every field
//     violation the status carries (base/violations.h).
#ifndef MEDIATION_SERVICES_GRPC_STATUS_H_
#define MEDIATION_SERVICES_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace mediation {

inline constexpr char kErrorDomain[] = "mediation.assurance-maladie.fr";

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_GRPC_STATUS_H_
