// AuditService: auditors replay a case's history, see who consulted it,
// check the log's integrity, and other systems follow the log
// (proto/mediation/v1/audit.proto states each RPC's contract).
//
// Every RPC uses the callback API; SouscrireJournal, a long-lived stream
// that waits for new events, holds no thread while it waits
// (services/journal_follower.h).
#ifndef MEDIATION_SERVICES_AUDIT_SERVICE_H_
#define MEDIATION_SERVICES_AUDIT_SERVICE_H_

#include <vector>

#include "base/concurrency_limit.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "security/principal.h"
#include "services/dependencies.h"
#include "services/journal_follower.h"

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
  grpc::ServerUnaryReactor* RejouerAuPoint(
      grpc::CallbackServerContext* context,
      const v1::RejouerAuPointRequest* request,
      v1::RejouerAuPointResponse* response) override;
  grpc::ServerUnaryReactor* VerifierIntegrite(
      grpc::CallbackServerContext* context,
      const v1::VerifierIntegriteRequest* request,
      v1::VerifierIntegriteResponse* response) override;
  grpc::ServerWriteReactor<v1::SouscrireJournalResponse>* SouscrireJournal(
      grpc::CallbackServerContext* context,
      const v1::SouscrireJournalRequest* request) override;

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
  // What a subscription sends, once authorised and validated.
  absl::StatusOr<FiltreJournal> Abonnement(
      const grpc::CallbackServerContext& context,
      const v1::SouscrireJournalRequest& request, Principal* principal) const;

  const Dependencies deps_;
  // One check of the whole log at a time.
  mutable ConcurrencyLimit verifications_du_journal_{1};
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_AUDIT_SERVICE_H_
