// MediationServer: the gRPC server with every mediation service, gRPC health
// checking (grpc.health.v1) and server reflection (grpc.reflection.v1 and
// v1alpha), so that standard tools can call it. Every call is logged (one
// line) and counted (server/call_observer.h).
//
// Health: the overall status ("") is SERVING while the server runs (reads
// are served). The services that write (AccueilService, MediationService,
// CraService, NationalService) are NOT_SERVING while `writes_accepted` says
// writes are refused (disk reserve reached, store failed), checked every
// second; the others stay SERVING. Each change is logged.
//
//   auto server = MediationServer::Start(options, deps);
//   ... (*server)->port() ...
//   (*server)->Shutdown(absl::Seconds(5));
//
// Thread safety: Shutdown may be called from any thread, once or more.
#ifndef MEDIATION_SERVER_SERVER_H_
#define MEDIATION_SERVER_SERVER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "server/call_observer.h"
#include "server/health_port.h"
#include "server/metrics.h"
#include "server/reflection_v1.h"
#include "services/accueil_service.h"
#include "services/administration_service.h"
#include "services/audit_service.h"
#include "services/cra_service.h"
#include "services/dependencies.h"
#include "services/mediation_service.h"
#include "services/national_service.h"

namespace mediation {

struct TlsOptions {
  std::string certificate_chain_pem;
  std::string private_key_pem;
  // CA that signs client certificates (mutual TLS for systems). Empty: no
  // client certificates are asked for, callers present tokens.
  std::string client_ca_pem;
};

struct ServerOptions {
  // host:port; port 0 picks a free port (see port()).
  std::string listen_address = "127.0.0.1:50051";
  // TLS is required unless the address is loopback and `insecure_loopback`.
  std::optional<TlsOptions> tls;
  // Plaintext on a loopback address only (development, tests); logged as a
  // warning at start. Calls still need credentials (tokens).
  bool insecure_loopback = false;
  // Largest request accepted; a saisine is a few kilobytes at most.
  int max_receive_message_bytes = 256 << 10;
  // Counts every call; not owned, must outlive the server. Null: no metrics.
  Metrics* metrics = nullptr;
  // Plaintext host:port serving grpc.health.v1 only, with the same statuses
  // (server/health_port.h), for probes without TLS. Empty: none.
  std::string health_listen;
  // OK while the store accepts writes (health of the writing services).
  // Empty: always.
  std::function<absl::Status()> writes_accepted;
};

// True for "localhost:…", "127.x.y.z:…" and "[::1]:…".
bool IsLoopbackAddress(absl::string_view address);

class MediationServer {
 public:
  // FAILED_PRECONDITION when neither TLS nor plaintext on loopback is
  // configured; UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MediationServer>> Start(
      const ServerOptions& options, Dependencies deps);

  // Shuts down (5 s grace) if still running.
  ~MediationServer();

  int port() const { return port_; }
  // The health port's (0 without one).
  int health_port() const {
    return health_port_ == nullptr ? 0 : health_port_->port();
  }

  // Stops accepting calls, lets calls in flight finish for up to `grace`,
  // then cancels the rest.
  void Shutdown(absl::Duration grace);

 private:
  explicit MediationServer(Dependencies deps);
  // Every second until shutdown: the writing services' health.
  void WatchHealth(std::function<absl::Status()> writes_accepted);
  // On the server's health service and on the health port.
  void SetServing(const std::string& service, bool serving);
  // `deps` with the server's veilleur.
  Dependencies AvecVeilleur(Dependencies deps) {
    deps.veilleur = &veilleur_;
    return deps;
  }

  // Before the services, which use it; after them in destruction.
  VeilleurJournal veilleur_;
  AccueilServiceImpl accueil_;
  AuditServiceImpl audit_;
  MediationServiceImpl mediation_;
  NationalServiceImpl national_;
  CraServiceImpl cra_;
  AdministrationServiceImpl administration_;
  std::unique_ptr<ReflectionV1> reflection_v1_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<HealthPort> health_port_;
  std::thread health_watcher_;
  int port_ = 0;
  absl::Mutex shutdown_mu_;
  bool shut_down_ ABSL_GUARDED_BY(shutdown_mu_) = false;
  // Tells the health watcher to stop.
  absl::Mutex watch_mu_;
  bool stop_watching_ ABSL_GUARDED_BY(watch_mu_) = false;
};

}  // namespace mediation

#endif  // MEDIATION_SERVER_SERVER_H_
