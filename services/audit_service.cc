#include "services/audit_service.h"

#include "absl/strings/str_cat.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"

namespace mediation {
namespace {

// A saisine's history is tens of events; this bounds a corrupt stream.
constexpr size_t kMaxHistoryEvents = 100000;

}  // namespace

grpc::ServerUnaryReactor* AuditServiceImpl::GetHistorique(
    grpc::CallbackServerContext* context,
    const v1::GetHistoriqueRequest* request,
    v1::GetHistoriqueResponse* response) {
  const std::string& id = request->saisine_id();
  if (absl::Status valid = CheckIdentifier(id, "saisine_id"); !valid.ok()) {
    return Finish(context, valid);
  }
  absl::StatusOr<std::vector<RecordedEvent>> events =
      deps_.store->ReadStream(id, 1, kMaxHistoryEvents);
  if (!events.ok()) return Finish(context, events.status());
  if (events->empty()) {
    return Finish(context, absl::NotFoundError(
                               absl::StrCat("no saisine with id '", id, "'")));
  }
  response->set_saisine_id(id);
  for (const RecordedEvent& event : *events) {
    EvenementToApi(event, response->add_evenements());
  }
  return Finish(context, absl::OkStatus());
}

}  // namespace mediation
