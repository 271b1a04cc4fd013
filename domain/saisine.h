// The Saisine aggregate: its events, its state, and the pure functions that
// decide and apply them.
//
//   absl::StatusOr<std::vector<SaisineEvent>> events =
//       DeciderDepot(recue, today_at_caisse, referentiel);
//   SaisineState state;
//   for (const SaisineEvent& e : *events) state = *Apply(state, e);
//
// Decide functions validate a command against the current state and return
// the events to append, or a status: INVALID_ARGUMENT naming the field for bad
// input, FAILED_PRECONDITION naming the current state for a forbidden
// transition. Apply folds one event into the state; it never fails on events
// a Decide function produced, and returns DATA_LOSS for an event that cannot
// follow the state (a corrupt or foreign log). No I/O, no clock, no randomness:
// ids and dates come in as arguments.
#ifndef MEDIATION_DOMAIN_SAISINE_H_
#define MEDIATION_DOMAIN_SAISINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "domain/caisse.h"
#include "domain/saisine_types.h"

namespace mediation {

// A saisine has been registered (DOMAIN.md, "Reçue").
struct SaisineRecue {
  std::string caisse;
  Requerant requerant;
  Canal canal = Canal::kCourrier;
  Origine origine = Origine::kRequerantDirect;
  absl::CivilDay date_reception;
  Objet objet;
  std::optional<ReclamationPrealable> reclamation_prealable;
  std::optional<DecisionContestee> decision_contestee;
  int64_t montant_centimes = 0;
  std::string saisine_precedente;

  friend bool operator==(const SaisineRecue&, const SaisineRecue&) = default;
};

using SaisineEvent = std::variant<SaisineRecue>;

// The type tag of an event as users and auditors read it ("SaisineRecue").
const char* EventTypeName(const SaisineEvent& event);

// The date the event takes effect in the world (e.g. the date of receipt).
absl::CivilDay EffectiveDate(const SaisineEvent& event);

struct SaisineState {
  // 0 before the first event; the number of events applied.
  uint64_t version = 0;
  std::optional<Statut> statut;
  SaisineRecue recue;

  bool exists() const { return version > 0; }
  friend bool operator==(const SaisineState&, const SaisineState&) = default;
};

// Field size limits (bytes).
inline constexpr size_t kMaxNomBytes = 200;
inline constexpr size_t kMaxShortTextBytes = 320;
inline constexpr size_t kMaxDescriptionBytes = 20000;
inline constexpr size_t kMaxIdBytes = 128;
inline constexpr int64_t kMaxMontantCentimes = 100'000'000'000;  // 1 bn €.

// Validates a registration and returns its canonical form (NIR normalised).
// `today` is the current date at the caisse. INVALID_ARGUMENT names the field.
absl::StatusOr<SaisineRecue> ValiderSaisineRecue(
    SaisineRecue recue, absl::CivilDay today,
    const CaisseReferentiel& referentiel);

// Registers a new saisine. FAILED_PRECONDITION if `state` already exists.
absl::StatusOr<std::vector<SaisineEvent>> DeciderDepot(
    const SaisineState& state, SaisineRecue recue, absl::CivilDay today,
    const CaisseReferentiel& referentiel);

absl::StatusOr<SaisineState> Apply(SaisineState state,
                                   const SaisineEvent& event);

// Folds a whole stream, oldest first.
absl::StatusOr<SaisineState> Replay(const std::vector<SaisineEvent>& events);

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_SAISINE_H_
