#include "server/server.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
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
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                   Credentials(options));
  std::unique_ptr<MediationServer> server(new MediationServer(deps));
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, credentials, &server->port_);
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
  return server;
}

MediationServer::~MediationServer() { Shutdown(absl::Seconds(5)); }

void MediationServer::Shutdown(absl::Duration grace) {
  absl::MutexLock lock(&shutdown_mu_);
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  // Streams would otherwise keep the grace period: they end at once, with a
  // status that tells their clients to reconnect.
  veilleur_.ToutTerminer(absl::UnavailableError(
      "the server is shutting down: reconnect from the position of the last "
      "event received + 1"));
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  server_->Wait();
}

}  // namespace mediation
