// MediationService: the local mediator's acts, the director's decision on
// équité proposals, deadlines and the urgency queue
// (proto/mediation/v1/mediation.proto states each RPC's contract).
//
// Every act goes through ActeExecutor (acte_executor.h).
#ifndef MEDIATION_SERVICES_MEDIATION_SERVICE_H_
#define MEDIATION_SERVICES_MEDIATION_SERVICE_H_

#include <functional>
#include <variant>
#include <vector>

#include "domain/saisine.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "services/acte_executor.h"
#include "services/dependencies.h"
#include "storage/event_store.h"

namespace mediation {

class MediationServiceImpl final
    : public v1::MediationService::CallbackService {
 public:
  explicit MediationServiceImpl(Dependencies deps) : deps_(deps) {}

  grpc::ServerUnaryReactor* DeclarerRecevable(
      grpc::CallbackServerContext* context,
      const v1::DeclarerRecevableRequest* request,
      v1::DeclarerRecevableResponse* response) override;
  grpc::ServerUnaryReactor* DeclarerIrrecevable(
      grpc::CallbackServerContext* context,
      const v1::DeclarerIrrecevableRequest* request,
      v1::DeclarerIrrecevableResponse* response) override;
  grpc::ServerUnaryReactor* Orienter(grpc::CallbackServerContext* context,
                                     const v1::OrienterRequest* request,
                                     v1::OrienterResponse* response) override;
  grpc::ServerUnaryReactor* ConsignerEchange(
      grpc::CallbackServerContext* context,
      const v1::ConsignerEchangeRequest* request,
      v1::ConsignerEchangeResponse* response) override;
  grpc::ServerUnaryReactor* RectifierDonnees(
      grpc::CallbackServerContext* context,
      const v1::RectifierDonneesRequest* request,
      v1::RectifierDonneesResponse* response) override;
  grpc::ServerUnaryReactor* EmettreRecommandation(
      grpc::CallbackServerContext* context,
      const v1::EmettreRecommandationRequest* request,
      v1::EmettreRecommandationResponse* response) override;
  grpc::ServerUnaryReactor* DeciderEquite(
      grpc::CallbackServerContext* context,
      const v1::DeciderEquiteRequest* request,
      v1::DeciderEquiteResponse* response) override;
  grpc::ServerUnaryReactor* CommuniquerConclusions(
      grpc::CallbackServerContext* context,
      const v1::CommuniquerConclusionsRequest* request,
      v1::CommuniquerConclusionsResponse* response) override;
  grpc::ServerUnaryReactor* EnregistrerRecoursContentieux(
      grpc::CallbackServerContext* context,
      const v1::EnregistrerRecoursContentieuxRequest* request,
      v1::EnregistrerRecoursContentieuxResponse* response) override;
  grpc::ServerUnaryReactor* Cloturer(grpc::CallbackServerContext* context,
                                     const v1::CloturerRequest* request,
                                     v1::CloturerResponse* response) override;
  grpc::ServerUnaryReactor* GetEcheances(
      grpc::CallbackServerContext* context,
      const v1::GetEcheancesRequest* request,
      v1::GetEcheancesResponse* response) override;
  grpc::ServerUnaryReactor* ListParUrgence(
      grpc::CallbackServerContext* context,
      const v1::ListParUrgenceRequest* request,
      v1::ListParUrgenceResponse* response) override;
  grpc::ServerUnaryReactor* ListSaisinesDuRequerant(
      grpc::CallbackServerContext* context,
      const v1::ListSaisinesDuRequerantRequest* request,
      v1::ListSaisinesDuRequerantResponse* response) override;
  grpc::ServerUnaryReactor* ConfirmerPriseEnCharge(
      grpc::CallbackServerContext* context,
      const v1::ConfirmerPriseEnChargeRequest* request,
      v1::ConfirmerPriseEnChargeResponse* response) override;
  grpc::ServerUnaryReactor* ListOrientationsAConfirmer(
      grpc::CallbackServerContext* context,
      const v1::ListOrientationsAConfirmerRequest* request,
      v1::ListOrientationsAConfirmerResponse* response) override;
  grpc::ServerUnaryReactor* ConvoquerProfessionnel(
      grpc::CallbackServerContext* context,
      const v1::ConvoquerProfessionnelRequest* request,
      v1::ConvoquerProfessionnelResponse* response) override;
  grpc::ServerUnaryReactor* ConsignerConciliation(
      grpc::CallbackServerContext* context,
      const v1::ConsignerConciliationRequest* request,
      v1::ConsignerConciliationResponse* response) override;

  using Decision = ActeExecutor::Decision;

 private:
  template <typename Response>
  grpc::ServerUnaryReactor* Executer(grpc::CallbackServerContext* context,
                                     absl::string_view method,
                                     const google::protobuf::Message& request,
                                     const v1::ActeCommun& commun,
                                     absl::StatusOr<Decision> decision,
                                     Response* response) {
    return actes_.Executer(context, method, request, commun,
                           std::move(decision), response);
  }
  absl::Status LireEcheances(const grpc::CallbackServerContext& context,
                             const v1::GetEcheancesRequest& request,
                             v1::EtatDelais* response) const;
  absl::Status LireFile(const grpc::CallbackServerContext& context,
                        const v1::ListParUrgenceRequest& request,
                        v1::ListParUrgenceResponse* response,
                        std::optional<Consultation>* trace) const;
  absl::Status LireRequerant(const grpc::CallbackServerContext& context,
                             const v1::ListSaisinesDuRequerantRequest& request,
                             v1::ListSaisinesDuRequerantResponse* response,
                             std::optional<Consultation>* trace) const;
  absl::Status LireOrientations(
      const grpc::CallbackServerContext& context,
      const v1::ListOrientationsAConfirmerRequest& request,
      v1::ListOrientationsAConfirmerResponse* response,
      std::optional<Consultation>* trace) const;

  const Dependencies deps_;
  ActeExecutor actes_{deps_};
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_MEDIATION_SERVICE_H_
