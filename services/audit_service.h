// AuditService: auditors replay a case's history and see who consulted it
// (proto/mediation/v1/audit.proto states each RPC's contract).
#ifndef MEDIATION_SERVICES_AUDIT_SERVICE_H_
#define MEDIATION_SERVICES_AUDIT_SERVICE_H_

#include <vector>

#include "mediation/v1/audit.grpc.pb.h"
#include "services/dependencies.h"

namespace mediation {

class AuditServiceImpl final : public v1::AuditService::CallbackService {
 public:
  explicit AuditServiceImpl(Dependencies deps) : deps_(deps) {}

  grpc::ServerUnaryReactor* GetHistorique(
      grpc::CallbackServerContext* context,
      const v1::GetHistoriqueRequest* request,
      v1::GetHistoriqueResponse* response) override;
  grpc::ServerUnaryReactor* ListConsultations(
      grpc::CallbackServerContext* context,
      const v1::ListConsultationsRequest* request,
      v1::ListConsultationsResponse* response) override;

 private:
  absl::StatusOr<std::vector<RecordedEvent>> LireHistorique(
      const grpc::CallbackServerContext& context,
      const v1::GetHistoriqueRequest& request) const;
  absl::StatusOr<std::vector<Consultation>> LireConsultations(
      const grpc::CallbackServerContext& context,
      const v1::ListConsultationsRequest& request) const;

  const Dependencies deps_;
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_AUDIT_SERVICE_H_
