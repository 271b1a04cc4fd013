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

absl::Status TracerConsultation(const Dependencies& deps,
                                const Principal& principal,
                                absl::string_view rpc,
                                std::vector<std::string> saisine_ids) {
  if (!principal.VoitDonneesPersonnelles() || saisine_ids.empty()) {
    return absl::OkStatus();
  }
  Consultation consultation;
  consultation.at = deps.clock->Now();
  consultation.acteur = principal.Acteur();
  consultation.rpc = std::string(rpc);
  consultation.saisine_ids = std::move(saisine_ids);
  absl::StatusOr<uint64_t> recorded =
      deps.journal->Record(std::move(consultation));
  if (!recorded.ok()) {
    return absl::UnavailableError(
        "the consultation cannot be traced; retry later");
  }
  return absl::OkStatus();
}

}  // namespace mediation
