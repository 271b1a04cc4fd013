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

 private:
  absl::Status Sauvegarde(const grpc::CallbackServerContext& context,
                          const v1::SauvegarderRequest& request,
                          v1::SauvegarderResponse* response) const;

  const Dependencies deps_;
  // One backup at a time.
  mutable ConcurrencyLimit sauvegardes_{1};
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ADMINISTRATION_SERVICE_H_
