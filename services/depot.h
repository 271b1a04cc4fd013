// Registering a saisine, whoever registers it: the front office
// (AccueilService.DeposerSaisine), the CRA (CraService.TransmettreDossier)
// or the national direction (NationalService.TransmettreSaisine). Their
// requests have the same fields (those of DonneesSaisine, plus request_id
// and correlation_id).
#ifndef MEDIATION_SERVICES_DEPOT_H_
#define MEDIATION_SERVICES_DEPOT_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "security/authorization.h"
#include "security/principal.h"
#include "services/acte_mapping.h"
#include "services/dependencies.h"
#include "services/fingerprint.h"
#include "services/handler_util.h"
#include "storage/event_store.h"

namespace mediation {

// What a deposit request asks.
struct DemandeDepot {
  std::string request_id;
  std::string correlation_id;
  std::string fingerprint;
  // The request's type (its RPC), which scopes its request id with the
  // caisse.
  const google::protobuf::Message* request = nullptr;
  // The registration described, not yet validated by the domain.
  absl::StatusOr<SaisineRecue> recue;
};

template <typename Request>
DemandeDepot DemandeDe(const Request& request) {
  return DemandeDepot{request.request_id(), request.correlation_id(),
                      RequestFingerprint(request), &request,
                      RecueDe(request, "")};
}

// Validates a deposit by `principal` (its caisse must cover the saisine's,
// an earlier saisine must be one it covers) and returns the append that
// registers it under a new id. INVALID_ARGUMENT names every faulty field.
absl::StatusOr<AppendRequest> PreparerDepot(const Dependencies& deps,
                                            const Principal& principal,
                                            DemandeDepot demande);

// Appends a prepared deposit (or finishes with its error) and answers with
// `repondre` once it is durable.
grpc::ServerUnaryReactor* Deposer(
    const Dependencies& deps, grpc::CallbackServerContext* context,
    absl::StatusOr<AppendRequest> append,
    std::function<void(const AppendResult&)> repondre);

// The whole RPC: authorises `method`, sets the origin when the RPC imposes
// one, registers, answers in `response` (saisine_id, version, rejoue).
template <typename Request, typename Response>
grpc::ServerUnaryReactor* Deposer(const Dependencies& deps,
                                  grpc::CallbackServerContext* context,
                                  absl::string_view method,
                                  const Request& request,
                                  std::optional<Origine> origine,
                                  Response* response) {
  absl::StatusOr<Principal> principal =
      Admettre(request, *deps.authenticator, *context, method);
  if (!principal.ok()) return Finish(context, principal.status());
  DemandeDepot demande = DemandeDe(request);
  if (demande.recue.ok()) {
    if (origine.has_value()) {
      demande.recue->origine = *origine;
    } else if (!RoleMayDeclareOrigine(principal->role,
                                      demande.recue->origine)) {
      return Finish(context,
                    absl::PermissionDeniedError(
                        "origine: this role may not declare that origin; "
                        "it comes with its own transmission"));
    }
  }
  return Deposer(deps, context,
                 PreparerDepot(deps, *principal, std::move(demande)),
                 [response](const AppendResult& result) {
                   response->set_saisine_id(result.stream_id);
                   response->set_version(result.last_version);
                   response->set_rejoue(result.replayed);
                 });
}

}  // namespace mediation

#endif  // MEDIATION_SERVICES_DEPOT_H_
