// ActeExecutor: how every act on an existing saisine is carried out, whoever
// acts (the mediator, the director, the national direction, the CRA):
// authorise; answer a retried request id with its first result; decode the
// act; read the saisine; check its caisse and expected version; let the
// domain decide; append with the version read as the expected one; answer
// once durable. An act that names its version (version_attendue > 0) is
// ABORTED when a concurrent act lands first; one sent with version 0 ("the
// current one") is then decided again on the new state, up to
// kMaxTentatives times, and never ABORTED for a version it did not name.
#ifndef MEDIATION_SERVICES_ACTE_EXECUTOR_H_
#define MEDIATION_SERVICES_ACTE_EXECUTOR_H_

#include <functional>
#include <memory>
#include <variant>
#include <vector>

#include "domain/saisine.h"
#include "grpcpp/server_context.h"
#include "mediation/v1/actes.pb.h"
#include "services/acte_mapping.h"
#include "services/dependencies.h"
#include "storage/event_store.h"

namespace mediation {

class ActeExecutor {
 public:
  // What an act decides on a saisine's state, on a given day at its caisse.
  using Decision = std::function<absl::StatusOr<std::vector<SaisineEvent>>(
      const SaisineState& state, absl::CivilDay today)>;

  explicit ActeExecutor(const Dependencies& deps) : deps_(deps) {}

  // Each loss of the race means another act was recorded: an act among N
  // concurrent ones on a saisine is decided at most N times.
  static constexpr int kMaxTentatives = 32;

  // Finishes the call with the act's outcome in `response`, any message
  // with the fields saisine_id, version and rejoue (every act's response).
  template <typename Response>
  grpc::ServerUnaryReactor* Executer(grpc::CallbackServerContext* context,
                                     absl::string_view method,
                                     const google::protobuf::Message& request,
                                     const v1::ActeCommun& commun,
                                     absl::StatusOr<Decision> decision,
                                     Response* response) const {
    return Executer(context, method, request, commun, std::move(decision),
                    [response](const AppendResult& result) {
                      response->set_saisine_id(result.stream_id);
                      response->set_version(result.last_version);
                      response->set_rejoue(result.replayed);
                    });
  }

 private:
  using Repondre = std::function<void(const AppendResult&)>;

  grpc::ServerUnaryReactor* Executer(grpc::CallbackServerContext* context,
                                     absl::string_view method,
                                     const google::protobuf::Message& request,
                                     const v1::ActeCommun& commun,
                                     absl::StatusOr<Decision> decision,
                                     Repondre repondre) const;

  // Prepares and appends; on a conflict with version 0, again (at most
  // `restantes` more times); finishes `reactor`.
  void Lancer(grpc::CallbackServerContext* context, absl::string_view method,
              const google::protobuf::Message& request,
              const v1::ActeCommun& commun,
              std::shared_ptr<const Decision> decision, Repondre repondre,
              grpc::ServerUnaryReactor* reactor, int restantes) const;

  // The append to make, or the result of an earlier identical request.
  using Preparation = std::variant<AppendRequest, AppendResult>;

  absl::StatusOr<Preparation> Preparer(
      const grpc::CallbackServerContext& context, absl::string_view method,
      const google::protobuf::Message& request, const v1::ActeCommun& commun,
      absl::StatusOr<Decision> decision) const;

  const Dependencies& deps_;
};

// Reads an act's command and binds it to the domain function that decides it.
// The domain names the act's fields ("date"); the caller sent them in the
// request's `acte` ("acte.date"), like the mapping's errors.
template <typename Commande, typename Decide>
absl::StatusOr<ActeExecutor::Decision> Acte(const Commande& commande,
                                            Decide decide) {
  auto acte = ActeDe(commande);
  if (!acte.ok()) return acte.status();
  return ActeExecutor::Decision(
      [acte = *std::move(acte), decide](
          const SaisineState& state,
          absl::CivilDay today) -> absl::StatusOr<std::vector<SaisineEvent>> {
        absl::StatusOr<std::vector<SaisineEvent>> events =
            decide(state, acte, today);
        if (!events.ok()) return WithFieldPrefix(events.status(), "acte.");
        return events;
      });
}

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ACTE_EXECUTOR_H_
