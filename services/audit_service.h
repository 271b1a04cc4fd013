// AuditService: auditors replay a case's history
// (proto/mediation/v1/audit.proto states each RPC's contract).
#ifndef MEDIATION_SERVICES_AUDIT_SERVICE_H_
#define MEDIATION_SERVICES_AUDIT_SERVICE_H_

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

 private:
  const Dependencies deps_;
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_AUDIT_SERVICE_H_
