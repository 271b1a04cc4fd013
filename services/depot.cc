#include "services/depot.h"

#include <utility>

#include "domain/status_macros.h"
#include "services/authorization.h"
#include "services/fingerprint.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"
#include "storage/saisine_projection.h"

namespace mediation {

absl::StatusOr<AppendRequest> PreparerDepot(
    const Dependencies& deps, const Principal& principal,
    const v1::DeposerSaisineRequest& request) {
  RETURN_IF_ERROR(CheckIdentifier(request.request_id(), "request_id"));
  if (!request.correlation_id().empty()) {
    RETURN_IF_ERROR(
        CheckIdentifier(request.correlation_id(), "correlation_id"));
  }
  ASSIGN_OR_RETURN(SaisineRecue recue, RecueFromRequest(request));
  RETURN_IF_ERROR(CheckCaisse(principal, recue.caisse));
  if (!recue.saisine_precedente.empty()) {
    RETURN_IF_ERROR(
        CheckIdentifier(recue.saisine_precedente, "saisine_precedente"));
    absl::StatusOr<SaisineRecord> earlier =
        mediation::GetSaisine(*deps.projections, recue.saisine_precedente);
    if (absl::IsNotFound(earlier.status()) ||
        (earlier.ok() && !principal.Couvre(earlier->state.recue.caisse))) {
      // The same answer whether it does not exist or is another caisse's.
      return absl::InvalidArgumentError(
          "saisine_precedente: no saisine with that id in this caisse");
    }
    RETURN_IF_ERROR(earlier.status());
  }
  ASSIGN_OR_RETURN(
      std::vector<SaisineEvent> events,
      DeciderDepot(SaisineState{}, std::move(recue),
                   TodayAt(deps, request.caisse()), *deps.caisses));
  AppendRequest append;
  append.stream_id = deps.ids->NewId();
  append.expected = ExpectedVersion::NoStream();
  for (SaisineEvent& event : events) {
    append.events.push_back(NewEvent{deps.ids->NewId(), std::move(event)});
  }
  append.context.actor = principal.Acteur();
  append.context.correlation_id = request.correlation_id();
  append.request_id = request.request_id();
  append.fingerprint = RequestFingerprint(request);
  return append;
}

grpc::ServerUnaryReactor* Deposer(const Dependencies& deps,
                                  grpc::CallbackServerContext* context,
                                  absl::StatusOr<AppendRequest> append,
                                  v1::DeposerSaisineResponse* response) {
  if (!append.ok()) return Finish(context, append.status());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  deps.store->AppendAsync(
      *std::move(append),
      [reactor, response](absl::StatusOr<AppendResult> result) {
        if (result.ok()) {
          response->set_saisine_id(result->stream_id);
          response->set_version(result->last_version);
          response->set_rejoue(result->replayed);
        }
        reactor->Finish(ToGrpcStatus(result.status()));
      });
  return reactor;
}

}  // namespace mediation
