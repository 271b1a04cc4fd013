#include "server/health_port.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace mediation {

HealthPort::~HealthPort() { Shutdown(); }

absl::StatusOr<std::unique_ptr<HealthPort>> HealthPort::Start(
    const std::string& address) {
  // gRPC's own health service is the only one: no service is registered.
  grpc::EnableDefaultHealthCheckService(true);
  std::unique_ptr<HealthPort> port(new HealthPort());
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(),
                           &port->port_);
  port->server_ = builder.BuildAndStart();
  if (port->server_ == nullptr || port->port_ == 0 ||
      port->server_->GetHealthCheckService() == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve health on ", address));
  }
  return port;
}

void HealthPort::SetServingStatus(const std::string& service, bool serving) {
  absl::MutexLock lock(&mu_);
  if (server_ == nullptr) return;
  server_->GetHealthCheckService()->SetServingStatus(service, serving);
}

void HealthPort::Shutdown() {
  absl::MutexLock lock(&mu_);
  if (server_ == nullptr) return;
  // Every status NOT_SERVING and Watch streams told so, then closed.
  server_->GetHealthCheckService()->Shutdown();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
  server_->Wait();
  server_.reset();
}

}  // namespace mediation
