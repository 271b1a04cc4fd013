#include "services/audit_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "services/authorization.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"

namespace mediation {
namespace {

// A saisine's history is tens of events; this bounds a corrupt stream.
constexpr size_t kMaxHistoryEvents = 100000;
constexpr int kDefaultConsultations = 100;
constexpr int kMaxConsultations = 1000;

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("no saisine with id '", id, "'"));
}

}  // namespace

absl::StatusOr<std::vector<RecordedEvent>> AuditServiceImpl::LireHistorique(
    const grpc::CallbackServerContext& context,
    const v1::GetHistoriqueRequest& request) const {
  ASSIGN_OR_RETURN(Principal principal, Authorize(*deps_.authenticator, context,
                                                  rpc::kGetHistorique));
  const std::string& id = request.saisine_id();
  RETURN_IF_ERROR(CheckIdentifier(id, "saisine_id"));
  ASSIGN_OR_RETURN(std::vector<RecordedEvent> events,
                   deps_.store->ReadStream(id, 1, kMaxHistoryEvents));
  if (events.empty()) return NotFound(id);
  const auto* recue = std::get_if<SaisineRecue>(&events.front().event);
  if (recue == nullptr) {
    return absl::DataLossError("a saisine's first event is not SaisineRecue");
  }
  RETURN_IF_ERROR(CheckCaisse(principal, recue->caisse));
  RETURN_IF_ERROR(
      TracerConsultation(deps_, principal, rpc::kGetHistorique, {id}));
  for (RecordedEvent& event : events) {
    event = VuePour(principal, std::move(event));
  }
  return events;
}

grpc::ServerUnaryReactor* AuditServiceImpl::GetHistorique(
    grpc::CallbackServerContext* context,
    const v1::GetHistoriqueRequest* request,
    v1::GetHistoriqueResponse* response) {
  absl::StatusOr<std::vector<RecordedEvent>> events =
      LireHistorique(*context, *request);
  if (events.ok()) {
    response->set_saisine_id(request->saisine_id());
    for (const RecordedEvent& event : *events) {
      EvenementToApi(event, response->add_evenements());
    }
  }
  return Finish(context, events.status());
}

absl::StatusOr<std::vector<Consultation>> AuditServiceImpl::LireConsultations(
    const grpc::CallbackServerContext& context,
    const v1::ListConsultationsRequest& request) const {
  ASSIGN_OR_RETURN(Principal principal, Authorize(*deps_.authenticator, context,
                                                  rpc::kListConsultations));
  const std::string& id = request.saisine_id();
  RETURN_IF_ERROR(CheckIdentifier(id, "saisine_id"));
  const int page_size =
      request.page_size() == 0 ? kDefaultConsultations : request.page_size();
  if (page_size < 0 || page_size > kMaxConsultations) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: 1 to ", kMaxConsultations));
  }
  absl::StatusOr<SaisineRecord> record = GetSaisine(*deps_.projections, id);
  if (absl::IsNotFound(record.status())) return NotFound(id);
  RETURN_IF_ERROR(record.status());
  RETURN_IF_ERROR(CheckCaisse(principal, record->state.recue.caisse));
  // One more than the page tells where the next one starts.
  return deps_.journal->ConsultationsOf(id, request.depuis_sequence(),
                                        page_size + 1);
}

grpc::ServerUnaryReactor* AuditServiceImpl::ListConsultations(
    grpc::CallbackServerContext* context,
    const v1::ListConsultationsRequest* request,
    v1::ListConsultationsResponse* response) {
  absl::StatusOr<std::vector<Consultation>> consultations =
      LireConsultations(*context, *request);
  if (consultations.ok()) {
    const size_t page_size = request->page_size() == 0 ? kDefaultConsultations
                                                       : request->page_size();
    if (consultations->size() > page_size) {
      response->set_sequence_suivante(consultations->back().sequence);
      consultations->pop_back();
    }
    for (const Consultation& c : *consultations) {
      v1::Consultation* out = response->add_consultations();
      out->set_sequence(c.sequence);
      out->set_at_micros(absl::ToUnixMicros(c.at));
      out->set_acteur(c.acteur);
      out->set_rpc(c.rpc);
      for (const std::string& saisine : c.saisine_ids) {
        out->add_saisine_ids(saisine);
      }
    }
  }
  return Finish(context, consultations.status());
}

}  // namespace mediation
