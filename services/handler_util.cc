#include "services/handler_util.h"

#include <utility>

#include "domain/personal_data.h"

namespace mediation {

SaisineRecord VuePour(const Principal& principal, SaisineRecord record) {
  if (!principal.VoitDonneesPersonnelles()) {
    MasquerRequerant(record.state.recue.requerant);
  }
  return record;
}

RecordedEvent VuePour(const Principal& principal, RecordedEvent event) {
  if (!principal.VoitDonneesPersonnelles()) MasquerEvenement(event.event);
  return event;
}

std::optional<Consultation> ConsultationDe(
    const Dependencies& deps, const Principal& principal, absl::string_view rpc,
    std::vector<std::string> saisine_ids) {
  if (!principal.VoitDonneesPersonnelles() || saisine_ids.empty()) {
    return std::nullopt;
  }
  Consultation consultation;
  consultation.at = deps.clock->Now();
  consultation.acteur = principal.Acteur();
  consultation.rpc = std::string(rpc);
  consultation.saisine_ids = std::move(saisine_ids);
  return consultation;
}

grpc::ServerUnaryReactor* FinishTraced(const Dependencies& deps,
                                       grpc::CallbackServerContext* context,
                                       const absl::Status& status,
                                       std::optional<Consultation> trace,
                                       google::protobuf::Message* response) {
  if (!status.ok()) response->Clear();
  if (!status.ok() || !trace.has_value()) return Finish(context, status);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  deps.journal->RecordAsync(
      *std::move(trace),
      [reactor, response](absl::StatusOr<uint64_t> recorded) {
        if (recorded.ok()) {
          reactor->Finish(grpc::Status::OK);
          return;
        }
        response->Clear();
        reactor->Finish(ToGrpcStatus(absl::UnavailableError(
            "the consultation cannot be traced; retry later")));
      });
  return reactor;
}

}  // namespace mediation
