// mediationctl's online commands: calls to a running mediationd.
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/files.h"
#include "base/ids.h"
#include "cmd/mediationctl/commands.h"
#include "cmd/mediationctl/common.h"
#include "cmd/mediationctl/rpc.h"
#include "google/protobuf/util/json_util.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/administration.grpc.pb.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "mediation/v1/cra.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "mediation/v1/national.grpc.pb.h"

ABSL_FLAG(std::string, motif, "", "ancrer: why the head is anchored now.");
ABSL_FLAG(bool, suivre, false,
          "journal, suivi-cra: after the log's end, wait for new events "
          "(until --nombre, or until interrupted).");
ABSL_FLAG(std::string, au, "",
          "rejouer: YYYY-MM-DD, the saisine as it stood on that day of its "
          "life.");

namespace mediation::ctl {

using google::protobuf::util::JsonParseOptions;

int Deposer(const std::string& path) {
  return AppelerRpcAvec(RpcDeCommande("DeposerSaisine"), "", path);
}

int Get(const std::string& id) {
  auto stub = v1::AccueilService::NewStub(Channel());
  v1::GetSaisineRequest request;
  request.set_saisine_id(id);
  return Appeler<v1::GetSaisineResponse>(
      *stub, &v1::AccueilService::Stub::GetSaisine, request, "saisine");
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
  // The mediator's acts, then the CRA's and the national direction's.
  const google::protobuf::MethodDescriptor* method = RpcDeCommande(name);
  if (method == nullptr ||
      method->input_type()->FindFieldByName("commun") == nullptr) {
    std::cerr << "acte: no act named " << name << "\n";
    return kUsage;
  }
  return AppelerRpcAvec(method, "", path);
}

int Echeances(const std::string& id) {
  auto stub = v1::MediationService::NewStub(Channel());
  v1::GetEcheancesRequest request;
  request.set_saisine_id(id);
  return Appeler<v1::GetEcheancesResponse>(
      *stub, &v1::MediationService::Stub::GetEcheances, request, "delais");
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

int Orientations() {
  auto stub = v1::MediationService::NewStub(Channel());
  v1::ListOrientationsAConfirmerRequest request;
  request.set_caisse(absl::GetFlag(FLAGS_caisse));
  request.set_page_size(absl::GetFlag(FLAGS_page_size));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  return Appeler<v1::ListOrientationsAConfirmerResponse>(
      *stub, &v1::MediationService::Stub::ListOrientationsAConfirmer, request);
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
  } else if (const std::string au = absl::GetFlag(FLAGS_au); !au.empty()) {
    request.set_date_effet(au);
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

namespace {

// Prints a stream of events, one JSON object per line as log followers
// expect, until --nombre events or the end of the stream (the log's end
// without --suivre).
template <typename Response>
int ImprimerFlux(grpc::ClientContext& context,
                 grpc::ClientReader<Response>& reader) {
  const int nombre = absl::GetFlag(FLAGS_nombre);
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  Response response;
  for (int received = 0; nombre == 0 || received < nombre; ++received) {
    if (!reader.Read(&response)) {
      const grpc::Status fin = reader.Finish();
      return fin.ok() ? kOk : Report(fin);
    }
    std::string line;
    if (!google::protobuf::util::MessageToJsonString(response.evenement(),
                                                     &line, options)
             .ok()) {
      return kRefused;
    }
    std::cout << line << std::endl;
  }
  context.TryCancel();
  reader.Finish().IgnoreError();
  return kOk;
}

}  // namespace

int Journal() {
  v1::SouscrireJournalRequest request;
  request.set_depuis_position(absl::GetFlag(FLAGS_depuis_position));
  for (const std::string& type : absl::GetFlag(FLAGS_types)) {
    request.add_types(type);
  }
  request.set_caisse(absl::GetFlag(FLAGS_caisse));
  request.set_jusqu_a_la_fin(!absl::GetFlag(FLAGS_suivre));
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
  request.set_jusqu_a_la_fin(!absl::GetFlag(FLAGS_suivre));
  auto stub = v1::CraService::NewStub(Channel());
  grpc::ClientContext context;
  Prepare(context);
  context.set_deadline(std::chrono::system_clock::time_point::max());
  auto reader = stub->SuivreSaisines(&context, request);
  return ImprimerFlux(context, *reader);
}

int Statistiques() {
  v1::GetStatistiquesRequest request;
  Periode periode;
  if (!LirePerimetre("statistiques", &request) ||
      !LirePeriode("statistiques", &periode)) {
    return kUsage;
  }
  request.set_depuis(absl::FormatCivilTime(periode.depuis));
  request.set_jusqu_au(absl::FormatCivilTime(periode.jusqu_au));
  auto stub = v1::NationalService::NewStub(Channel());
  return Appeler<v1::GetStatistiquesResponse>(
      *stub, &v1::NationalService::Stub::GetStatistiques, request,
      "statistiques");
}

int Sauvegarder(const std::string& nom) {
  v1::SauvegarderRequest request;
  request.set_nom(nom);
  auto stub = v1::AdministrationService::NewStub(Channel());
  return Appeler<v1::SauvegarderResponse>(
      *stub, &v1::AdministrationService::Stub::Sauvegarder, request);
}

int Requerant(const std::string& nir) {
  v1::ListSaisinesDuRequerantRequest request;
  request.set_nir(nir);
  request.set_caisse(absl::GetFlag(FLAGS_caisse));
  auto stub = v1::MediationService::NewStub(Channel());
  return Appeler<v1::ListSaisinesDuRequerantResponse>(
      *stub, &v1::MediationService::Stub::ListSaisinesDuRequerant, request);
}

int Ancrer() {
  v1::AncrerJournalRequest request;
  request.set_motif(absl::GetFlag(FLAGS_motif));
  auto stub = v1::AdministrationService::NewStub(Channel());
  return Appeler<v1::AncrerJournalResponse>(
      *stub, &v1::AdministrationService::Stub::AncrerJournal, request);
}

int Consultations(const std::string& id) {
  auto stub = v1::AuditService::NewStub(Channel());
  v1::ListConsultationsRequest request;
  request.set_saisine_id(id);
  return Appeler<v1::ListConsultationsResponse>(
      *stub, &v1::AuditService::Stub::ListConsultations, request);
}

}  // namespace mediation::ctl
