#include "services/accueil_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "security/authorization.h"
#include "services/depot.h"
#include "services/fingerprint.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"
#include "storage/saisine_projection.h"

namespace mediation {
grpc::ServerUnaryReactor* AccueilServiceImpl::DeposerSaisine(
    grpc::CallbackServerContext* context,
    const v1::DeposerSaisineRequest* request,
    v1::DeposerSaisineResponse* response) {
  return Deposer(deps_, context, rpc::kDeposerSaisine, *request, std::nullopt,
                 response);
}

grpc::ServerUnaryReactor* AccueilServiceImpl::GetSaisine(
    grpc::CallbackServerContext* context, const v1::GetSaisineRequest* request,
    v1::GetSaisineResponse* response) {
  std::optional<Consultation> trace;
  absl::StatusOr<SaisineRecord> record =
      LireSaisine(*context, *request, &trace);
  if (record.ok()) SaisineToApi(*record, response->mutable_saisine());
  return FinishTraced(deps_, context, record.status(), std::move(trace),
                      response);
}

absl::StatusOr<SaisineRecord> AccueilServiceImpl::LireSaisine(
    const grpc::CallbackServerContext& context,
    const v1::GetSaisineRequest& request,
    std::optional<Consultation>* trace) const {
  ASSIGN_OR_RETURN(Principal principal, Admettre(request, *deps_.authenticator,
                                                 context, rpc::kGetSaisine));
  RETURN_IF_ERROR(CheckIdentifier(request.saisine_id(), "saisine_id"));
  ASSIGN_OR_RETURN(
      SaisineRecord record,
      mediation::GetSaisine(*deps_.projections, request.saisine_id()));
  RETURN_IF_ERROR(CheckCaisse(principal, record.state.recue.caisse));
  *trace =
      ConsultationDe(deps_, principal, rpc::kGetSaisine, {record.saisine_id});
  return VuePour(principal, std::move(record));
}

grpc::ServerUnaryReactor* AccueilServiceImpl::ListSaisines(
    grpc::CallbackServerContext* context,
    const v1::ListSaisinesRequest* request,
    v1::ListSaisinesResponse* response) {
  std::optional<Consultation> trace;
  absl::StatusOr<SaisinePage> page = ListerSaisines(*context, *request, &trace);
  if (page.ok()) {
    for (const SaisineRecord& record : page->saisines) {
      SaisineToApi(record, response->add_saisines());
    }
    response->set_next_page_token(page->next_page_token);
  }
  return FinishTraced(deps_, context, page.status(), std::move(trace),
                      response);
}

absl::StatusOr<SaisinePage> AccueilServiceImpl::ListerSaisines(
    const grpc::CallbackServerContext& context,
    const v1::ListSaisinesRequest& request,
    std::optional<Consultation>* trace) const {
  ASSIGN_OR_RETURN(Principal principal, Admettre(request, *deps_.authenticator,
                                                 context, rpc::kListSaisines));
  ASSIGN_OR_RETURN(PageDemandee demandee,
                   LirePage(deps_, rpc::kListSaisines, request,
                            request.page_size(), request.page_token()));
  ASSIGN_OR_RETURN(SaisineFilter filter, FilterFromRequest(request));
  if (filter.caisse.empty() && principal.caisse != kToutesCaisses) {
    filter.caisse = principal.caisse;  // A caisse's staff lists its own.
  }
  if (!filter.caisse.empty())
    RETURN_IF_ERROR(CheckCaisse(principal, filter.caisse));
  ASSIGN_OR_RETURN(SaisinePage page,
                   mediation::ListSaisines(*deps_.projections, filter,
                                           demandee.taille, demandee.curseur));
  page.next_page_token = JetonSuivant(deps_, demandee, page.next_page_token);
  GarderPerimetre(principal, rpc::kListSaisines, page.saisines);
  std::vector<std::string> ids;
  for (SaisineRecord& record : page.saisines) {
    ids.push_back(record.saisine_id);
    record = VuePour(principal, std::move(record));
  }
  *trace = ConsultationDe(deps_, principal, rpc::kListSaisines, std::move(ids));
  return page;
}

}  // namespace mediation
