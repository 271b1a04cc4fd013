#include "services/acte_executor.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/violations.h"
#include "security/authorization.h"
#include "services/fingerprint.h"
#include "services/handler_util.h"
#include "storage/saisine_projection.h"

namespace mediation {
namespace {

absl::StatusOr<std::optional<AppendResult>> Rejouer(
    const EventStore& store, const std::string& scope,
    const std::string& request_id, const std::string& fingerprint) {
  ASSIGN_OR_RETURN(std::optional<StoredRequest> earlier,
                   store.FindRequest(scope, request_id));
  if (!earlier.has_value()) return std::nullopt;
  if (earlier->fingerprint != fingerprint) {
    return absl::InvalidArgumentError(
        "commun.request_id: already used for a different request");
  }
  return earlier->result;
}

}  // namespace

absl::StatusOr<ActeExecutor::Preparation> ActeExecutor::Preparer(
    const grpc::CallbackServerContext& context, absl::string_view method,
    const google::protobuf::Message& request, const v1::ActeCommun& commun,
    absl::StatusOr<Decision> decision) const {
  ASSIGN_OR_RETURN(Principal principal,
                   Admettre(request, *deps_.authenticator, context, method));
  // Every faulty field at once: the header's and the act's.
  FieldViolations violations;
  violations.Add(CheckIdentifier(commun.request_id(), "commun.request_id"));
  violations.Add(CheckIdentifier(commun.saisine_id(), "commun.saisine_id"));
  if (!commun.correlation_id().empty()) {
    violations.Add(
        CheckIdentifier(commun.correlation_id(), "commun.correlation_id"));
  }
  violations.Add(decision.status());
  RETURN_IF_ERROR(violations.ToStatus());
  // The caller's rights on the saisine first: a replay answers only those
  // who may act on it (the same request names the same saisine).
  ASSIGN_OR_RETURN(SaisineRecord record,
                   GetSaisine(*deps_.projections, commun.saisine_id()));
  const SaisineState& state = record.state;
  RETURN_IF_ERROR(CheckCaisse(principal, state.recue.caisse));
  const std::string fingerprint = RequestFingerprint(request);
  const std::string scope = RequestScope(state.recue.caisse, request);
  ASSIGN_OR_RETURN(
      std::optional<AppendResult> earlier,
      Rejouer(*deps_.store, scope, commun.request_id(), fingerprint));
  if (earlier.has_value()) return *earlier;
  if (commun.version_attendue() != 0 &&
      commun.version_attendue() != state.version) {
    return absl::AbortedError(
        absl::StrCat("the saisine is at version ", state.version,
                     ", the act was decided on ", commun.version_attendue(),
                     ": read it again"));
  }
  ASSIGN_OR_RETURN(std::vector<SaisineEvent> events,
                   (*decision)(state, TodayAt(deps_, state.recue.caisse)));
  AppendRequest append;
  append.stream_id = commun.saisine_id();
  append.expected = ExpectedVersion::Exactly(state.version);
  for (SaisineEvent& event : events) {
    append.events.push_back(NewEvent{deps_.ids->NewId(), std::move(event)});
  }
  append.context.actor = principal.Acteur();
  append.context.correlation_id = commun.correlation_id();
  append.request_id = commun.request_id();
  append.fingerprint = fingerprint;
  append.request_scope = scope;
  return append;
}

grpc::ServerUnaryReactor* ActeExecutor::Executer(
    grpc::CallbackServerContext* context, absl::string_view method,
    const google::protobuf::Message& request, const v1::ActeCommun& commun,
    absl::StatusOr<Decision> decision, Repondre repondre) const {
  if (!decision.ok()) {
    // Still authorise first: a caller without rights learns nothing of the
    // request's faults.
    return Finish(context,
                  Preparer(*context, method, request, commun, decision.status())
                      .status());
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  Lancer(context, method, request, commun,
         std::make_shared<const Decision>(*std::move(decision)),
         std::move(repondre), reactor, kMaxTentatives - 1);
  return reactor;
}

void ActeExecutor::Lancer(grpc::CallbackServerContext* context,
                          absl::string_view method,
                          const google::protobuf::Message& request,
                          const v1::ActeCommun& commun,
                          std::shared_ptr<const Decision> decision,
                          Repondre repondre, grpc::ServerUnaryReactor* reactor,
                          int restantes) const {
  absl::StatusOr<Preparation> preparation =
      Preparer(*context, method, request, commun, *decision);
  if (!preparation.ok()) {
    reactor->Finish(ToGrpcStatus(preparation.status()));
    return;
  }
  if (auto* earlier = std::get_if<AppendResult>(&*preparation)) {
    repondre(*earlier);
    reactor->Finish(grpc::Status::OK);
    return;
  }
  // `context`, `request` and `commun` live until the reactor finishes; this
  // executor lives with the service.
  deps_.store->AppendAsync(
      std::get<AppendRequest>(*std::move(preparation)),
      [this, context, method, &request, &commun, decision, reactor, restantes,
       repondre =
           std::move(repondre)](absl::StatusOr<AppendResult> result) mutable {
        if (absl::IsAborted(result.status()) &&
            commun.version_attendue() == 0 && restantes > 0) {
          // Another act landed first: decide again on the new state.
          Lancer(context, method, request, commun, decision,
                 std::move(repondre), reactor, restantes - 1);
          return;
        }
        if (result.ok()) repondre(*result);
        reactor->Finish(ToGrpcStatus(result.status()));
      });
}

}  // namespace mediation
