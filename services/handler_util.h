// Small helpers shared by the gRPC handlers.
#ifndef MEDIATION_SERVICES_HANDLER_UTIL_H_
#define MEDIATION_SERVICES_HANDLER_UTIL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/server_context.h"
#include "services/dependencies.h"
#include "services/grpc_status.h"
#include "services/principal.h"
#include "storage/event_store.h"
#include "storage/saisine_projection.h"

namespace mediation {

// Finishes the call of `context` with `status` and returns its reactor.
inline grpc::ServerUnaryReactor* Finish(grpc::CallbackServerContext* context,
                                        const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

// The saisine as `principal` may see it: personal data masked for roles
// that do not need them.
SaisineRecord VuePour(const Principal& principal, SaisineRecord record);
RecordedEvent VuePour(const Principal& principal, RecordedEvent event);

// When `principal` sees personal data, records that it read those of
// `saisine_ids` through `rpc` (décret 2019-341: reads of the NIR are
// traced). UNAVAILABLE if the record cannot be written: then the data must
// not be handed out.
absl::Status TracerConsultation(const Dependencies& deps,
                                const Principal& principal,
                                absl::string_view rpc,
                                std::vector<std::string> saisine_ids);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_HANDLER_UTIL_H_
