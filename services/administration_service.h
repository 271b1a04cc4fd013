// AdministrationService: backups for operators
// (proto/mediation/v1/administration.proto).
#ifndef MEDIATION_SERVICES_ADMINISTRATION_SERVICE_H_
#define MEDIATION_SERVICES_ADMINISTRATION_SERVICE_H_

#include "base/concurrency_limit.h"
#include "mediation/v1/administration.grpc.pb.h"
#include "services/dependencies.h"

namespace mediation {

class AdministrationServiceImpl final
    : public v1::AdministrationService::CallbackService {
 public:
  explicit AdministrationServiceImpl(Dependencies deps) : deps_(deps) {}

  // The checkpoint runs on the gRPC callback thread: it takes seconds at
  // most (hard links) and operators call it rarely.
  grpc::ServerUnaryReactor* Sauvegarder(
      grpc::CallbackServerContext* context,
      const v1::SauvegarderRequest* request,
      v1::SauvegarderResponse* response) override;
  grpc::ServerUnaryReactor* AncrerJournal(
      grpc::CallbackServerContext* context,
      const v1::AncrerJournalRequest* request,
      v1::AncrerJournalResponse* response) override;

 private:
  absl::Status Ancrer(const grpc::CallbackServerContext& context,
                      const v1::AncrerJournalRequest& request,
                      v1::AncrerJournalResponse* response) const;
  absl::Status Sauvegarde(const grpc::CallbackServerContext& context,
                          const v1::SauvegarderRequest& request,
                          v1::SauvegarderResponse* response) const;

  const Dependencies deps_;
  // One backup at a time.
  mutable ConcurrencyLimit sauvegardes_{1};
};

// Signs an anchor of the log's head (IntegrityVerifier::AnchorHead) and
// writes it to the server's log with `motif`, so that a copy lives outside
// the store.
absl::StatusOr<LogAnchor> AncrerEtJournaliser(
    const IntegrityVerifier& integrity, absl::string_view motif);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ADMINISTRATION_SERVICE_H_
