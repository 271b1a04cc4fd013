// MediationServer: the gRPC server with every mediation service, gRPC health
// checking (grpc.health.v1) and server reflection, so that standard tools can
// call it.
//
//   auto server = MediationServer::Start(options, deps);
//   ... (*server)->port() ...
//   (*server)->Shutdown(absl::Seconds(5));
//
// Thread safety: Shutdown may be called from any thread, once or more.
#ifndef MEDIATION_SERVICES_SERVER_H_
#define MEDIATION_SERVICES_SERVER_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "services/accueil_service.h"
#include "services/audit_service.h"
#include "services/dependencies.h"

namespace mediation {

struct ServerOptions {
  // host:port; port 0 picks a free port (see port()).
  std::string listen_address = "127.0.0.1:50051";
  // Largest request accepted; a saisine is a few kilobytes.
  int max_receive_message_bytes = 1 << 20;
};

class MediationServer {
 public:
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MediationServer>> Start(
      const ServerOptions& options, Dependencies deps);

  // Shuts down (5 s grace) if still running.
  ~MediationServer();

  int port() const { return port_; }

  // Stops accepting calls, lets calls in flight finish for up to `grace`,
  // then cancels the rest.
  void Shutdown(absl::Duration grace);

 private:
  explicit MediationServer(Dependencies deps);

  AccueilServiceImpl accueil_;
  AuditServiceImpl audit_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  absl::Mutex shutdown_mu_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mu_) = false;
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_SERVER_H_
