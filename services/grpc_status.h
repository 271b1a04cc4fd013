// The one conversion point from absl::Status to grpc::Status. The canonical
// codes are the same in both; the message is kept.
#ifndef MEDIATION_SERVICES_GRPC_STATUS_H_
#define MEDIATION_SERVICES_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace mediation {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_GRPC_STATUS_H_
