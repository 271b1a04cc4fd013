// HealthPort: grpc.health.v1 alone (gRPC's own implementation: Check and
// Watch), in plaintext, on a port of its own, for
// probes that cannot speak TLS (Kubernetes' gRPC probes, load balancers).
// It answers what the main server's health says (MediationServer keeps both
// the same): the overall status "" and each service's. Nothing else is
// served there, and health tells nothing confidential.
//
// Thread safe.
#ifndef MEDIATION_SERVER_HEALTH_PORT_H_
#define MEDIATION_SERVER_HEALTH_PORT_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server.h"

namespace mediation {

class HealthPort {
 public:
  // Serves on `address` (host:port; port 0: a free one). UNAVAILABLE when
  // it cannot bind.
  static absl::StatusOr<std::unique_ptr<HealthPort>> Start(
      const std::string& address);
  ~HealthPort();

  int port() const { return port_; }
  // `service` "" is the overall status.
  void SetServingStatus(const std::string& service, bool serving);
  // Everything NOT_SERVING, Watch streams ended, the port closed.
  void Shutdown();

 private:
  HealthPort() = default;

  absl::Mutex mu_;
  std::unique_ptr<grpc::Server> server_ ABSL_GUARDED_BY(mu_);
  int port_ = 0;
};

}  // namespace mediation

#endif  // MEDIATION_SERVER_HEALTH_PORT_H_
