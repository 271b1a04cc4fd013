// Small helpers shared by the gRPC handlers.
#ifndef MEDIATION_SERVICES_HANDLER_UTIL_H_
#define MEDIATION_SERVICES_HANDLER_UTIL_H_

#include <string>

#include "absl/status/status.h"
#include "grpcpp/server_context.h"
#include "services/grpc_status.h"

namespace mediation {

// Finishes the call of `context` with `status` and returns its reactor.
inline grpc::ServerUnaryReactor* Finish(grpc::CallbackServerContext* context,
                                        const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

// Who is calling, as recorded in the events' actor.
std::string ActorOf(const grpc::CallbackServerContext& context);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_HANDLER_UTIL_H_
