#include "server/server.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "base/thread_name.h"
#include "grpc/health/v1/health.pb.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace mediation {
namespace {

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(
    const ServerOptions& options) {
  if (options.tls.has_value()) {
    const TlsOptions& tls = *options.tls;
    grpc::SslServerCredentialsOptions ssl(
        tls.client_ca_pem.empty()
            ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
            // Systems present certificates, people present tokens.
            : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = tls.client_ca_pem;
    ssl.pem_key_cert_pairs.push_back(
        {tls.private_key_pem, tls.certificate_chain_pem});
    return grpc::SslServerCredentials(ssl);
  }
  if (!options.insecure_loopback) {
    return absl::FailedPreconditionError(
        "TLS is required (certificate and key), or plaintext explicitly on a "
        "loopback address");
  }
  if (!IsLoopbackAddress(options.listen_address)) {
    return absl::FailedPreconditionError(
        absl::StrCat("plaintext is allowed on loopback only, not on ",
                     options.listen_address, ": configure TLS"));
  }
  LogWarning(absl::StrCat(
      "!!! INSECURE: plaintext gRPC on ", options.listen_address,
      " (loopback only). Calls still need credentials. Never in production."));
  return grpc::InsecureServerCredentials();
}

}  // namespace

bool IsLoopbackAddress(absl::string_view address) {
  const size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos) return false;
  const absl::string_view host = address.substr(0, colon);
  return host == "localhost" || host == "[::1]" ||
         (absl::StartsWith(host, "127.") &&
          host.find_first_not_of("0123456789.") == absl::string_view::npos);
}

MediationServer::MediationServer(Dependencies deps)
    : veilleur_(*deps.store),
      accueil_(AvecVeilleur(deps)),
      audit_(AvecVeilleur(deps)),
      mediation_(AvecVeilleur(deps)),
      national_(AvecVeilleur(deps)),
      cra_(AvecVeilleur(deps)),
      administration_(AvecVeilleur(deps)) {}

absl::StatusOr<std::unique_ptr<MediationServer>> MediationServer::Start(
    const ServerOptions& options, Dependencies deps) {
  grpc::EnableDefaultHealthCheckService(true);
  // gRPC implements health without protobuf descriptors: referring to ours
  // links them in, so that reflection describes the health service.
  grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                   Credentials(options));
  std::unique_ptr<MediationServer> server(new MediationServer(deps));
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, credentials, &server->port_);
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(
      std::make_unique<CallObserverFactory>(options.metrics));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  const std::vector<std::string> mediation_services = {
      v1::AccueilService::service_full_name(),
      v1::AuditService::service_full_name(),
      v1::MediationService::service_full_name(),
      v1::NationalService::service_full_name(),
      v1::CraService::service_full_name(),
      v1::AdministrationService::service_full_name()};
  std::vector<std::string> every_service = mediation_services;
  for (const char* standard :
       {"grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection"}) {
    every_service.push_back(standard);
  }
  server->reflection_v1_ = std::make_unique<ReflectionV1>(every_service);
  builder.RegisterService(server->reflection_v1_.get());
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.RegisterService(&server->accueil_);
  builder.RegisterService(&server->audit_);
  builder.RegisterService(&server->mediation_);
  builder.RegisterService(&server->national_);
  builder.RegisterService(&server->cra_);
  builder.RegisterService(&server->administration_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  if (!options.health_listen.empty()) {
    ASSIGN_OR_RETURN(server->health_port_,
                     HealthPort::Start(options.health_listen));
    server->health_port_->SetServingStatus("", true);
  }
  // Each service has its own status, SERVING from the start.
  for (const std::string& service : mediation_services) {
    server->SetServing(service, true);
  }
  if (options.writes_accepted) {
    server->health_watcher_ =
        std::thread([self = server.get(), probe = options.writes_accepted] {
          self->WatchHealth(probe);
        });
    NameThread(server->health_watcher_, "mdn-health");
  }
  return server;
}

void MediationServer::SetServing(const std::string& service, bool serving) {
  if (grpc::HealthCheckServiceInterface* health =
          server_->GetHealthCheckService();
      health != nullptr) {
    health->SetServingStatus(service, serving);
  }
  if (health_port_ != nullptr) {
    health_port_->SetServingStatus(service, serving);
  }
}

void MediationServer::WatchHealth(
    std::function<absl::Status()> writes_accepted) {
  const std::string writers[] = {v1::AccueilService::service_full_name(),
                                 v1::MediationService::service_full_name(),
                                 v1::CraService::service_full_name(),
                                 v1::NationalService::service_full_name()};
  bool serving = true;
  absl::MutexLock lock(&watch_mu_);
  do {
    const absl::Status accepted = writes_accepted();
    if (accepted.ok() != serving) {
      serving = accepted.ok();
      for (const std::string& service : writers) {
        SetServing(service, serving);
      }
      Log(serving ? LogLevel::kInfo : LogLevel::kError,
          serving ? "health: the writing services are SERVING again"
                  : "health: the writing services are NOT_SERVING, writes "
                    "are refused",
          {{"event", serving ? "writes_resumed" : "writes_refused"},
           {"reason", serving ? "" : accepted.message()}});
    }
  } while (!watch_mu_.AwaitWithTimeout(absl::Condition(&stop_watching_),
                                       absl::Seconds(1)));
}

MediationServer::~MediationServer() { Shutdown(absl::Seconds(5)); }

void MediationServer::Shutdown(absl::Duration grace) {
  absl::MutexLock lock(&shutdown_mu_);
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  {
    absl::MutexLock stop(&watch_mu_);
    stop_watching_ = true;
  }
  if (health_watcher_.joinable()) health_watcher_.join();
  // Probes see the server go before it stops answering.
  if (health_port_ != nullptr) health_port_->Shutdown();
  // Streams would otherwise keep the grace period: they end at once, with a
  // status that tells their clients to reconnect.
  veilleur_.ToutTerminer(absl::UnavailableError(
      "the server is shutting down: reconnect from the position of the last "
      "event received + 1"));
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  server_->Wait();
}

}  // namespace mediation
