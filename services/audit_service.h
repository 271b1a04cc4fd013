// AuditService: auditors replay a case's history, see who consulted it,
// check the log's integrity, and other systems follow the log
// (proto/mediation/v1/audit.proto states each RPC's contract).
//
// The unary RPCs use the callback API; SouscrireJournal, a long-lived
// stream that waits for new events, is a synchronous handler on gRPC's
// thread pool.
#ifndef MEDIATION_SERVICES_AUDIT_SERVICE_H_
#define MEDIATION_SERVICES_AUDIT_SERVICE_H_

#include <vector>

#include "base/concurrency_limit.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "security/principal.h"
#include "services/dependencies.h"

namespace mediation {

using AuditServiceBase = v1::AuditService::WithCallbackMethod_GetHistorique<
    v1::AuditService::WithCallbackMethod_ListConsultations<
        v1::AuditService::WithCallbackMethod_RejouerAuPoint<
            v1::AuditService::WithCallbackMethod_VerifierIntegrite<
                v1::AuditService::Service>>>>;

class AuditServiceImpl final : public AuditServiceBase {
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
  grpc::ServerUnaryReactor* RejouerAuPoint(
      grpc::CallbackServerContext* context,
      const v1::RejouerAuPointRequest* request,
      v1::RejouerAuPointResponse* response) override;
  grpc::ServerUnaryReactor* VerifierIntegrite(
      grpc::CallbackServerContext* context,
      const v1::VerifierIntegriteRequest* request,
      v1::VerifierIntegriteResponse* response) override;
  grpc::Status SouscrireJournal(
      grpc::ServerContext* context, const v1::SouscrireJournalRequest* request,
      grpc::ServerWriter<v1::SouscrireJournalResponse>* writer) override;

 private:
  absl::StatusOr<std::vector<RecordedEvent>> LireHistorique(
      const grpc::CallbackServerContext& context,
      const v1::GetHistoriqueRequest& request, Principal* principal,
      std::optional<Consultation>* trace) const;
  absl::StatusOr<std::vector<Consultation>> LireConsultations(
      const grpc::CallbackServerContext& context,
      const v1::ListConsultationsRequest& request) const;
  // The lookups of `request.nir` in `request.caisse` (or the caller's).
  absl::StatusOr<std::vector<Consultation>> RecherchesParNir(
      const Principal& principal, const v1::ListConsultationsRequest& request,
      size_t max_count) const;
  absl::Status Rejouer(const grpc::CallbackServerContext& context,
                       const v1::RejouerAuPointRequest& request,
                       v1::RejouerAuPointResponse* response,
                       std::optional<Consultation>* trace) const;
  absl::Status Verifier(const grpc::CallbackServerContext& context,
                        const v1::VerifierIntegriteRequest& request,
                        v1::VerifierIntegriteResponse* response) const;
  absl::Status Suivre(
      const grpc::ServerContext& context,
      const v1::SouscrireJournalRequest& request,
      grpc::ServerWriter<v1::SouscrireJournalResponse>& writer) const;

  const Dependencies deps_;
  // One check of the whole log at a time.
  mutable ConcurrencyLimit verifications_du_journal_{1};
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_AUDIT_SERVICE_H_
