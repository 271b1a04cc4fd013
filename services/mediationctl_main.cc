// mediationctl: the command-line client of mediationd.
//
//   mediationctl [--server=127.0.0.1:50051] COMMAND [ARGS]
//
//   deposer FILE.json     register the saisine described by FILE.json (a
//                         mediation.v1.DeposerSaisineRequest in proto3 JSON);
//                         without request_id, one is generated and printed
//                         so that the deposit can be retried safely
//   get ID                one saisine
//   list                  saisines (--caisse --statut --depuis --jusqu_au
//                         --page_size --page_token)
//   historique ID         every event of a saisine, with its metadata
//   acte NOM FILE.json    a mediation act: NOM is a MediationService method
//                         (DeclarerRecevable, Orienter, EmettreRecommandation,
//                         DeciderEquite, CommuniquerConclusions, Cloturer…),
//                         FILE.json its request; --saisine and --request_id
//                         fill `commun` (a request id is generated if none)
//   echeances ID          the deadline state of a saisine today
//   file                  the open saisines of a caisse, most urgent first
//                         (--caisse, --page_size, --page_token)
//   statistiques          the annual report's tables: --perimetre=caisse:CODE,
//                         region:NOM or national; --depuis_mois,
//                         --jusqu_au_mois (YYYY-MM)
//   suivi-cra             the events that concern the CRA of --caisse, from
//                         --depuis_position, at most --nombre
//   sauvegarder NOM       a consistent backup of the running store, in the
//                         server's backup directory (operateur)
//   restaurer SRC DEST    offline: copies the backup SRC into the new data
//                         directory DEST and verifies the copy (hash chain,
//                         projections) before anyone serves it
//   verifier DATA_DIR     offline, server stopped: checks a store's hash chain
//                         and that its projections equal a replay of the log
//   consultations ID      who read the saisine's personal data (auditeur)
//   rejouer ID            the saisine as known at --connu_le (RFC 3339) or
//                         --position
//   integrite [ID]        checks the hash chain of a saisine or of the log
//   journal               follows the log from --depuis_position (--types=A,B
//                         --caisse), at most --nombre events (0: until
//                         interrupted)
//   health                the server's gRPC health status (no credentials)
//   jeton                 print a signed access token (development identity
//                         provider): --signing_key --role --caisse_jeton
//                         --sujet [--validite_heures]
//
// Credentials come from --credentials (default $MEDIATION_CREDENTIALS, else
// ./mediation-dev, as made by deploy/make-dev-credentials.sh):
//   ca.pem                 the CA of the server's certificate (TLS)
//   jetons/<role>.jeton    the token used with --as=<role>
// --token_file, --client_cert/--client_key (mutual TLS) and --ca override
// them; --insecure speaks plaintext (loopback servers in development).
//
// Exit status: 0 on success, 1 when the server refuses or fails, 2 on bad
// usage or unreadable input.
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/administration.grpc.pb.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "mediation/v1/cra.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "mediation/v1/national.grpc.pb.h"
#include "services/fichiers.h"
#include "services/generic_call.h"
#include "services/ids.h"
#include "services/principal.h"
#include "services/token.h"
#include "storage/rocksdb_event_store.h"
#include "storage/saisine_projection.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "mediationd address.");
ABSL_FLAG(std::string, request_id, "",
          "deposer: the request id (overrides the file's; default: the "
          "file's, else a new one).");
ABSL_FLAG(std::string, caisse, "", "list, file: caisse code.");
ABSL_FLAG(std::string, caisses, "",
          "verifier, restaurer: the caisse referential the server runs with "
          "(mediationd --caisses); empty: the embedded one.");
ABSL_FLAG(std::string, saisine, "", "acte: the saisine (commun.saisine_id).");
ABSL_FLAG(std::string, connu_le, "", "rejouer: a time, RFC 3339.");
ABSL_FLAG(uint64_t, position, 0, "rejouer: a position of the log.");
ABSL_FLAG(uint64_t, depuis_position, 0, "journal: first position.");
ABSL_FLAG(std::vector<std::string>, types, {}, "journal: event types.");
ABSL_FLAG(int, nombre, 0,
          "journal, suivi-cra: stop after this many events (0: never).");
ABSL_FLAG(std::string, perimetre, "national",
          "statistiques: caisse:CODE, region:NOM or national.");
ABSL_FLAG(std::string, depuis_mois, "", "statistiques: first month YYYY-MM.");
ABSL_FLAG(std::string, jusqu_au_mois, "", "statistiques: last month YYYY-MM.");
ABSL_FLAG(std::string, statut, "", "list: status, e.g. RECUE.");
ABSL_FLAG(std::string, depuis, "", "list: received on or after YYYY-MM-DD.");
ABSL_FLAG(std::string, jusqu_au, "", "list: received on or before YYYY-MM-DD.");
ABSL_FLAG(int, page_size, 0, "list: page size (1-500, default 50).");
ABSL_FLAG(std::string, page_token, "", "list: token of the next page.");
ABSL_FLAG(int, timeout_seconds, 30, "Deadline of each call.");
ABSL_FLAG(std::string, credentials, "",
          "Credentials directory (default: $MEDIATION_CREDENTIALS, else "
          "./mediation-dev).");
ABSL_FLAG(std::string, as, "mediateur",
          "Role whose token to use: <credentials>/jetons/<role>.jeton.");
ABSL_FLAG(std::string, token_file, "", "Token file (overrides --as).");
ABSL_FLAG(std::string, ca, "",
          "CA of the server (default <credentials>/ca.pem).");
ABSL_FLAG(std::string, client_cert, "", "Client certificate (mutual TLS).");
ABSL_FLAG(std::string, client_key, "", "Client private key (mutual TLS).");
ABSL_FLAG(bool, insecure, false, "Plaintext instead of TLS.");
ABSL_FLAG(std::string, signing_key, "", "jeton: Ed25519 private key (PEM).");
ABSL_FLAG(std::string, role, "", "jeton: role.");
ABSL_FLAG(std::string, caisse_jeton, "", "jeton: caisse code, or * .");
ABSL_FLAG(std::string, sujet, "", "jeton: subject (login or system name).");
ABSL_FLAG(int, validite_heures, 12, "jeton: hours of validity.");

namespace mediation {
namespace {

constexpr int kOk = 0;
constexpr int kRefused = 1;
constexpr int kUsage = 2;

using google::protobuf::util::JsonParseOptions;
using google::protobuf::util::JsonPrintOptions;

void Print(const google::protobuf::Message& message) {
  JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    json = message.DebugString();
  }
  std::cout << json;
}

const char* CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  return index >= 0 && index < 17 ? kNames[index] : "UNKNOWN";
}

int Report(const grpc::Status& status) {
  std::cerr << "error: " << CodeName(status.error_code()) << ": "
            << status.error_message() << "\n";
  return kRefused;
}

std::string ReadFileOrEmpty(const std::string& path) {
  return ReadFile(path).value_or("");
}

std::string CredentialsDir() {
  std::string dir = absl::GetFlag(FLAGS_credentials);
  if (dir.empty()) {
    const char* env = std::getenv("MEDIATION_CREDENTIALS");
    dir = env != nullptr ? env : "mediation-dev";
  }
  return dir;
}

// Deadline and bearer token of a call.
void Prepare(grpc::ClientContext& context, bool with_token = true) {
  context.set_deadline(
      std::chrono::system_clock::now() +
      std::chrono::seconds(absl::GetFlag(FLAGS_timeout_seconds)));
  if (!with_token) return;
  std::string path = absl::GetFlag(FLAGS_token_file);
  if (path.empty()) {
    path = absl::StrCat(CredentialsDir(), "/jetons/", absl::GetFlag(FLAGS_as),
                        ".jeton");
  }
  std::string token = ReadFileOrEmpty(path);
  while (!token.empty() && std::isspace(token.back())) token.pop_back();
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
}

std::shared_ptr<grpc::Channel> Channel() {
  if (absl::GetFlag(FLAGS_insecure)) {
    return grpc::CreateChannel(absl::GetFlag(FLAGS_server),
                               grpc::InsecureChannelCredentials());
  }
  std::string ca = absl::GetFlag(FLAGS_ca);
  if (ca.empty()) ca = CredentialsDir() + "/ca.pem";
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrEmpty(ca);  // Empty: the system's CAs.
  if (!absl::GetFlag(FLAGS_client_cert).empty()) {
    ssl.pem_cert_chain = ReadFileOrEmpty(absl::GetFlag(FLAGS_client_cert));
    ssl.pem_private_key = ReadFileOrEmpty(absl::GetFlag(FLAGS_client_key));
  }
  return grpc::CreateChannel(absl::GetFlag(FLAGS_server),
                             grpc::SslCredentials(ssl));
}

// Calls one RPC with the deadline and credentials of every call, and prints
// the answer (or the refusal).
template <typename Response, typename Stub, typename Method, typename Request>
int Appeler(Stub& stub, Method method, const Request& request,
            bool with_token = true) {
  grpc::ClientContext context;
  Prepare(context, with_token);
  Response response;
  grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) return Report(status);
  Print(response);
  return kOk;
}

int Deposer(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    std::cerr << text.status().message() << "\n";
    return kUsage;
  }
  v1::DeposerSaisineRequest request;
  auto parsed = google::protobuf::util::JsonStringToMessage(*text, &request,
                                                            JsonParseOptions());
  if (!parsed.ok()) {
    std::cerr << path << ": " << parsed.ToString() << "\n";
    return kUsage;
  }
  if (!absl::GetFlag(FLAGS_request_id).empty()) {
    request.set_request_id(absl::GetFlag(FLAGS_request_id));
  }
  if (request.request_id().empty()) {
    request.set_request_id(UuidGenerator().NewId());
    std::cerr << "request_id " << request.request_id()
              << " (pass --request_id=" << request.request_id()
              << " to retry this deposit safely)\n";
  }
  auto stub = v1::AccueilService::NewStub(Channel());
  return Appeler<v1::DeposerSaisineResponse>(
      *stub, &v1::AccueilService::Stub::DeposerSaisine, request);
}

int Get(const std::string& id) {
  auto stub = v1::AccueilService::NewStub(Channel());
  v1::GetSaisineRequest request;
  request.set_saisine_id(id);
  return Appeler<v1::Saisine>(*stub, &v1::AccueilService::Stub::GetSaisine,
                              request);
}

int List() {
  v1::ListSaisinesRequest request;
  request.set_caisse(absl::GetFlag(FLAGS_caisse));
  const std::string statut = absl::GetFlag(FLAGS_statut);
  if (!statut.empty()) {
    v1::Statut value;
    if (!v1::Statut_Parse(statut, &value) &&
        !v1::Statut_Parse("STATUT_" + statut, &value)) {
      std::cerr << "unknown --statut " << statut << "\n";
      return kUsage;
    }
    request.set_statut(value);
  }
  request.set_recue_depuis(absl::GetFlag(FLAGS_depuis));
  request.set_recue_jusqu_au(absl::GetFlag(FLAGS_jusqu_au));
  request.set_page_size(absl::GetFlag(FLAGS_page_size));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  auto stub = v1::AccueilService::NewStub(Channel());
  return Appeler<v1::ListSaisinesResponse>(
      *stub, &v1::AccueilService::Stub::ListSaisines, request);
}

int Historique(const std::string& id) {
  auto stub = v1::AuditService::NewStub(Channel());
  v1::GetHistoriqueRequest request;
  request.set_saisine_id(id);
  return Appeler<v1::GetHistoriqueResponse>(
      *stub, &v1::AuditService::Stub::GetHistorique, request);
}

int Health() {
  auto stub = grpc::health::v1::Health::NewStub(Channel());
  grpc::ClientContext context;
  Prepare(context, /*with_token=*/false);
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return Report(status);
  Print(response);
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING
             ? kOk
             : kRefused;
}

int Acte(const std::string& name, const std::string& path) {
  const auto* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          "mediation.v1.MediationService." + name);
  if (method == nullptr ||
      method->input_type()->FindFieldByName("commun") == nullptr) {
    std::cerr << "acte: no act named " << name << "\n";
    return kUsage;
  }
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  std::unique_ptr<google::protobuf::Message> request(
      factory->GetPrototype(method->input_type())->New());
  std::unique_ptr<google::protobuf::Message> response(
      factory->GetPrototype(method->output_type())->New());
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok() ||
      !google::protobuf::util::JsonStringToMessage(*text, request.get()).ok()) {
    std::cerr << path << ": not a " << method->input_type()->full_name()
              << " in JSON\n";
    return kUsage;
  }
  auto* commun =
      static_cast<v1::ActeCommun*>(request->GetReflection()->MutableMessage(
          request.get(), method->input_type()->FindFieldByName("commun")));
  if (!absl::GetFlag(FLAGS_saisine).empty()) {
    commun->set_saisine_id(absl::GetFlag(FLAGS_saisine));
  }
  if (!absl::GetFlag(FLAGS_request_id).empty()) {
    commun->set_request_id(absl::GetFlag(FLAGS_request_id));
  }
  if (commun->request_id().empty()) {
    commun->set_request_id(UuidGenerator().NewId());
    std::cerr << "request_id " << commun->request_id()
              << " (pass --request_id=" << commun->request_id()
              << " to retry this act safely)\n";
  }
  grpc::ClientContext context;
  Prepare(context);
  grpc::Status status = CallUnary(
      Channel(), context,
      absl::StrCat("/", method->service()->full_name(), "/", method->name()),
      *request, *response);
  if (!status.ok()) return Report(status);
  Print(*response);
  return kOk;
}

int Echeances(const std::string& id) {
  auto stub = v1::MediationService::NewStub(Channel());
  v1::GetEcheancesRequest request;
  request.set_saisine_id(id);
  return Appeler<v1::EtatDelais>(
      *stub, &v1::MediationService::Stub::GetEcheances, request);
}

int File() {
  auto stub = v1::MediationService::NewStub(Channel());
  v1::ListParUrgenceRequest request;
  request.set_caisse(absl::GetFlag(FLAGS_caisse));
  request.set_page_size(absl::GetFlag(FLAGS_page_size));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  return Appeler<v1::ListParUrgenceResponse>(
      *stub, &v1::MediationService::Stub::ListParUrgence, request);
}

int Rejouer(const std::string& id) {
  v1::RejouerAuPointRequest request;
  request.set_saisine_id(id);
  if (const std::string at = absl::GetFlag(FLAGS_connu_le); !at.empty()) {
    absl::Time time;
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, at, &time, &error)) {
      std::cerr << "--connu_le: " << error << "\n";
      return kUsage;
    }
    request.mutable_connu_le()->set_seconds(absl::ToUnixSeconds(time));
  } else {
    request.set_position(absl::GetFlag(FLAGS_position));
  }
  auto stub = v1::AuditService::NewStub(Channel());
  return Appeler<v1::RejouerAuPointResponse>(
      *stub, &v1::AuditService::Stub::RejouerAuPoint, request);
}

int Integrite(const std::string& id) {
  v1::VerifierIntegriteRequest request;
  request.set_saisine_id(id);
  auto stub = v1::AuditService::NewStub(Channel());
  return Appeler<v1::VerifierIntegriteResponse>(
      *stub, &v1::AuditService::Stub::VerifierIntegrite, request);
}

// Prints a stream of events, one JSON object per line as log followers
// expect, until --nombre events or the end of the stream.
int ImprimerFlux(grpc::ClientContext& context,
                 grpc::ClientReader<v1::Evenement>& reader) {
  const int nombre = absl::GetFlag(FLAGS_nombre);
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  v1::Evenement event;
  for (int received = 0; nombre == 0 || received < nombre; ++received) {
    if (!reader.Read(&event)) return Report(reader.Finish());
    std::string line;
    if (!google::protobuf::util::MessageToJsonString(event, &line, options)
             .ok()) {
      return kRefused;
    }
    std::cout << line << std::endl;
  }
  context.TryCancel();
  reader.Finish().IgnoreError();
  return kOk;
}

int Journal() {
  v1::SouscrireJournalRequest request;
  request.set_depuis_position(absl::GetFlag(FLAGS_depuis_position));
  for (const std::string& type : absl::GetFlag(FLAGS_types)) {
    request.add_types(type);
  }
  request.set_caisse(absl::GetFlag(FLAGS_caisse));
  auto stub = v1::AuditService::NewStub(Channel());
  grpc::ClientContext context;
  Prepare(context);
  context.set_deadline(std::chrono::system_clock::time_point::max());
  auto reader = stub->SouscrireJournal(&context, request);
  return ImprimerFlux(context, *reader);
}

int SuiviCra() {
  v1::SuivreSaisinesRequest request;
  request.set_caisse(absl::GetFlag(FLAGS_caisse));
  request.set_depuis_position(absl::GetFlag(FLAGS_depuis_position));
  auto stub = v1::CraService::NewStub(Channel());
  grpc::ClientContext context;
  Prepare(context);
  context.set_deadline(std::chrono::system_clock::time_point::max());
  auto reader = stub->SuivreSaisines(&context, request);
  return ImprimerFlux(context, *reader);
}

int Statistiques() {
  v1::GetStatistiquesRequest request;
  const std::string perimetre = absl::GetFlag(FLAGS_perimetre);
  if (perimetre == "national") {
    request.set_national(true);
  } else if (perimetre.rfind("caisse:", 0) == 0) {
    request.set_caisse(perimetre.substr(7));
  } else if (perimetre.rfind("region:", 0) == 0) {
    request.set_region(perimetre.substr(7));
  } else {
    std::cerr << "--perimetre: caisse:CODE, region:NOM or national\n";
    return kUsage;
  }
  request.set_depuis(absl::GetFlag(FLAGS_depuis_mois));
  request.set_jusqu_au(absl::GetFlag(FLAGS_jusqu_au_mois));
  auto stub = v1::NationalService::NewStub(Channel());
  return Appeler<v1::Statistiques>(
      *stub, &v1::NationalService::Stub::GetStatistiques, request);
}

int Sauvegarder(const std::string& nom) {
  v1::SauvegarderRequest request;
  request.set_nom(nom);
  auto stub = v1::AdministrationService::NewStub(Channel());
  return Appeler<v1::SauvegarderResponse>(
      *stub, &v1::AdministrationService::Stub::Sauvegarder, request);
}

// Opens a stopped store and checks its hash chain and projections.
int Verifier(const std::string& directory) {
  // The server's referential: with another, the projection ids would differ
  // and opening would rebuild them, leaving nothing to compare.
  absl::StatusOr<CaisseReferentiel> caisses =
      ChargerCaisses(absl::GetFlag(FLAGS_caisses));
  if (!caisses.ok()) {
    std::cerr << "verifier: " << caisses.status() << "\n";
    return kUsage;
  }
  std::vector<std::unique_ptr<Projection>> projections;
  projections.push_back(std::make_unique<SaisineProjection>(*caisses));
  auto store = RocksDbEventStore::Open(directory, RocksDbEventStoreOptions(),
                                       std::move(projections));
  if (!store.ok()) {
    std::cerr << "verifier: " << store.status() << "\n";
    return kRefused;
  }
  auto report = (*store)->VerifyIntegrity("");
  const absl::Status projections_ok = (*store)->VerifyProjections();
  if (!report.ok() || !report->intact || !projections_ok.ok()) {
    std::cerr << "verifier: the store does not verify: "
              << (report.ok() ? report->reason : report.status().ToString())
              << " " << projections_ok << "\n";
    return kRefused;
  }
  std::cout << "{\"repertoire\": \"" << directory
            << "\", \"evenements_verifies\": " << report->events_verified
            << "}\n";
  return kOk;
}

int Restaurer(const std::string& source, const std::string& destination) {
  std::error_code error;
  if (std::filesystem::exists(destination)) {
    std::cerr << "restaurer: " << destination << " already exists\n";
    return kUsage;
  }
  std::filesystem::copy(source, destination,
                        std::filesystem::copy_options::recursive, error);
  if (error) {
    std::cerr << "restaurer: " << error.message() << "\n";
    return kRefused;
  }
  return Verifier(destination);
}

int Consultations(const std::string& id) {
  auto stub = v1::AuditService::NewStub(Channel());
  v1::ListConsultationsRequest request;
  request.set_saisine_id(id);
  return Appeler<v1::ListConsultationsResponse>(
      *stub, &v1::AuditService::Stub::ListConsultations, request);
}

int Jeton() {
  const std::string pem = ReadFileOrEmpty(absl::GetFlag(FLAGS_signing_key));
  absl::StatusOr<TokenSigner> signer = TokenSigner::FromPrivateKeyPem(pem);
  absl::StatusOr<Principal> principal =
      MakePrincipal(absl::GetFlag(FLAGS_sujet), absl::GetFlag(FLAGS_role),
                    absl::GetFlag(FLAGS_caisse_jeton));
  if (!signer.ok() || !principal.ok()) {
    std::cerr << "jeton: "
              << (signer.ok() ? principal.status() : signer.status()).message()
              << "\n";
    return kUsage;
  }
  const absl::Time now = absl::Now();
  absl::StatusOr<std::string> token = signer->Sign(
      *principal, now, now + absl::Hours(absl::GetFlag(FLAGS_validite_heures)));
  if (!token.ok()) {
    std::cerr << "jeton: " << token.status().message() << "\n";
    return kRefused;
  }
  std::cout << *token << "\n";
  return kOk;
}

int Dispatch(const std::vector<char*>& args) {
  const std::string command = args.size() > 1 ? args[1] : "";
  const bool one_arg = args.size() == 3;
  if (command == "deposer" && one_arg) return Deposer(args[2]);
  if (command == "get" && one_arg) return Get(args[2]);
  if (command == "historique" && one_arg) return Historique(args[2]);
  if (command == "consultations" && one_arg) return Consultations(args[2]);
  if (command == "acte" && args.size() == 4) return Acte(args[2], args[3]);
  if (command == "rejouer" && one_arg) return Rejouer(args[2]);
  if (command == "integrite" && args.size() <= 3) {
    return Integrite(args.size() == 3 ? args[2] : "");
  }
  if (command == "journal" && args.size() == 2) return Journal();
  if (command == "suivi-cra" && args.size() == 2) return SuiviCra();
  if (command == "statistiques" && args.size() == 2) return Statistiques();
  if (command == "sauvegarder" && one_arg) return Sauvegarder(args[2]);
  if (command == "verifier" && one_arg) return Verifier(args[2]);
  if (command == "restaurer" && args.size() == 4) {
    return Restaurer(args[2], args[3]);
  }
  if (command == "echeances" && one_arg) return Echeances(args[2]);
  if (command == "file" && args.size() == 2) return File();
  if (command == "jeton" && args.size() == 2) return Jeton();
  if (command == "list" && args.size() == 2) return List();
  if (command == "health" && args.size() == 2) return Health();
  std::cerr << absl::ProgramUsageMessage() << "\n";
  return kUsage;
}

}  // namespace
}  // namespace mediation

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "usage: mediationctl [--server=HOST:PORT] COMMAND [ARGS]\n"
      "  deposer FILE.json | get ID | list [--caisse= --statut= --depuis= "
      "--jusqu_au= --page_size= --page_token=] | historique ID | consultations "
      "ID "
      "| health | jeton\n"
      "  [--credentials=DIR --as=ROLE --token_file= --ca= --client_cert= "
      "--client_key= --insecure]");
  return mediation::Dispatch(absl::ParseCommandLine(argc, argv));
}
