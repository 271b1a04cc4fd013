#include "cmd/mediationctl/common.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/files.h"
#include "base/status_macros.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

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
          "journal, suivi-cra: stop after this many events (0: no limit).");
ABSL_FLAG(std::string, perimetre, "national",
          "statistiques, rapport: caisse:CODE, region:NOM or national.");
ABSL_FLAG(int, annee, 0,
          "statistiques, rapport: a calendar year (else --depuis_mois and "
          "--jusqu_au_mois).");
ABSL_FLAG(std::string, depuis_mois, "",
          "statistiques, rapport: first month YYYY-MM.");
ABSL_FLAG(std::string, jusqu_au_mois, "",
          "statistiques, rapport: last month YYYY-MM.");
ABSL_FLAG(std::string, statut, "", "list: status, e.g. RECUE.");
ABSL_FLAG(std::string, depuis, "", "list: received on or after YYYY-MM-DD.");
ABSL_FLAG(std::string, jusqu_au, "", "list: received on or before YYYY-MM-DD.");
ABSL_FLAG(int, page_size, 0, "list: page size (1-500, default 50).");
ABSL_FLAG(std::string, page_token, "", "list: token of the next page.");
ABSL_FLAG(std::string, output, "json",
          "json (proto3 JSON, the default) or table (one field path and "
          "value per line).");
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
ABSL_FLAG(std::string, cle_index_nir, "",
          "verifier, restaurer: the server's NIR index key file (default "
          "<credentials>/index-nir.key).");
ABSL_FLAG(std::string, cle_ancrage_publique, "",
          "verifier, restaurer: the public key (PEM) of the server's log "
          "anchors (default <credentials>/ancrage.pub when present).");
ABSL_FLAG(std::string, signing_key, "",
          "jeton: the signing key (PEM: Ed25519, P-256 or RSA).");
ABSL_FLAG(std::string, role, "", "jeton: role.");
ABSL_FLAG(std::string, caisse_jeton, "", "jeton: caisse code, or * .");
ABSL_FLAG(std::string, sujet, "", "jeton: subject (login or system name).");
ABSL_FLAG(int, validite_heures, 12, "jeton: hours of validity.");

namespace mediation::ctl {

using google::protobuf::util::JsonPrintOptions;

namespace {

std::string Json(const google::protobuf::Message& message, bool whitespace) {
  JsonPrintOptions options;
  options.add_whitespace = whitespace;
  options.preserve_proto_field_names = true;
  // Zeros too: a table line of 0, a version 0, `rejoue: false` are answers.
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    json = message.DebugString();
  }
  return json;
}

// The scalar leaves of `message` as "path: value" (enum values by name),
// repeated fields indexed: the table output.
void Feuilles(const google::protobuf::Message& message,
              const std::string& prefixe,
              std::vector<std::pair<std::string, std::string>>* out) {
  using google::protobuf::FieldDescriptor;
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* f : fields) {
    const int n = f->is_repeated() ? reflection->FieldSize(message, f) : 1;
    for (int i = 0; i < n; ++i) {
      std::string nom = prefixe + f->name();
      if (f->is_repeated()) absl::StrAppend(&nom, "[", i, "]");
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const google::protobuf::Message& sub =
            f->is_repeated() ? reflection->GetRepeatedMessage(message, f, i)
                             : reflection->GetMessage(message, f);
        if (sub.GetDescriptor()->full_name() == "google.protobuf.Timestamp") {
          // As in the JSON output: RFC 3339, UTC.
          std::string json = Json(sub, false);
          out->emplace_back(
              nom, json.size() >= 2 ? json.substr(1, json.size() - 2) : json);
          continue;
        }
        Feuilles(sub, nom + ".", out);
        continue;
      }
      std::string valeur;
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        valeur = f->is_repeated() ? reflection->GetRepeatedString(message, f, i)
                                  : reflection->GetString(message, f);
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
        valeur = f->is_repeated()
                     ? reflection->GetRepeatedEnum(message, f, i)->name()
                     : reflection->GetEnum(message, f)->name();
      } else if (f->is_repeated()) {
        google::protobuf::TextFormat::PrintFieldValueToString(message, f, i,
                                                              &valeur);
      } else {
        google::protobuf::TextFormat::PrintFieldValueToString(message, f, -1,
                                                              &valeur);
      }
      out->emplace_back(nom, valeur);
    }
  }
}

bool EnTableau() { return absl::GetFlag(FLAGS_output) == "table"; }

}  // namespace

void Print(const google::protobuf::Message& message) {
  if (!EnTableau()) {
    std::cout << Json(message, true);
    return;
  }
  std::vector<std::pair<std::string, std::string>> lignes;
  Feuilles(message, "", &lignes);
  size_t largeur = 0;
  for (const auto& [nom, valeur] : lignes)
    largeur = std::max(largeur, nom.size());
  for (const auto& [nom, valeur] : lignes) {
    std::cout << nom << std::string(largeur + 2 - nom.size(), ' ') << valeur
              << "\n";
  }
}

void PrintLine(const google::protobuf::Message& message) {
  if (EnTableau()) {
    Print(message);
    std::cout << "\n";
    return;
  }
  std::cout << Json(message, false) << "\n";
}

namespace {

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

}  // namespace

int Report(const grpc::Status& status) {
  std::cerr << "error: " << CodeName(status.error_code()) << ": "
            << status.error_message() << "\n";
  // Each field the server names (google.rpc.BadRequest in the details).
  google::rpc::Status details;
  if (details.ParseFromString(status.error_details())) {
    for (const google::protobuf::Any& any : details.details()) {
      google::rpc::BadRequest bad;
      if (!any.UnpackTo(&bad)) continue;
      for (const auto& violation : bad.field_violations()) {
        std::cerr << "  " << violation.field() << ": "
                  << violation.description() << "\n";
      }
    }
  }
  return kRefused;
}

void PrintField(const google::protobuf::Message& message, const char* champ) {
  const google::protobuf::FieldDescriptor* field =
      champ == nullptr ? nullptr
                       : message.GetDescriptor()->FindFieldByName(champ);
  if (field == nullptr) {
    Print(message);
    return;
  }
  Print(message.GetReflection()->GetMessage(message, field));
}

std::string ReadFileOrEmpty(const std::string& path) {
  return ReadFile(path).value_or("");
}

std::string CleIndexNir() {
  const std::string flag = absl::GetFlag(FLAGS_cle_index_nir);
  return flag.empty() ? CredentialsDir() + "/index-nir.key" : flag;
}

absl::StatusOr<std::optional<AnchorKey>> CleAncrage() {
  std::string path = absl::GetFlag(FLAGS_cle_ancrage_publique);
  if (path.empty()) {
    path = CredentialsDir() + "/ancrage.pub";
    if (!std::filesystem::exists(path)) return std::nullopt;
  }
  ASSIGN_OR_RETURN(AnchorKey key, AnchorKey::FromFile(path));
  return std::optional<AnchorKey>(std::move(key));
}

std::string CredentialsDir() {
  std::string dir = absl::GetFlag(FLAGS_credentials);
  if (dir.empty()) {
    const char* env = std::getenv("MEDIATION_CREDENTIALS");
    dir = env != nullptr ? env : "mediation-dev";
  }
  return dir;
}

void Prepare(grpc::ClientContext& context, bool with_token) {
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

bool LirePerimetre(const char* commande, v1::GetStatistiquesRequest* request) {
  const std::string perimetre = absl::GetFlag(FLAGS_perimetre);
  if (perimetre == "national") {
    request->set_national(true);
  } else if (perimetre.rfind("caisse:", 0) == 0 && perimetre.size() > 7) {
    request->set_caisse(perimetre.substr(7));
  } else if (perimetre.rfind("region:", 0) == 0 && perimetre.size() > 7) {
    request->set_region(perimetre.substr(7));
  } else {
    std::cerr << commande
              << ": --perimetre=caisse:CODE, region:NOM or national\n";
    return false;
  }
  return true;
}

bool LirePeriode(const char* commande, Periode* periode) {
  const int annee = absl::GetFlag(FLAGS_annee);
  if (annee != 0) {
    if (!absl::GetFlag(FLAGS_depuis_mois).empty() ||
        !absl::GetFlag(FLAGS_jusqu_au_mois).empty()) {
      std::cerr << commande
                << ": --annee or --depuis_mois/--jusqu_au_mois, not both\n";
      return false;
    }
    periode->depuis = absl::CivilMonth(annee, 1);
    periode->jusqu_au = absl::CivilMonth(annee, 12);
    return true;
  }
  if (!absl::ParseCivilTime(absl::GetFlag(FLAGS_depuis_mois),
                            &periode->depuis) ||
      !absl::ParseCivilTime(absl::GetFlag(FLAGS_jusqu_au_mois),
                            &periode->jusqu_au)) {
    std::cerr << commande
              << ": --annee=YYYY, or --depuis_mois=YYYY-MM and "
                 "--jusqu_au_mois=YYYY-MM\n";
    return false;
  }
  if (periode->jusqu_au < periode->depuis) {
    std::cerr << commande << ": --jusqu_au_mois is before --depuis_mois\n";
    return false;
  }
  return true;
}

}  // namespace mediation::ctl
