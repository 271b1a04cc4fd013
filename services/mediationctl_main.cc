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
//   health                the server's gRPC health status
//
// Exit status: 0 on success, 1 when the server refuses or fails, 2 on bad
// usage or unreadable input.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "services/ids.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "mediationd address.");
ABSL_FLAG(std::string, request_id, "",
          "deposer: the request id (overrides the file's; default: the "
          "file's, else a new one).");
ABSL_FLAG(std::string, caisse, "", "list: caisse code.");
ABSL_FLAG(std::string, statut, "", "list: status, e.g. RECUE.");
ABSL_FLAG(std::string, depuis, "", "list: received on or after YYYY-MM-DD.");
ABSL_FLAG(std::string, jusqu_au, "", "list: received on or before YYYY-MM-DD.");
ABSL_FLAG(int, page_size, 0, "list: page size (1-500, default 50).");
ABSL_FLAG(std::string, page_token, "", "list: token of the next page.");
ABSL_FLAG(int, timeout_seconds, 30, "Deadline of each call.");

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

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(
      std::chrono::system_clock::now() +
      std::chrono::seconds(absl::GetFlag(FLAGS_timeout_seconds)));
}

std::shared_ptr<grpc::Channel> Channel() {
  return grpc::CreateChannel(absl::GetFlag(FLAGS_server),
                             grpc::InsecureChannelCredentials());
}

int Deposer(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    std::cerr << "cannot read " << path << "\n";
    return kUsage;
  }
  std::stringstream text;
  text << file.rdbuf();
  v1::DeposerSaisineRequest request;
  auto parsed = google::protobuf::util::JsonStringToMessage(
      text.str(), &request, JsonParseOptions());
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
  grpc::ClientContext context;
  SetDeadline(context);
  v1::DeposerSaisineResponse response;
  grpc::Status status = stub->DeposerSaisine(&context, request, &response);
  if (!status.ok()) return Report(status);
  Print(response);
  return kOk;
}

int Get(const std::string& id) {
  auto stub = v1::AccueilService::NewStub(Channel());
  grpc::ClientContext context;
  SetDeadline(context);
  v1::GetSaisineRequest request;
  request.set_saisine_id(id);
  v1::Saisine response;
  grpc::Status status = stub->GetSaisine(&context, request, &response);
  if (!status.ok()) return Report(status);
  Print(response);
  return kOk;
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
  grpc::ClientContext context;
  SetDeadline(context);
  v1::ListSaisinesResponse response;
  grpc::Status status = stub->ListSaisines(&context, request, &response);
  if (!status.ok()) return Report(status);
  Print(response);
  return kOk;
}

int Historique(const std::string& id) {
  auto stub = v1::AuditService::NewStub(Channel());
  grpc::ClientContext context;
  SetDeadline(context);
  v1::GetHistoriqueRequest request;
  request.set_saisine_id(id);
  v1::GetHistoriqueResponse response;
  grpc::Status status = stub->GetHistorique(&context, request, &response);
  if (!status.ok()) return Report(status);
  Print(response);
  return kOk;
}

int Health() {
  auto stub = grpc::health::v1::Health::NewStub(Channel());
  grpc::ClientContext context;
  SetDeadline(context);
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return Report(status);
  Print(response);
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING
             ? kOk
             : kRefused;
}

int Dispatch(const std::vector<char*>& args) {
  const std::string command = args.size() > 1 ? args[1] : "";
  const bool one_arg = args.size() == 3;
  if (command == "deposer" && one_arg) return Deposer(args[2]);
  if (command == "get" && one_arg) return Get(args[2]);
  if (command == "historique" && one_arg) return Historique(args[2]);
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
      "--jusqu_au= --page_size= --page_token=] | historique ID | health");
  return mediation::Dispatch(absl::ParseCommandLine(argc, argv));
}
