// What every mediationctl command shares: its flags, the channel and
// credentials of a call, printing answers and refusals, exit codes.
#ifndef MEDIATION_CMD_MEDIATIONCTL_COMMON_H_
#define MEDIATION_CMD_MEDIATIONCTL_COMMON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "mediation/v1/national.pb.h"

ABSL_DECLARE_FLAG(std::string, server);
ABSL_DECLARE_FLAG(std::string, request_id);
ABSL_DECLARE_FLAG(std::string, caisse);
ABSL_DECLARE_FLAG(std::string, caisses);
ABSL_DECLARE_FLAG(std::string, saisine);
ABSL_DECLARE_FLAG(std::string, connu_le);
ABSL_DECLARE_FLAG(uint64_t, position);
ABSL_DECLARE_FLAG(uint64_t, depuis_position);
ABSL_DECLARE_FLAG(std::vector<std::string>, types);
ABSL_DECLARE_FLAG(int, nombre);
ABSL_DECLARE_FLAG(std::string, perimetre);
ABSL_DECLARE_FLAG(std::string, depuis_mois);
ABSL_DECLARE_FLAG(std::string, jusqu_au_mois);
ABSL_DECLARE_FLAG(int, annee);
ABSL_DECLARE_FLAG(std::string, statut);
ABSL_DECLARE_FLAG(std::string, depuis);
ABSL_DECLARE_FLAG(std::string, jusqu_au);
ABSL_DECLARE_FLAG(int, page_size);
ABSL_DECLARE_FLAG(std::string, page_token);
ABSL_DECLARE_FLAG(int, timeout_seconds);
ABSL_DECLARE_FLAG(std::string, output);
ABSL_DECLARE_FLAG(std::string, credentials);
ABSL_DECLARE_FLAG(std::string, as);
ABSL_DECLARE_FLAG(std::string, token_file);
ABSL_DECLARE_FLAG(std::string, ca);
ABSL_DECLARE_FLAG(std::string, client_cert);
ABSL_DECLARE_FLAG(std::string, client_key);
ABSL_DECLARE_FLAG(bool, insecure);
ABSL_DECLARE_FLAG(std::string, signing_key);
ABSL_DECLARE_FLAG(std::string, role);
ABSL_DECLARE_FLAG(std::string, caisse_jeton);
ABSL_DECLARE_FLAG(std::string, sujet);
ABSL_DECLARE_FLAG(int, validite_heures);

#include "storage/anchor.h"

namespace mediation::ctl {

constexpr int kOk = 0;
constexpr int kRefused = 1;
constexpr int kUsage = 2;

// A message as --output says: indented proto3 JSON, or a table of its
// fields. PrintLine: the same on one line (JSON), for many answers.
void Print(const google::protobuf::Message& message);
void PrintLine(const google::protobuf::Message& message);
void PrintField(const google::protobuf::Message& message, const char* champ);
int Report(const grpc::Status& status);
std::string ReadFileOrEmpty(const std::string& path);
std::string CredentialsDir();
// The NIR index key file: --cle_index_nir, else
// <credentials>/index-nir.key.
std::string CleIndexNir();
// The anchors' public key: --cle_ancrage_publique, else
// <credentials>/ancrage.pub when it exists; nullopt when neither.
absl::StatusOr<std::optional<AnchorKey>> CleAncrage();
// Deadline and bearer token of a call.
void Prepare(grpc::ClientContext& context, bool with_token = true);
std::shared_ptr<grpc::Channel> Channel();

// The perimeter of --perimetre in a request; false (and says why, naming
// `commande`) when it does not parse.
bool LirePerimetre(const char* commande, v1::GetStatistiquesRequest* request);

// Months of receipt, inclusive.
struct Periode {
  absl::CivilMonth depuis;
  absl::CivilMonth jusqu_au;
};
// The period of --annee, or of --depuis_mois and --jusqu_au_mois; false
// (and says why, naming `commande` and the flags) when they are missing,
// both given, unparseable or reversed.
bool LirePeriode(const char* commande, Periode* periode);

// Calls one RPC with the deadline and credentials of every call; the answer
// is left in `response`, not printed.
template <typename Stub, typename Method, typename Request, typename Response>
grpc::Status Demander(Stub& stub, Method method, const Request& request,
                      Response* response, bool with_token = true) {
  grpc::ClientContext context;
  Prepare(context, with_token);
  return (stub.*method)(&context, request, response);
}

// Calls one RPC with the deadline and credentials of every call, and prints
// the answer (or the refusal).
// With `champ`, only that message field of the response is printed (the
// resource a Get returns).
template <typename Response, typename Stub, typename Method, typename Request>
int Appeler(Stub& stub, Method method, const Request& request,
            const char* champ = nullptr, bool with_token = true) {
  Response response;
  grpc::Status status = Demander(stub, method, request, &response, with_token);
  if (!status.ok()) return Report(status);
  PrintField(response, champ);
  return kOk;
}

}  // namespace mediation::ctl

#endif  // MEDIATION_CMD_MEDIATIONCTL_COMMON_H_
