// CraService: the Commission de recours amiable of a caisse
// (proto/mediation/v1/cra.proto states each RPC's contract). Unary RPCs use
// the callback API; SuivreSaisines is a synchronous stream
// (journal_follower.h).
#ifndef MEDIATION_SERVICES_CRA_SERVICE_H_
#define MEDIATION_SERVICES_CRA_SERVICE_H_

#include "mediation/v1/cra.grpc.pb.h"
#include "services/acte_executor.h"
#include "services/dependencies.h"

namespace mediation {

using CraServiceBase = v1::CraService::WithCallbackMethod_TransmettreDossier<
    v1::CraService::WithCallbackMethod_DeclarerRecoursPrealable<
        v1::CraService::WithCallbackMethod_ConsulterSuspension<
            v1::CraService::WithCallbackMethod_EnregistrerMaintienOuDesistement<
                v1::CraService::Service>>>>;

class CraServiceImpl final : public CraServiceBase {
 public:
  explicit CraServiceImpl(Dependencies deps) : deps_(deps) {}

  grpc::ServerUnaryReactor* TransmettreDossier(
      grpc::CallbackServerContext* context,
      const v1::TransmettreDossierRequest* request,
      v1::TransmettreDossierResponse* response) override;
  grpc::ServerUnaryReactor* DeclarerRecoursPrealable(
      grpc::CallbackServerContext* context,
      const v1::DeclarerRecoursPrealableRequest* request,
      v1::DeclarerRecoursPrealableResponse* response) override;
  grpc::ServerUnaryReactor* ConsulterSuspension(
      grpc::CallbackServerContext* context,
      const v1::ConsulterSuspensionRequest* request,
      v1::ConsulterSuspensionResponse* response) override;
  grpc::ServerUnaryReactor* EnregistrerMaintienOuDesistement(
      grpc::CallbackServerContext* context,
      const v1::EnregistrerMaintienOuDesistementRequest* request,
      v1::EnregistrerMaintienOuDesistementResponse* response) override;
  grpc::Status SuivreSaisines(
      grpc::ServerContext* context, const v1::SuivreSaisinesRequest* request,
      grpc::ServerWriter<v1::SuivreSaisinesResponse>* writer) override;

 private:
  absl::Status Consulter(const grpc::CallbackServerContext& context,
                         const v1::ConsulterSuspensionRequest& request,
                         v1::ConsulterSuspensionResponse* response,
                         std::optional<Consultation>* trace) const;
  absl::Status Suivre(
      const grpc::ServerContext& context,
      const v1::SuivreSaisinesRequest& request,
      grpc::ServerWriter<v1::SuivreSaisinesResponse>& writer) const;

  const Dependencies deps_;
  ActeExecutor actes_{deps_};
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_CRA_SERVICE_H_
