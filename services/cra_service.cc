#include "services/cra_service.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "domain/dates.h"
#include "domain/echeances.h"
#include "domain/nir.h"
#include "security/authorization.h"
#include "services/delais_mapping.h"
#include "services/depot.h"
#include "services/handler_util.h"
#include "services/journal_follower.h"
#include "storage/saisine_projection.h"

namespace mediation {
namespace {

// A saisine concerns the CRA when it came from it, contests a decision
// whose recourse is the CRA, or a CRA appeal is declared on it.
bool ConcerneLaCra(const SaisineState& state) {
  const SaisineRecue& r = state.recue;
  return r.origine == Origine::kCra || state.recours_cra.has_value() ||
         (r.decision_contestee &&
          r.decision_contestee->recours_mentionne == Recours::kCra);
}

// The acts the CRA follows.
bool ActeSuiviParLaCra(const SaisineEvent& event) {
  if (const auto* r = std::get_if<RecommandationEmise>(&event)) {
    return r->type == TypeRecommandation::kRapportCra;
  }
  if (const auto* o = std::get_if<SaisineOrientee>(&event)) {
    return o->destination == Destination::kCra;
  }
  return !std::holds_alternative<EchangeConsigne>(event) &&
         !std::holds_alternative<PriseEnChargeConfirmee>(event) &&
         !std::holds_alternative<ProfessionnelConvoque>(event) &&
         !std::holds_alternative<ConciliationTenue>(event) &&
         !std::holds_alternative<DonneesRectifiees>(event) &&
         !std::holds_alternative<DecisionDirection>(event) &&
         !std::holds_alternative<RecommandationNationaleEmise>(event);
}

void EtatToApi(const SaisineRecord& record, const CaisseReferentiel& caisses,
               absl::CivilDay today,
               const std::vector<PeriodeSuspension>& autres_suspensions,
               v1::EtatSuspension* out) {
  const SaisineState& s = record.state;
  out->set_saisine_id(record.saisine_id);
  out->set_statut(static_cast<v1::Statut>(*s.statut));
  out->set_suspendu(s.suspendu());
  if (s.suspendu()) out->set_depuis(FormatDate(s.suspensions.back().debut));
  if (s.recours_cra) out->set_reference_cra(s.recours_cra->reference);
  if (s.decision_recours_cra) {
    out->set_recours_cra_maintenu(s.decision_recours_cra->maintenu);
  }
  v1::EtatDelais delais;
  EtatDelaisToApi(record, CalendrierDe(caisses, s.recue.caisse), today, &delais,
                  autres_suspensions);
  if (delais.has_recours()) *out->mutable_recours() = delais.recours();
  if (delais.has_suite_du_recours()) {
    *out->mutable_suite_du_recours() = delais.suite_du_recours();
  }
}

}  // namespace

grpc::ServerUnaryReactor* CraServiceImpl::TransmettreDossier(
    grpc::CallbackServerContext* context,
    const v1::TransmettreDossierRequest* request,
    v1::TransmettreDossierResponse* response) {
  return Deposer(deps_, context, rpc::kTransmettreDossier, *request,
                 Origine::kCra, response);
}

grpc::ServerUnaryReactor* CraServiceImpl::DeclarerRecoursPrealable(
    grpc::CallbackServerContext* context,
    const v1::DeclarerRecoursPrealableRequest* request,
    v1::DeclarerRecoursPrealableResponse* response) {
  return actes_.Executer(
      context, rpc::kDeclarerRecoursPrealable, *request, request->commun(),
      Acte(request->acte(), DeciderRecoursPrealable), response);
}

grpc::ServerUnaryReactor* CraServiceImpl::EnregistrerMaintienOuDesistement(
    grpc::CallbackServerContext* context,
    const v1::EnregistrerMaintienOuDesistementRequest* request,
    v1::EnregistrerMaintienOuDesistementResponse* response) {
  return actes_.Executer(context, rpc::kEnregistrerMaintienOuDesistement,
                         *request, request->commun(),
                         Acte(request->acte(), DeciderRecoursCra), response);
}

grpc::ServerUnaryReactor* CraServiceImpl::EnregistrerDecisionCra(
    grpc::CallbackServerContext* context,
    const v1::EnregistrerDecisionCraRequest* request,
    v1::EnregistrerDecisionCraResponse* response) {
  return actes_.Executer(context, rpc::kEnregistrerDecisionCra, *request,
                         request->commun(),
                         Acte(request->acte(), DeciderDecisionCra), response);
}

absl::Status CraServiceImpl::Consulter(
    const grpc::CallbackServerContext& context,
    const v1::ConsulterSuspensionRequest& request,
    v1::ConsulterSuspensionResponse* response,
    std::optional<Consultation>* trace) const {
  ASSIGN_OR_RETURN(Principal principal,
                   Admettre(request, *deps_.authenticator, context,
                            rpc::kConsulterSuspension));
  std::vector<SaisineRecord> records;
  std::string caisse;
  std::string nir_recherche;
  if (request.has_par_requerant()) {
    const v1::ParRequerant& par = request.par_requerant();
    caisse = par.caisse().empty() ? principal.caisse : par.caisse();
    RETURN_IF_ERROR(CheckCaisse(principal, caisse));
    ASSIGN_OR_RETURN(std::string nir,
                     NormaliserNir(par.nir(), "par_requerant.nir"));
    nir_recherche = nir;
    std::optional<absl::CivilDay> notification;
    if (!par.date_notification().empty()) {
      ASSIGN_OR_RETURN(notification,
                       ParseDate(par.date_notification(),
                                 "par_requerant.date_notification"));
    }
    ASSIGN_OR_RETURN(records,
                     ListParRequerant(*deps_.projections, *deps_.nir_index_key,
                                      caisse, nir));
    GarderPerimetre(principal, rpc::kConsulterSuspension, records);
    std::erase_if(records, [&](const SaisineRecord& r) {
      const auto& d = r.state.recue.decision_contestee;
      return notification && (!d || d->date_notification != *notification);
    });
  } else if (request.has_saisine_id()) {
    RETURN_IF_ERROR(CheckIdentifier(request.saisine_id(), "saisine_id"));
    ASSIGN_OR_RETURN(SaisineRecord record,
                     GetSaisine(*deps_.projections, request.saisine_id()));
    caisse = record.state.recue.caisse;
    RETURN_IF_ERROR(CheckCaisse(principal, caisse));
    records.push_back(std::move(record));
  } else {
    return absl::InvalidArgumentError(
        "cible: saisine_id or par_requerant required");
  }
  std::vector<std::string> ids;
  for (const SaisineRecord& record : records) {
    ids.push_back(record.saisine_id);
    ASSIGN_OR_RETURN(
        std::vector<PeriodeSuspension> autres,
        SuspensionsDeLaDecision(deps_, record.state.recue, record.saisine_id));
    EtatToApi(record, *deps_.caisses, TodayAt(deps_, caisse), autres,
              response->add_saisines());
  }
  // Looking a requester up by NIR is a use of the NIR: traced, whatever the
  // role and even when nothing is found.
  *trace =
      request.has_par_requerant()
          ? ConsultationRecherche(deps_, principal, rpc::kConsulterSuspension,
                                  caisse, nir_recherche, std::move(ids))
          : ConsultationDe(deps_, principal, rpc::kConsulterSuspension,
                           std::move(ids));
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* CraServiceImpl::ConsulterSuspension(
    grpc::CallbackServerContext* context,
    const v1::ConsulterSuspensionRequest* request,
    v1::ConsulterSuspensionResponse* response) {
  std::optional<Consultation> trace;
  absl::Status status = Consulter(*context, *request, response, &trace);
  return FinishTraced(deps_, context, status, std::move(trace), response);
}

absl::StatusOr<FiltreJournal> CraServiceImpl::Suivi(
    const grpc::CallbackServerContext& context,
    const v1::SuivreSaisinesRequest& request, Principal* principal) const {
  ASSIGN_OR_RETURN(*principal, Admettre(request, *deps_.authenticator, context,
                                        rpc::kSuivreSaisinesCra));
  if (!request.caisse().empty()) {
    RETURN_IF_ERROR(CheckCaisseConnue(deps_, request.caisse(), "caisse"));
  }
  ASSIGN_OR_RETURN(const std::string caisse,
                   CaisseVisee(*principal, request.caisse()));
  // Whether each saisine met concerns the CRA, learnt from its events (the
  // filter runs for one stream at a time).
  auto concerne = std::make_shared<absl::flat_hash_map<std::string, bool>>();
  const ProjectionReader* projections = deps_.projections;
  return FiltreJournal([caisse, concerne, projections](
                           const RecordedEvent& event, const std::string& of) {
    if (of != caisse) return false;
    const std::string& id = event.metadata.stream_id;
    auto& connus = *concerne;
    if (const auto* recue = std::get_if<SaisineRecue>(&event.event)) {
      SaisineState state;
      state.recue = *recue;
      connus[id] = ConcerneLaCra(state);
    } else if (std::holds_alternative<RecoursPrealableDeclare>(event.event)) {
      connus[id] = true;
    } else if (!connus.contains(id)) {
      absl::StatusOr<SaisineRecord> record = GetSaisine(*projections, id);
      connus[id] = record.ok() && ConcerneLaCra(record->state);
    }
    return connus[id] && ActeSuiviParLaCra(event.event);
  });
}

grpc::ServerWriteReactor<v1::SuivreSaisinesResponse>*
CraServiceImpl::SuivreSaisines(grpc::CallbackServerContext* context,
                               const v1::SuivreSaisinesRequest* request) {
  Principal principal;
  absl::StatusOr<FiltreJournal> filtre = Suivi(*context, *request, &principal);
  if (!filtre.ok()) {
    return RefuserFlux<v1::SuivreSaisinesResponse>(filtre.status());
  }
  return Suivre<v1::SuivreSaisinesResponse>(
      deps_, principal, rpc::kSuivreSaisinesCra, request->depuis_position(),
      request->jusqu_a_la_fin(), *std::move(filtre));
}

}  // namespace mediation
