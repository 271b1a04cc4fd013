// CraService: the Commission de recours amiable of a caisse
// (proto/mediation/v1/cra.proto states each RPC's contract). Unary RPCs use
// the callback API; SuivreSaisines is a synchronous stream
// (journal_follower.h).
#ifndef MEDIATION_SERVICES_CRA_SERVICE_H_
#define MEDIATION_SERVICES_CRA_SERVICE_H_

#include "mediation/v1/cra.grpc.pb.h"
#include "services/acte_executor.h"
#include "services/arena_allocator.h"
#include "services/dependencies.h"
#include "services/journal_follower.h"

namespace mediation {

class CraServiceImpl final : public v1::CraService::CallbackService {
 public:
  explicit CraServiceImpl(Dependencies deps) : deps_(deps) {
    SetMessageAllocatorFor_TransmettreDossier(&depot_allocator_);
  }

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
  grpc::ServerUnaryReactor* EnregistrerDecisionCra(
      grpc::CallbackServerContext* context,
      const v1::EnregistrerDecisionCraRequest* request,
      v1::EnregistrerDecisionCraResponse* response) override;
  grpc::ServerWriteReactor<v1::SuivreSaisinesResponse>* SuivreSaisines(
      grpc::CallbackServerContext* context,
      const v1::SuivreSaisinesRequest* request) override;

 private:
  absl::Status Consulter(const grpc::CallbackServerContext& context,
                         const v1::ConsulterSuspensionRequest& request,
                         v1::ConsulterSuspensionResponse* response,
                         std::optional<Consultation>* trace) const;
  // What the CRA's follow-up sends, once authorised and validated.
  absl::StatusOr<FiltreJournal> Suivi(
      const grpc::CallbackServerContext& context,
      const v1::SuivreSaisinesRequest& request, Principal* principal) const;

  const Dependencies deps_;
  // A deposit's request, the largest, is parsed onto an arena
  // (arena_allocator.h).
  ArenaMessageAllocator<v1::TransmettreDossierRequest,
                        v1::TransmettreDossierResponse>
      depot_allocator_;
  ActeExecutor actes_{deps_};
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_CRA_SERVICE_H_
