#include "services/depot.h"

#include <utility>

#include "base/status_macros.h"
#include "base/violations.h"
#include "storage/saisine_projection.h"

namespace mediation {
namespace {

// The same answer whether the earlier saisine does not exist or is another
// caisse's.
absl::Status CheckPrecedente(const Dependencies& deps,
                             const Principal& principal,
                             const std::string& id) {
  RETURN_IF_ERROR(CheckIdentifier(id, "saisine_precedente"));
  absl::StatusOr<SaisineRecord> earlier =
      mediation::GetSaisine(*deps.projections, id);
  if (absl::IsNotFound(earlier.status()) ||
      (earlier.ok() && !principal.Couvre(earlier->state.recue.caisse))) {
    return InvalidField("saisine_precedente",
                        "no saisine with that id in this caisse");
  }
  return earlier.status();
}

}  // namespace

absl::StatusOr<AppendRequest> PreparerDepot(const Dependencies& deps,
                                            const Principal& principal,
                                            DemandeDepot demande) {
  FieldViolations violations;
  violations.Add(CheckIdentifier(demande.request_id, "request_id"));
  if (!demande.correlation_id.empty()) {
    violations.Add(CheckIdentifier(demande.correlation_id, "correlation_id"));
  }
  violations.Add(demande.recue.status());
  // Which caisse, before whether the caller covers it: a missing or unknown
  // code is the request's fault.
  if (demande.recue.ok()) {
    const std::string& caisse = demande.recue->caisse;
    if (caisse.empty()) {
      violations.Add("caisse", "required");
    } else {
      violations.Add(CheckCaisseConnue(deps, caisse, "caisse"));
    }
  }
  RETURN_IF_ERROR(violations.ToStatus());
  SaisineRecue& recue = *demande.recue;
  RETURN_IF_ERROR(CheckCaisse(principal, recue.caisse));
  if (!recue.saisine_precedente.empty()) {
    RETURN_IF_ERROR(CheckPrecedente(deps, principal, recue.saisine_precedente));
  }
  const absl::CivilDay today = TodayAt(deps, recue.caisse);
  const std::string scope = RequestScope(recue.caisse, *demande.request);
  ASSIGN_OR_RETURN(
      std::vector<SaisineEvent> events,
      DeciderDepot(SaisineState{}, std::move(recue), today, *deps.caisses));
  AppendRequest append;
  append.stream_id = deps.ids->NewId();
  append.expected = ExpectedVersion::NoStream();
  for (SaisineEvent& event : events) {
    append.events.push_back(NewEvent{deps.ids->NewId(), std::move(event)});
  }
  append.context.actor = principal.Acteur();
  append.context.correlation_id = std::move(demande.correlation_id);
  append.request_id = std::move(demande.request_id);
  append.fingerprint = std::move(demande.fingerprint);
  append.request_scope = scope;
  return append;
}

grpc::ServerUnaryReactor* Deposer(
    const Dependencies& deps, grpc::CallbackServerContext* context,
    absl::StatusOr<AppendRequest> append,
    std::function<void(const AppendResult&)> repondre) {
  if (!append.ok()) return Finish(context, append.status());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  deps.store->AppendAsync(*std::move(append),
                          [reactor, repondre = std::move(repondre)](
                              absl::StatusOr<AppendResult> result) {
                            if (result.ok()) repondre(*result);
                            reactor->Finish(ToGrpcStatus(result.status()));
                          });
  return reactor;
}

}  // namespace mediation
