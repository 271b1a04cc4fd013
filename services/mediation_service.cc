#include "services/mediation_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/violations.h"
#include "domain/dates.h"
#include "domain/nir.h"
#include "security/authorization.h"
#include "services/delais_mapping.h"
#include "services/fingerprint.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"
#include "storage/codec.h"
#include "storage/saisine_projection.h"

namespace mediation {
grpc::ServerUnaryReactor* MediationServiceImpl::DeclarerRecevable(
    grpc::CallbackServerContext* context,
    const v1::DeclarerRecevableRequest* request,
    v1::DeclarerRecevableResponse* response) {
  // The deadline may already carry suspensions from other saisines on the
  // same contested decision (réitérations): they count in whether it still
  // runs.
  const Dependencies& deps = deps_;
  const std::string saisine_id = request->commun().saisine_id();
  return Executer(
      context, rpc::kDeclarerRecevable, *request, request->commun(),
      Acte(request->acte(),
           [&deps, saisine_id](const SaisineState& s, SaisineRecevable acte,
                               absl::CivilDay today)
               -> absl::StatusOr<std::vector<SaisineEvent>> {
             ASSIGN_OR_RETURN(
                 std::vector<PeriodeSuspension> autres,
                 SuspensionsDeLaDecision(deps, s.recue, saisine_id));
             return DeciderRecevabilite(
                 s, std::move(acte), today,
                 CalendrierDe(*deps.caisses, s.recue.caisse), autres);
           }),
      response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::DeclarerIrrecevable(
    grpc::CallbackServerContext* context,
    const v1::DeclarerIrrecevableRequest* request,
    v1::DeclarerIrrecevableResponse* response) {
  return Executer(context, rpc::kDeclarerIrrecevable, *request,
                  request->commun(),
                  Acte(request->acte(), DeciderIrrecevabilite), response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::Orienter(
    grpc::CallbackServerContext* context, const v1::OrienterRequest* request,
    v1::OrienterResponse* response) {
  return Executer(context, rpc::kOrienter, *request, request->commun(),
                  Acte(request->acte(), DeciderOrientation), response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::ConsignerEchange(
    grpc::CallbackServerContext* context,
    const v1::ConsignerEchangeRequest* request,
    v1::ConsignerEchangeResponse* response) {
  return Executer(context, rpc::kConsignerEchange, *request, request->commun(),
                  Acte(request->acte(), DeciderEchange), response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::RectifierDonnees(
    grpc::CallbackServerContext* context,
    const v1::RectifierDonneesRequest* request,
    v1::RectifierDonneesResponse* response) {
  const CaisseReferentiel& caisses = *deps_.caisses;
  return Executer(context, rpc::kRectifierDonnees, *request, request->commun(),
                  Acte(request->acte(),
                       [&caisses](const SaisineState& s, DonneesRectifiees acte,
                                  absl::CivilDay today) {
                         return DeciderRectification(s, std::move(acte), today,
                                                     caisses);
                       }),
                  response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::EmettreRecommandation(
    grpc::CallbackServerContext* context,
    const v1::EmettreRecommandationRequest* request,
    v1::EmettreRecommandationResponse* response) {
  return Executer(context, rpc::kEmettreRecommandation, *request,
                  request->commun(),
                  Acte(request->acte(), DeciderRecommandation), response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::DeciderEquite(
    grpc::CallbackServerContext* context,
    const v1::DeciderEquiteRequest* request,
    v1::DeciderEquiteResponse* response) {
  return Executer(context, rpc::kDeciderEquite, *request, request->commun(),
                  Acte(request->acte(), DeciderDecisionDirection), response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::CommuniquerConclusions(
    grpc::CallbackServerContext* context,
    const v1::CommuniquerConclusionsRequest* request,
    v1::CommuniquerConclusionsResponse* response) {
  return Executer(context, rpc::kCommuniquerConclusions, *request,
                  request->commun(), Acte(request->acte(), DeciderConclusions),
                  response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::EnregistrerRecoursContentieux(
    grpc::CallbackServerContext* context,
    const v1::EnregistrerRecoursContentieuxRequest* request,
    v1::EnregistrerRecoursContentieuxResponse* response) {
  return Executer(context, rpc::kEnregistrerRecoursContentieux, *request,
                  request->commun(),
                  Acte(request->acte(), DeciderRecoursContentieux), response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::Cloturer(
    grpc::CallbackServerContext* context, const v1::CloturerRequest* request,
    v1::CloturerResponse* response) {
  return Executer(context, rpc::kCloturer, *request, request->commun(),
                  Acte(request->acte(), DeciderCloture), response);
}

absl::Status MediationServiceImpl::LireEcheances(
    const grpc::CallbackServerContext& context,
    const v1::GetEcheancesRequest& request, v1::EtatDelais* response) const {
  ASSIGN_OR_RETURN(Principal principal, Admettre(request, *deps_.authenticator,
                                                 context, rpc::kGetEcheances));
  RETURN_IF_ERROR(CheckIdentifier(request.saisine_id(), "saisine_id"));
  ASSIGN_OR_RETURN(SaisineRecord record,
                   GetSaisine(*deps_.projections, request.saisine_id()));
  const std::string& caisse = record.state.recue.caisse;
  RETURN_IF_ERROR(CheckCaisse(principal, caisse));
  ASSIGN_OR_RETURN(
      std::vector<PeriodeSuspension> autres,
      SuspensionsDeLaDecision(deps_, record.state.recue, record.saisine_id));
  EtatDelaisToApi(record, CalendrierDe(*deps_.caisses, caisse),
                  TodayAt(deps_, caisse), response, autres);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* MediationServiceImpl::GetEcheances(
    grpc::CallbackServerContext* context,
    const v1::GetEcheancesRequest* request,
    v1::GetEcheancesResponse* response) {
  return Finish(context,
                LireEcheances(*context, *request, response->mutable_delais()));
}

absl::Status MediationServiceImpl::LireFile(
    const grpc::CallbackServerContext& context,
    const v1::ListParUrgenceRequest& request,
    v1::ListParUrgenceResponse* response,
    std::optional<Consultation>* trace) const {
  ASSIGN_OR_RETURN(
      Principal principal,
      Admettre(request, *deps_.authenticator, context, rpc::kListParUrgence));
  if (!request.caisse().empty()) {
    RETURN_IF_ERROR(CheckCaisseConnue(deps_, request.caisse(), "caisse"));
  }
  ASSIGN_OR_RETURN(const std::string caisse,
                   CaisseVisee(principal, request.caisse()));
  ASSIGN_OR_RETURN(PageDemandee demandee,
                   LirePage(deps_, rpc::kListParUrgence, request,
                            request.page_size(), request.page_token()));
  ASSIGN_OR_RETURN(SaisinePage page, mediation::ListParUrgence(
                                         *deps_.projections, caisse,
                                         demandee.taille, demandee.curseur));
  GarderPerimetre(principal, rpc::kListParUrgence, page.saisines);
  const Calendrier calendrier = CalendrierDe(*deps_.caisses, caisse);
  const absl::CivilDay today = TodayAt(deps_, caisse);
  std::vector<std::string> ids;
  for (const SaisineRecord& record : page.saisines) {
    ids.push_back(record.saisine_id);
    v1::SaisineEnFile* item = response->add_saisines();
    SaisineToApi(VuePour(principal, record), item->mutable_saisine());
    ASSIGN_OR_RETURN(
        std::vector<PeriodeSuspension> autres,
        SuspensionsDeLaDecision(deps_, record.state.recue, record.saisine_id));
    EtatDelaisToApi(record, calendrier, today, item->mutable_delais(), autres);
  }
  response->set_next_page_token(
      JetonSuivant(deps_, demandee, page.next_page_token));
  *trace =
      ConsultationDe(deps_, principal, rpc::kListParUrgence, std::move(ids));
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* MediationServiceImpl::ListParUrgence(
    grpc::CallbackServerContext* context,
    const v1::ListParUrgenceRequest* request,
    v1::ListParUrgenceResponse* response) {
  std::optional<Consultation> trace;
  absl::Status status = LireFile(*context, *request, response, &trace);
  return FinishTraced(deps_, context, status, std::move(trace), response);
}

absl::Status MediationServiceImpl::LireRequerant(
    const grpc::CallbackServerContext& context,
    const v1::ListSaisinesDuRequerantRequest& request,
    v1::ListSaisinesDuRequerantResponse* response,
    std::optional<Consultation>* trace) const {
  ASSIGN_OR_RETURN(Principal principal,
                   Admettre(request, *deps_.authenticator, context,
                            rpc::kListSaisinesDuRequerant));
  FieldViolations violations;
  const std::optional<std::string> nir =
      violations.Take(NormaliserNir(request.nir(), "nir"));
  if (!request.caisse().empty()) {
    violations.Add(CheckCaisseConnue(deps_, request.caisse(), "caisse"));
  }
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(const std::string caisse,
                   CaisseVisee(principal, request.caisse()));
  ASSIGN_OR_RETURN(
      std::vector<SaisineRecord> records,
      ListParRequerant(*deps_.projections, *deps_.nir_index_key, caisse, *nir));
  GarderPerimetre(principal, rpc::kListSaisinesDuRequerant, records);
  std::vector<std::string> ids;
  for (SaisineRecord& record : records) {
    ids.push_back(record.saisine_id);
    SaisineToApi(VuePour(principal, std::move(record)),
                 response->add_saisines());
  }
  *trace =
      ConsultationRecherche(deps_, principal, rpc::kListSaisinesDuRequerant,
                            caisse, *nir, std::move(ids));
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* MediationServiceImpl::ListSaisinesDuRequerant(
    grpc::CallbackServerContext* context,
    const v1::ListSaisinesDuRequerantRequest* request,
    v1::ListSaisinesDuRequerantResponse* response) {
  std::optional<Consultation> trace;
  absl::Status status = LireRequerant(*context, *request, response, &trace);
  return FinishTraced(deps_, context, status, std::move(trace), response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::ConfirmerPriseEnCharge(
    grpc::CallbackServerContext* context,
    const v1::ConfirmerPriseEnChargeRequest* request,
    v1::ConfirmerPriseEnChargeResponse* response) {
  return Executer(context, rpc::kConfirmerPriseEnCharge, *request,
                  request->commun(),
                  Acte(request->acte(), DeciderPriseEnCharge), response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::ConvoquerProfessionnel(
    grpc::CallbackServerContext* context,
    const v1::ConvoquerProfessionnelRequest* request,
    v1::ConvoquerProfessionnelResponse* response) {
  return Executer(context, rpc::kConvoquerProfessionnel, *request,
                  request->commun(), Acte(request->acte(), DeciderConvocation),
                  response);
}

grpc::ServerUnaryReactor* MediationServiceImpl::ConsignerConciliation(
    grpc::CallbackServerContext* context,
    const v1::ConsignerConciliationRequest* request,
    v1::ConsignerConciliationResponse* response) {
  return Executer(context, rpc::kConsignerConciliation, *request,
                  request->commun(), Acte(request->acte(), DeciderConciliation),
                  response);
}

absl::Status MediationServiceImpl::LireOrientations(
    const grpc::CallbackServerContext& context,
    const v1::ListOrientationsAConfirmerRequest& request,
    v1::ListOrientationsAConfirmerResponse* response,
    std::optional<Consultation>* trace) const {
  ASSIGN_OR_RETURN(Principal principal,
                   Admettre(request, *deps_.authenticator, context,
                            rpc::kListOrientationsAConfirmer));
  if (!request.caisse().empty()) {
    RETURN_IF_ERROR(CheckCaisseConnue(deps_, request.caisse(), "caisse"));
  }
  ASSIGN_OR_RETURN(const std::string caisse,
                   CaisseVisee(principal, request.caisse()));
  ASSIGN_OR_RETURN(PageDemandee demandee,
                   LirePage(deps_, rpc::kListOrientationsAConfirmer, request,
                            request.page_size(), request.page_token()));
  ASSIGN_OR_RETURN(SaisinePage page, mediation::ListOrientationsAConfirmer(
                                         *deps_.projections, caisse,
                                         demandee.taille, demandee.curseur));
  GarderPerimetre(principal, rpc::kListOrientationsAConfirmer, page.saisines);
  std::vector<std::string> ids;
  for (const SaisineRecord& record : page.saisines) {
    ids.push_back(record.saisine_id);
    v1::OrientationAConfirmer* item = response->add_saisines();
    SaisineToApi(VuePour(principal, record), item->mutable_saisine());
    for (absl::CivilDay date : OrientationsAConfirmer(record.state)) {
      item->add_orientations(FormatDate(date));
    }
  }
  response->set_next_page_token(
      JetonSuivant(deps_, demandee, page.next_page_token));
  *trace = ConsultationDe(deps_, principal, rpc::kListOrientationsAConfirmer,
                          std::move(ids));
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* MediationServiceImpl::ListOrientationsAConfirmer(
    grpc::CallbackServerContext* context,
    const v1::ListOrientationsAConfirmerRequest* request,
    v1::ListOrientationsAConfirmerResponse* response) {
  std::optional<Consultation> trace;
  absl::Status status = LireOrientations(*context, *request, response, &trace);
  return FinishTraced(deps_, context, status, std::move(trace), response);
}

}  // namespace mediation
