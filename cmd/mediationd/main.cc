// mediationd: the mediation service.
//
//   mediationd [--config=/etc/mediation/mediationd.conf]
//              [--listen=127.0.0.1:50051] [--data_dir=./mediation-data]
//              [--sync=true] [--caisses=FILE] [--port_file=FILE]
//              [--metrics_listen=127.0.0.1:9464]
//              [--pages_listen=127.0.0.1:8443]
//              [--log_format=json|text] [--log_level=info]
//              --tls_cert=PEM --tls_key=PEM [--tls_client_ca=PEM]
//              [--jwks=FILE|https://… --jwt_issuer=ISS --jwt_audience=AUD]
//              | --insecure_loopback
//
// Every call needs credentials: a bearer token (a JWT of the identity
// provider, verified against the keys of --jwks), or a client certificate
// signed by --tls_client_ca (see security/authenticator.h). TLS is required,
// except on a loopback address with --insecure_loopback (development only).
//
// Every flag may be set in the --config file instead (base/config_file.h;
// deploy/mediationd.conf documents them all); the command line overrides it.
//
// Stops cleanly on SIGTERM or SIGINT: stops accepting calls, finishes those in
// flight, syncs and closes the store.
#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "base/config_file.h"
#include "base/files.h"
#include "base/ids.h"
#include "base/log.h"
#include "base/memory.h"
#include "base/status_macros.h"
#include "base/version.h"
#include "domain/caisse.h"
#include "grpc/support/log.h"
#include "security/authenticator.h"
#include "security/jwks_source.h"
#include "server/ancrage.h"
#include "server/caisses.h"
#include "server/metrics.h"
#include "server/pages.h"
#include "server/server.h"
#include "storage/rocksdb_store.h"
#include "storage/saisine_projection.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to serve on, host:port (port 0: any free port).");
ABSL_FLAG(std::string, data_dir, "./mediation-data",
          "Directory of the RocksDB event store (created if missing).");
ABSL_FLAG(bool, sync, true,
          "Sync the write-ahead log before acknowledging each write. Turning "
          "it off loses acknowledged writes on a machine crash: tests only.");
ABSL_FLAG(int64_t, reserve_disque_mo, 256,
          "Free disk space (MiB) kept on the data directory's file system: "
          "below it writes answer UNAVAILABLE and reads go on.");
ABSL_FLAG(std::string, caisses, "",
          "Caisse referential (tab-separated, see domain/caisse.h); empty: "
          "the embedded one, one caisse per département.");
ABSL_FLAG(std::string, tls_cert, "", "Server certificate chain (PEM).");
ABSL_FLAG(std::string, tls_key, "", "Server private key (PEM).");
ABSL_FLAG(std::string, tls_client_ca, "",
          "CA of the client certificates of systems (mutual TLS); empty: no "
          "client certificates.");
ABSL_FLAG(std::string, jwks, "",
          "The identity provider's token keys: a JWKS file, or an https:// "
          "URL; read again every --jwks_refresh (and early when a token "
          "names an unknown kid). Empty: no tokens accepted.");
ABSL_FLAG(std::string, jwks_ca, "",
          "CA bundle (PEM) that verifies the --jwks URL's server; empty: the "
          "system's CAs.");
ABSL_FLAG(absl::Duration, jwks_refresh, absl::Minutes(5),
          "How often the --jwks keys are read again.");
ABSL_FLAG(std::string, jwt_issuer, "",
          "The tokens' required issuer (iss); required with --jwks.");
ABSL_FLAG(std::string, jwt_audience, "mediation",
          "The audience (aud) a token must name.");
ABSL_FLAG(std::string, jwt_role_claim, "role",
          "The claim (a dotted path, e.g. realm_access.roles) holding the "
          "role: a string, or an array holding exactly one mediation role.");
ABSL_FLAG(std::string, jwt_caisse_claim, "caisse",
          "The claim holding the caisse code (or * for national, auditeur, "
          "operateur).");
ABSL_FLAG(absl::Duration, jwt_leeway, absl::Seconds(60),
          "Clock skew tolerated on exp, nbf and iat (0 to 5m).");
ABSL_FLAG(absl::Duration, jwt_max_lifetime, absl::Hours(24),
          "Longest validity (exp - iat) accepted for a token.");
ABSL_FLAG(bool, insecure_loopback, false,
          "Serve plaintext; refused unless --listen is a loopback address. "
          "Development and tests only.");
ABSL_FLAG(std::string, cle_index_nir, "",
          "Required. The secret key (a file of at least 32 bytes, e.g. "
          "`openssl rand -hex 32`) of the requester index: the store keeps "
          "HMAC(key, NIR), never the NIR's bare hash. Keep it outside the "
          "data directory and its backups; a new key rebuilds the index.");
ABSL_FLAG(std::string, cle_ancrage, "",
          "Ed25519 private key (PEM) that signs anchors of the log's head "
          "(every --ancrage_periode, at each backup, at shutdown and on "
          "AdministrationService.AncrerJournal), so that a log rewritten "
          "behind the service's back no longer verifies. Keep it outside "
          "the data directory and its backups. Empty: no anchors.");
ABSL_FLAG(absl::Duration, ancrage_periode, absl::Hours(1),
          "How often the log's head is anchored while it grows (with "
          "--cle_ancrage).");
ABSL_FLAG(std::string, backup_dir, "",
          "Where AdministrationService.Sauvegarder writes backups; default "
          "<data_dir>-sauvegardes.");
ABSL_FLAG(int, max_flux_par_principal, 4,
          "Open streams (SouscrireJournal, SuivreSaisines) one principal may "
          "hold; one more is RESOURCE_EXHAUSTED.");
ABSL_FLAG(int, max_flux, 64,
          "Open streams the server holds in all; one more is "
          "RESOURCE_EXHAUSTED.");
ABSL_FLAG(std::string, config, "",
          "A configuration file (one 'flag = value' per line, # comments); "
          "flags given on the command line override it.");
ABSL_FLAG(std::string, metrics_listen, "",
          "Serve Prometheus metrics over HTTP at /metrics on this host:port "
          "(port 0: any free port); empty: no metrics.");
ABSL_FLAG(std::string, health_listen, "",
          "Serve grpc.health.v1 alone, in plaintext, on this host:port (for "
          "probes that cannot speak TLS, e.g. Kubernetes' gRPC probes); "
          "empty: health on the main port only.");
ABSL_FLAG(std::string, pages_listen, "",
          "Serve the activity report and the dashboard over HTTPS on this "
          "host:port (port 0: any free port), with the gRPC TLS certificate "
          "and credentials (server/pages.h); empty: no pages.");
ABSL_FLAG(std::string, pages_port_file, "",
          "If set, the pages' port actually bound is written to this file.");
ABSL_FLAG(std::string, metrics_port_file, "",
          "If set, the metrics port actually bound is written to this file.");
ABSL_FLAG(std::string, log_format, "json",
          "json (one JSON object per line, for log collectors) or text.");
ABSL_FLAG(std::string, log_level, "info",
          "Lowest level logged: debug (adds health checks), info (one line "
          "per RPC), warning, error.");
ABSL_FLAG(std::string, port_file, "",
          "If set, the port actually bound is written to this file once the "
          "server accepts calls.");

namespace mediation {
namespace {

absl::StatusOr<std::optional<TlsOptions>> LoadTls() {
  const std::string cert = absl::GetFlag(FLAGS_tls_cert);
  const std::string key = absl::GetFlag(FLAGS_tls_key);
  if (cert.empty() != key.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together");
  }
  if (cert.empty()) return std::nullopt;
  TlsOptions tls;
  ASSIGN_OR_RETURN(tls.certificate_chain_pem, ReadFile(cert));
  ASSIGN_OR_RETURN(tls.private_key_pem, ReadFile(key));
  if (const std::string ca = absl::GetFlag(FLAGS_tls_client_ca); !ca.empty()) {
    ASSIGN_OR_RETURN(tls.client_ca_pem, ReadFile(ca));
  }
  return tls;
}

struct TokenKeys {
  std::shared_ptr<JwtVerifier> verifier;  // Null: no tokens accepted.
  std::unique_ptr<JwksRefresher> refresher;
};

// The verifier of --jwks and its refresher; the keys must load at start.
absl::StatusOr<TokenKeys> LoadVerifier() {
  JwksSource source;
  source.location = absl::GetFlag(FLAGS_jwks);
  if (source.location.empty()) return TokenKeys{};
  source.ca_file = absl::GetFlag(FLAGS_jwks_ca);
  source.refresh = absl::GetFlag(FLAGS_jwks_refresh);
  JwtPolicy policy;
  policy.issuer = absl::GetFlag(FLAGS_jwt_issuer);
  policy.audience = absl::GetFlag(FLAGS_jwt_audience);
  policy.role_claim = absl::GetFlag(FLAGS_jwt_role_claim);
  policy.caisse_claim = absl::GetFlag(FLAGS_jwt_caisse_claim);
  policy.leeway = absl::GetFlag(FLAGS_jwt_leeway);
  policy.max_lifetime = absl::GetFlag(FLAGS_jwt_max_lifetime);
  ASSIGN_OR_RETURN(Jwks keys, FetchJwks(source));
  TokenKeys loaded;
  ASSIGN_OR_RETURN(loaded.verifier,
                   JwtVerifier::Create(std::move(policy), std::move(keys)));
  loaded.refresher =
      std::make_unique<JwksRefresher>(source, loaded.verifier.get());
  return loaded;
}

// The key of --cle_ancrage (a private key: it signs), if any.
absl::StatusOr<std::optional<AnchorKey>> ChargerCleAncrage() {
  const std::string path = absl::GetFlag(FLAGS_cle_ancrage);
  if (path.empty()) return std::nullopt;
  ASSIGN_OR_RETURN(AnchorKey key, AnchorKey::FromFile(path));
  if (!key.can_sign()) {
    return absl::InvalidArgumentError(
        "--cle_ancrage must be the private key: it signs the anchors");
  }
  return std::optional<AnchorKey>(std::move(key));
}

absl::Status WritePortFile(const std::string& path, int port) {
  if (path.empty()) return absl::OkStatus();
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::trunc);
    file << port << "\n";
    if (!file) return absl::UnavailableError("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError("cannot write " + path);
  }
  return absl::OkStatus();
}

// gRPC's own log lines go through ours (same format, same level).
void LogGrpc(gpr_log_func_args* args) {
  const LogLevel level =
      args->severity == GPR_LOG_SEVERITY_ERROR  ? LogLevel::kError
      : args->severity == GPR_LOG_SEVERITY_INFO ? LogLevel::kInfo
                                                : LogLevel::kDebug;
  Log(level, args->message,
      {{"source", "grpc"},
       {"file", args->file == nullptr ? "" : args->file},
       {"line", args->line}});
}

// Blocks SIGTERM and SIGINT in every thread (call before starting any), so
// that WaitForStopSignal receives them.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int WaitForStopSignal(const sigset_t& signals) {
  int received = 0;
  sigwait(&signals, &received);
  return received;
}

// The store in `data_dir`, with the projections of `caisses`.
absl::StatusOr<std::unique_ptr<RocksDbStore>> OuvrirStore(
    const std::string& data_dir, const CaisseReferentiel& caisses,
    const NirIndexKey& nir_key, const AnchorKey* anchor_key, const Clock& clock,
    StoreObserver* observer) {
  RocksDbStoreOptions store_options;
  store_options.sync = absl::GetFlag(FLAGS_sync);
  store_options.reserve_bytes = static_cast<uint64_t>(std::max<int64_t>(
                                    0, absl::GetFlag(FLAGS_reserve_disque_mo)))
                                << 20;
  store_options.clock = &clock;
  store_options.anchor_key = anchor_key;
  store_options.observer = observer;
  std::vector<std::unique_ptr<Projection>> projections;
  projections.push_back(std::make_unique<SaisineProjection>(caisses, nir_key));
  if (!store_options.sync) {
    LogWarning("--sync=false: acknowledged writes may be lost on a crash");
  }
  return RocksDbStore::Open(data_dir, store_options, std::move(projections));
}

absl::StatusOr<NirIndexKey> ChargerCleIndexNir() {
  const std::string path = absl::GetFlag(FLAGS_cle_index_nir);
  if (path.empty()) {
    return absl::InvalidArgumentError(
        "--cle_index_nir is required: the requester index's secret key "
        "(openssl rand -hex 32 > FILE; chmod 600 FILE), kept outside the data "
        "directory");
  }
  return NirIndexKey::FromFile(path);
}

// Where and how to serve; warns when no caller could authenticate.
absl::StatusOr<ServerOptions> OptionsServeur(bool accepte_jetons) {
  ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.insecure_loopback = absl::GetFlag(FLAGS_insecure_loopback);
  ASSIGN_OR_RETURN(options.tls, LoadTls());
  if (!accepte_jetons &&
      (!options.tls.has_value() || options.tls->client_ca_pem.empty())) {
    LogWarning(
        "neither --jwks nor --tls_client_ca: no caller can "
        "authenticate, every call but health checks will be refused");
  }
  return options;
}

// Periodic anchoring of the log head, with a signing key and a period.
std::unique_ptr<AncragePeriodique> DemarrerAncrage(bool cle,
                                                   RocksDbStore& store) {
  const absl::Duration periode = absl::GetFlag(FLAGS_ancrage_periode);
  if (!cle || periode <= absl::ZeroDuration()) return nullptr;
  return std::make_unique<AncragePeriodique>(store.integrity(), store.events(),
                                             periode);
}

absl::Status Run() {
  const sigset_t signals = BlockStopSignals();
  // Before the store, which reports to it; after it in destruction.
  Metrics metrics;
  ASSIGN_OR_RETURN(CaisseReferentiel caisses,
                   ChargerCaisses(absl::GetFlag(FLAGS_caisses)));
  SystemClock clock;
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  ASSIGN_OR_RETURN(const NirIndexKey nir_key, ChargerCleIndexNir());
  ASSIGN_OR_RETURN(std::optional<AnchorKey> anchor_key, ChargerCleAncrage());
  ASSIGN_OR_RETURN(
      std::unique_ptr<RocksDbStore> store,
      OuvrirStore(data_dir, caisses, nir_key,
                  anchor_key ? &*anchor_key : nullptr, clock, &metrics));
  ASSIGN_OR_RETURN(TokenKeys token_keys, LoadVerifier());
  std::shared_ptr<const JwtVerifier> verifier = token_keys.verifier;
  ASSIGN_OR_RETURN(ServerOptions server_options,
                   OptionsServeur(verifier != nullptr));
  Authenticator authenticator(verifier, &clock, &caisses);
  UuidGenerator ids;
  std::string backups = absl::GetFlag(FLAGS_backup_dir);
  if (backups.empty()) backups = data_dir + "-sauvegardes";
  ASSIGN_OR_RETURN(const PageTokens page_tokens,
                   ChargerClePagination(data_dir));
  Dependencies deps;
  BrancherStore(*store, deps);
  deps.caisses = &caisses;
  deps.clock = &clock;
  deps.ids = &ids;
  deps.authenticator = &authenticator;
  deps.repertoire_sauvegardes = backups;
  deps.page_tokens = &page_tokens;
  deps.nir_index_key = &nir_key;
  StreamLimiter streams(
      std::clamp(absl::GetFlag(FLAGS_max_flux_par_principal), 1, 1000),
      std::clamp(absl::GetFlag(FLAGS_max_flux), 1, 10000));
  deps.streams = &streams;
  metrics.Watch(store.get(), &streams);
  if (const std::string address = absl::GetFlag(FLAGS_metrics_listen);
      !address.empty()) {
    ASSIGN_OR_RETURN(const int port, metrics.Serve(address));
    RETURN_IF_ERROR(
        WritePortFile(absl::GetFlag(FLAGS_metrics_port_file), port));
    Log(LogLevel::kInfo, "metrics served",
        {{"address", address}, {"port", port}});
  }
  server_options.metrics = &metrics;
  server_options.health_listen = absl::GetFlag(FLAGS_health_listen);
  RocksDbStore* const watched = store.get();
  server_options.writes_accepted = [watched] {
    return watched->database().WritesAccepted();
  };
  ASSIGN_OR_RETURN(std::unique_ptr<MediationServer> server,
                   MediationServer::Start(server_options, deps));
  RETURN_IF_ERROR(
      WritePortFile(absl::GetFlag(FLAGS_port_file), server->port()));
  Log(LogLevel::kInfo,
      absl::StrCat("mediationd serving on ", server_options.listen_address),
      {{"event", "serving"},
       {"port", server->port()},
       {"health_port", server->health_port()},
       {"data_dir", data_dir},
       {"events", static_cast<int64_t>(store->events().LastPosition())},
       {"allocator", AllocatorName()}});
  std::unique_ptr<Pages> pages;
  if (const std::string address = absl::GetFlag(FLAGS_pages_listen);
      !address.empty()) {
    if (!server_options.tls.has_value()) {
      return absl::FailedPreconditionError(
          "--pages_listen needs TLS: --tls_cert and --tls_key");
    }
    ASSIGN_OR_RETURN(pages, Pages::Start(address, *server_options.tls, deps));
    RETURN_IF_ERROR(
        WritePortFile(absl::GetFlag(FLAGS_pages_port_file), pages->port()));
    Log(LogLevel::kInfo, "pages served",
        {{"address", address}, {"port", pages->port()}});
  }
  std::unique_ptr<AncragePeriodique> ancrage =
      DemarrerAncrage(anchor_key.has_value(), *store);
  const int signal = WaitForStopSignal(signals);
  LogInfo(absl::StrCat("signal ", signal, " received: shutting down"));
  pages.reset();
  server->Shutdown(absl::Seconds(10));
  server.reset();
  metrics.Watch(nullptr, nullptr);  // Scrapes no longer read the store.
  ancrage.reset();                  // Anchors the final head.
  store.reset();  // Answers queued appends, then closes RocksDB.
  LogInfo("mediationd stopped cleanly");
  return absl::OkStatus();
}

}  // namespace
}  // namespace mediation

int main(int argc, char** argv) {
  // Data, backups and keys: readable by the service's user only.
  umask(077);
  // Debian's Abseil is built without NDEBUG, so every absl::Mutex would
  // record its lock order for deadlock detection: a debugging aid that
  // costs every lock on the request path. The tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  mediation::InstallVersionFlag("mediationd");
  absl::SetProgramUsageMessage(
      "The mediation service of the Assurance Maladie (gRPC).");
  // The file first: the command line overrides it.
  if (const std::optional<std::string> config =
          mediation::FlagFromArgs(argc, argv, "config");
      config.has_value() && !config->empty()) {
    if (absl::Status applied = mediation::ApplyConfigFile(*config);
        !applied.ok()) {
      std::fprintf(stderr, "mediationd: %s\n",
                   std::string(applied.message()).c_str());
      return 2;
    }
  }
  absl::ParseCommandLine(argc, argv);
  const absl::StatusOr<mediation::LogFormat> format =
      mediation::ParseLogFormat(absl::GetFlag(FLAGS_log_format));
  const absl::StatusOr<mediation::LogLevel> level =
      mediation::ParseLogLevel(absl::GetFlag(FLAGS_log_level));
  if (!format.ok() || !level.ok()) {
    std::fprintf(stderr, "mediationd: --%s\n",
                 std::string(!format.ok() ? format.status().message()
                                          : level.status().message())
                     .c_str());
    return 2;
  }
  mediation::SetLogFormat(*format);
  mediation::SetLogLevel(*level);
  gpr_set_log_function(mediation::LogGrpc);
  absl::Status status = mediation::Run();
  if (!status.ok()) {
    mediation::LogError(absl::StrCat("mediationd: ", status.ToString()));
    return 1;
  }
  return 0;
}
