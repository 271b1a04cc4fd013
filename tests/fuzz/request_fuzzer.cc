// libFuzzer target: what the service does with the bytes of a deposit
// request before anything is stored: parse, map to the domain, validate.
// Any crash, leak or undefined behaviour is a bug; refusals are expected.
#include <cstddef>
#include <cstdint>

#include "domain/caisse.h"
#include "domain/saisine.h"
#include "mediation/v1/accueil.pb.h"
#include "services/acte_mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mediation::v1::DeposerSaisineRequest request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return 0;
  absl::StatusOr<mediation::SaisineRecue> recue =
      mediation::RecueDe(request, "");
  if (!recue.ok()) return 0;
  absl::StatusOr<std::vector<mediation::SaisineEvent>> events =
      mediation::DeciderDepot(mediation::SaisineState{}, *std::move(recue),
                              absl::CivilDay(2025, 3, 14),
                              mediation::CaisseReferentielParDefaut());
  if (events.ok()) {
    // What was accepted must fold into a state.
    if (!mediation::Replay(*events).ok()) __builtin_trap();
  }
  return 0;
}
