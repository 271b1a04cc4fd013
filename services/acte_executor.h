// ActeExecutor: how every act on an existing saisine is carried out, whoever
// acts (the mediator, the director, the national direction, the CRA):
// authorise; answer a retried request id with its first result; decode the
// act; read the saisine; check its caisse and expected version; let the
// domain decide; append with the version read as the expected one (a
// concurrent act makes it ABORTED); answer once durable.
#ifndef MEDIATION_SERVICES_ACTE_EXECUTOR_H_
#define MEDIATION_SERVICES_ACTE_EXECUTOR_H_

#include <functional>
#include <variant>
#include <vector>

#include "domain/saisine.h"
#include "grpcpp/server_context.h"
#include "mediation/v1/mediation.pb.h"
#include "services/dependencies.h"
#include "storage/codec.h"
#include "storage/event_store.h"

namespace mediation {

class ActeExecutor {
 public:
  // What an act decides on a saisine's state, on a given day at its caisse.
  using Decision = std::function<absl::StatusOr<std::vector<SaisineEvent>>(
      const SaisineState& state, absl::CivilDay today)>;

  explicit ActeExecutor(const Dependencies& deps) : deps_(deps) {}

  // Finishes the call with the act's outcome in `response`.
  grpc::ServerUnaryReactor* Executer(grpc::CallbackServerContext* context,
                                     absl::string_view method,
                                     const google::protobuf::Message& request,
                                     const v1::ActeCommun& commun,
                                     absl::StatusOr<Decision> decision,
                                     v1::ActeResponse* response) const;

 private:
  // The append to make, or the result of an earlier identical request.
  using Preparation = std::variant<AppendRequest, AppendResult>;

  absl::StatusOr<Preparation> Preparer(
      const grpc::CallbackServerContext& context, absl::string_view method,
      const google::protobuf::Message& request, const v1::ActeCommun& commun,
      absl::StatusOr<Decision> decision) const;

  const Dependencies& deps_;
};

// Decodes an act and binds it to the domain function that decides it.
template <typename Proto, typename Decide>
absl::StatusOr<ActeExecutor::Decision> Acte(const Proto& proto, Decide decide) {
  auto acte = FromProto(proto);
  if (!acte.ok()) return acte.status();
  return ActeExecutor::Decision(
      [acte = *std::move(acte), decide](const SaisineState& state,
                                        absl::CivilDay today) {
        return decide(state, acte, today);
      });
}

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ACTE_EXECUTOR_H_
