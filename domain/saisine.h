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
  // When the requester sent it (a letter's postmark, CRPA L112-1), if known:
  // on or before date_reception. Deadlines run from date_reception.
  std::optional<absl::CivilDay> date_envoi;
  Objet objet;
  std::optional<ReclamationPrealable> reclamation_prealable;
  std::optional<DecisionContestee> decision_contestee;
  int64_t montant_centimes = 0;
  std::string saisine_precedente;
  // A contentious appeal (tribunal) is already filed on the matter.
  bool recours_contentieux_en_cours = false;

  friend bool operator==(const SaisineRecue&, const SaisineRecue&) = default;
};

// The mediator acknowledged admissibility (accusé de réception).
struct SaisineRecevable {
  FondementRecevabilite fondement = FondementRecevabilite::kApresReclamation;
  std::optional<MotifPremiereIntention> motif_premiere_intention;
  std::optional<ExceptionRecevabilite> exception;
  std::string justification;
  absl::CivilDay date_notification;
  friend bool operator==(const SaisineRecevable&,
                         const SaisineRecevable&) = default;
};

// The mediator cannot take the case; it is oriented.
struct SaisineIrrecevable {
  MotifIrrecevabilite motif = MotifIrrecevabilite::kAutre;
  std::string explication;
  Destination orientation = Destination::kReclamations;
  absl::CivilDay date_notification;
  friend bool operator==(const SaisineIrrecevable&,
                         const SaisineIrrecevable&) = default;
};

// Sent to a competent service or partner: at once when out of scope (it ends
// the saisine), or during instruction (it does not).
struct SaisineOrientee {
  Destination destination = Destination::kReclamations;
  std::string commentaire;
  absl::CivilDay date;
  friend bool operator==(const SaisineOrientee&,
                         const SaisineOrientee&) = default;
};

// The appeal deadlines of the contested decision stop running (L217-7-1).
struct DelaiSuspendu {
  absl::CivilDay debut;
  friend bool operator==(const DelaiSuspendu&, const DelaiSuspendu&) = default;
};

// They run again, for the time that remained (Code civil 2230).
struct DelaiRepris {
  absl::CivilDay fin;
  MotifReprise motif = MotifReprise::kConclusions;
  friend bool operator==(const DelaiRepris&, const DelaiRepris&) = default;
};

// An exchange with the requester, a service or a partner; a new element.
struct EchangeConsigne {
  absl::CivilDay date;
  Interlocuteur interlocuteur = Interlocuteur::kRequerant;
  std::string resume;
  friend bool operator==(const EchangeConsigne&,
                         const EchangeConsigne&) = default;
};

// A correction of the intake data (events are never edited).
struct DonneesRectifiees {
  SaisineRecue corrigee;
  std::string motif;
  absl::CivilDay date;
  friend bool operator==(const DonneesRectifiees&,
                         const DonneesRectifiees&) = default;
};

struct RecommandationEmise {
  TypeRecommandation type = TypeRecommandation::kExplicationDecision;
  std::string texte;
  absl::CivilDay date;
  friend bool operator==(const RecommandationEmise&,
                         const RecommandationEmise&) = default;
};

// The director's decision on a proposal en équité (unique, no precedent).
struct DecisionDirection {
  bool acceptee = false;
  std::string motif;
  absl::CivilDay date;
  friend bool operator==(const DecisionDirection&,
                         const DecisionDirection&) = default;
};

struct ConclusionsCommuniquees {
  absl::CivilDay date;
  friend bool operator==(const ConclusionsCommuniquees&,
                         const ConclusionsCommuniquees&) = default;
};

// A judicial recourse ends the mediation.
struct RecoursContentieuxEngage {
  absl::CivilDay date;
  friend bool operator==(const RecoursContentieuxEngage&,
                         const RecoursContentieuxEngage&) = default;
};

struct SaisineCloturee {
  IssueCloture issue = IssueCloture::kExplicationsDonnees;
  std::string commentaire;
  absl::CivilDay date;
  friend bool operator==(const SaisineCloturee&,
                         const SaisineCloturee&) = default;
};

// The national mediation direction addresses a recommandation to the
// director of the caisse on this saisine.
struct RecommandationNationaleEmise {
  std::string texte;
  absl::CivilDay date;
  friend bool operator==(const RecommandationNationaleEmise&,
                         const RecommandationNationaleEmise&) = default;
};

// The CRA records that an appeal on the same contested decision is pending
// before it (its instruction is suspended while the mediation runs).
struct RecoursPrealableDeclare {
  std::string reference;  // The CRA's file number.
  absl::CivilDay date_saisine_cra;
  absl::CivilDay date;
  friend bool operator==(const RecoursPrealableDeclare&,
                         const RecoursPrealableDeclare&) = default;
};

// After the mediator's conclusions, the requester keeps or withdraws the
// CRA appeal.
struct DecisionRecoursCra {
  bool maintenu = true;
  absl::CivilDay date;
  friend bool operator==(const DecisionRecoursCra&,
                         const DecisionRecoursCra&) = default;
};

// The commission seized of the preliminary appeal (the CRA; the CMRA when
// the contested decision names it) decided; `date` is the notification of
// its decision to the requester, from which the tribunal deadline runs.
struct DecisionCraRendue {
  SensDecisionCra sens = SensDecisionCra::kRejet;
  // The notification stated the recourse and its delay (R142-1-A III).
  bool voies_et_delais_mentionnes = true;
  absl::CivilDay date;
  friend bool operator==(const DecisionCraRendue&,
                         const DecisionCraRendue&) = default;
};

// The mediator checked that the service or partner the saisine was oriented
// to took it up (DOMAIN: "the mediator checks that it was taken up"). It
// confirms the oldest orientation not yet confirmed (OrientationsAConfirmer).
struct PriseEnChargeConfirmee {
  std::string commentaire;
  absl::CivilDay date;
  friend bool operator==(const PriseEnChargeConfirmee&,
                         const PriseEnChargeConfirmee&) = default;
};

// Refus de soins (R1110-11 CSP): the professional is convened, on `date`, to
// the conciliation meeting of `date_reunion`, at least 15 days later.
struct ProfessionnelConvoque {
  absl::CivilDay date_reunion;
  absl::CivilDay date;
  friend bool operator==(const ProfessionnelConvoque&,
                         const ProfessionnelConvoque&) = default;
};

// Refus de soins: the conciliation meeting was held.
struct ConciliationTenue {
  std::string compte_rendu;
  absl::CivilDay date;
  friend bool operator==(const ConciliationTenue&,
                         const ConciliationTenue&) = default;
};

using SaisineEvent = std::variant<
    SaisineRecue, SaisineRecevable, SaisineIrrecevable, SaisineOrientee,
    DelaiSuspendu, DelaiRepris, EchangeConsigne, DonneesRectifiees,
    RecommandationEmise, DecisionDirection, ConclusionsCommuniquees,
    RecoursContentieuxEngage, SaisineCloturee, RecommandationNationaleEmise,
    RecoursPrealableDeclare, DecisionRecoursCra, DecisionCraRendue,
    PriseEnChargeConfirmee, ProfessionnelConvoque, ConciliationTenue>;

// The type tag of an event as users and auditors read it ("SaisineRecue").
const char* EventTypeName(const SaisineEvent& event);

// The date the event takes effect in the world (e.g. the date of receipt).
absl::CivilDay EffectiveDate(const SaisineEvent& event);

// A suspension of the appeal deadlines; `fin` unset while it runs.
struct PeriodeSuspension {
  absl::CivilDay debut;
  std::optional<absl::CivilDay> fin;
  friend bool operator==(const PeriodeSuspension&,
                         const PeriodeSuspension&) = default;
};

struct SaisineState {
  // 0 before the first event; the number of events applied.
  uint64_t version = 0;
  std::optional<Statut> statut;
  SaisineRecue recue;
  std::optional<SaisineRecevable> recevabilite;
  std::optional<SaisineIrrecevable> irrecevabilite;
  std::vector<SaisineOrientee> orientations;
  std::vector<PeriodeSuspension> suspensions;
  int echanges = 0;
  std::vector<RecommandationEmise> recommandations;
  std::vector<RecommandationNationaleEmise> recommandations_nationales;
  std::optional<RecoursPrealableDeclare> recours_cra;
  std::optional<DecisionRecoursCra> decision_recours_cra;
  std::optional<DecisionCraRendue> decision_cra;
  // How many of the orientations (OrientationsAConfirmer) the mediator
  // confirmed were taken up, oldest first.
  int prises_en_charge_confirmees = 0;
  std::optional<ProfessionnelConvoque> convocation;
  std::optional<ConciliationTenue> conciliation;
  // A proposal en équité awaits the director's decision.
  bool equite_en_attente = false;
  std::optional<DecisionDirection> decision_direction;
  std::optional<absl::CivilDay> conclusions_le;
  std::optional<absl::CivilDay> recours_contentieux_le;
  std::optional<SaisineCloturee> cloture;
  // The date the saisine ended (closure, irrecevabilité, orientation at
  // once, judicial recourse).
  std::optional<absl::CivilDay> terminee_le;

  bool exists() const { return version > 0; }
  bool termine() const { return statut.has_value() && EstTerminal(*statut); }
  bool suspendu() const {
    return !suspensions.empty() && !suspensions.back().fin.has_value();
  }
  friend bool operator==(const SaisineState&, const SaisineState&) = default;
};

// The dates of the saisine's orientations, oldest first: the irrecevabilité
// (it comes with one), then each SaisineOrientee.
std::vector<absl::CivilDay> DatesDOrientation(const SaisineState& state);

// Those whose take-up the mediator has not confirmed yet, oldest first.
std::vector<absl::CivilDay> OrientationsAConfirmer(const SaisineState& state);

// Refus de soins: the meeting is convened at least this many days ahead.
inline constexpr int kJoursPreavisConciliation = 15;

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

// The mediator's acts. Each takes the act as the event it would record and
// `today` at the caisse; each refuses a terminated saisine, a date before the
// receipt or after today (INVALID_ARGUMENT naming the field), and a
// transition the current state forbids (FAILED_PRECONDITION naming it).
//
// Recevable: only from "recue"; its basis must hold (first intention: a
// motif; after réclamation: one on record, answered or unanswered for 3
// weeks; particulière: sent by the national direction, the caisse's
// direction or the Défenseur des droits; exception: which and why); refused
// when a contentious appeal is on record. Adds DelaiSuspendu when the
// contested decision's appeal deadline still runs, counting the suspensions
// `autres_suspensions` it got from other saisines on the same decision
// (réitérations, see MemeDecisionContestee).
absl::StatusOr<std::vector<SaisineEvent>> DeciderRecevabilite(
    const SaisineState& state, SaisineRecevable acte, absl::CivilDay today,
    Calendrier calendrier,
    const std::vector<PeriodeSuspension>& autres_suspensions = {});
// Only from "recue"; it ends the saisine with an orientation.
absl::StatusOr<std::vector<SaisineEvent>> DeciderIrrecevabilite(
    const SaisineState& state, SaisineIrrecevable acte, absl::CivilDay today);
// From "recue" it ends the saisine; during instruction it does not.
absl::StatusOr<std::vector<SaisineEvent>> DeciderOrientation(
    const SaisineState& state, SaisineOrientee acte, absl::CivilDay today);
absl::StatusOr<std::vector<SaisineEvent>> DeciderEchange(
    const SaisineState& state, EchangeConsigne acte, absl::CivilDay today);
// The corrected data are validated as at intake; the caisse cannot change.
absl::StatusOr<std::vector<SaisineEvent>> DeciderRectification(
    const SaisineState& state, DonneesRectifiees acte, absl::CivilDay today,
    const CaisseReferentiel& referentiel);
// During instruction, and not while an équité proposal awaits a decision.
absl::StatusOr<std::vector<SaisineEvent>> DeciderRecommandation(
    const SaisineState& state, RecommandationEmise acte, absl::CivilDay today);
// Only when an équité proposal awaits it.
absl::StatusOr<std::vector<SaisineEvent>> DeciderDecisionDirection(
    const SaisineState& state, DecisionDirection acte, absl::CivilDay today);
// After a recommendation, none awaiting the director. Adds DelaiRepris when
// the deadlines are suspended.
absl::StatusOr<std::vector<SaisineEvent>> DeciderConclusions(
    const SaisineState& state, ConclusionsCommuniquees acte,
    absl::CivilDay today);
// Ends the mediation, from any state but an end. Adds DelaiRepris.
absl::StatusOr<std::vector<SaisineEvent>> DeciderRecoursContentieux(
    const SaisineState& state, RecoursContentieuxEngage acte,
    absl::CivilDay today);
// From any state but an end, none awaiting the director. Adds DelaiRepris.
absl::StatusOr<std::vector<SaisineEvent>> DeciderCloture(
    const SaisineState& state, SaisineCloturee acte, absl::CivilDay today);

// The national direction's recommandation, before the end.
absl::StatusOr<std::vector<SaisineEvent>> DeciderRecommandationNationale(
    const SaisineState& state, RecommandationNationaleEmise acte,
    absl::CivilDay today);

// The CRA's pending appeal on the contested decision, once, before the end.
absl::StatusOr<std::vector<SaisineEvent>> DeciderRecoursPrealable(
    const SaisineState& state, RecoursPrealableDeclare acte,
    absl::CivilDay today);
// The requester's choice on a declared CRA appeal, once, after the
// conclusions: recorded even once the saisine is closed, as it belongs to
// the CRA's procedure.
absl::StatusOr<std::vector<SaisineEvent>> DeciderRecoursCra(
    const SaisineState& state, DecisionRecoursCra acte, absl::CivilDay today);

// The commission's decision on the preliminary appeal, once: a declared
// appeal the requester did not withdraw, dated (its notification) on or
// after the commission was seized and not in the future. Recorded even once
// the saisine has ended: it belongs to the CRA's procedure.
absl::StatusOr<std::vector<SaisineEvent>> DeciderDecisionCra(
    const SaisineState& state, DecisionCraRendue acte, absl::CivilDay today);

// Confirms the take-up of the oldest orientation awaiting it, dated on or
// after that orientation; FAILED_PRECONDITION when none awaits. Allowed on
// an ended saisine (an orientation at once or an irrecevabilité ends it).
absl::StatusOr<std::vector<SaisineEvent>> DeciderPriseEnCharge(
    const SaisineState& state, PriseEnChargeConfirmee acte,
    absl::CivilDay today);

// Refus de soins complaints only, before the end, once each. The meeting is
// convened at least kJoursPreavisConciliation days ahead (INVALID_ARGUMENT
// "date_reunion" otherwise), and held no earlier than that notice allows.
absl::StatusOr<std::vector<SaisineEvent>> DeciderConvocation(
    const SaisineState& state, ProfessionnelConvoque acte,
    absl::CivilDay today);
absl::StatusOr<std::vector<SaisineEvent>> DeciderConciliation(
    const SaisineState& state, ConciliationTenue acte, absl::CivilDay today);

absl::StatusOr<SaisineState> Apply(SaisineState state,
                                   const SaisineEvent& event);
// Apply in place: folds `event` into `state` without moving the state
// (a whole SaisineState is costly to move, and a stream's fold moved it
// three times an event). On error `state` may be partly changed: drop it (a
// stream whose events do not fold is corrupt).
absl::Status Fold(SaisineState& state, const SaisineEvent& event);

// Folds a whole stream, oldest first.
absl::StatusOr<SaisineState> Replay(const std::vector<SaisineEvent>& events);

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_SAISINE_H_
