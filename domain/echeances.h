// The deadlines of a saisine (DOMAIN.md "Deadlines the service tracks"), as
// pure functions of its state and its caisse's calendar. Nothing here reads a
// clock: Evaluer compares a deadline with a `today` given by the caller.
//
//   Echeances e = CalculerEcheances(state, caisse.calendrier);
//   Evaluation ar = Evaluer(e.accuse_reception_du, e.accuse_reception_le,
//                           today);
#ifndef MEDIATION_DOMAIN_ECHEANCES_H_
#define MEDIATION_DOMAIN_ECHEANCES_H_

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "domain/calendrier.h"
#include "domain/saisine.h"

namespace mediation {

// Acknowledgement (recevable or irrecevable) within 7 days of receipt; the
// closure objective is 21 days from receipt.
inline constexpr int kJoursAccuseReception = 7;
inline constexpr int kJoursObjectifCloture = 21;
// A réclamation unanswered for 3 weeks opens the way to mediation.
inline constexpr int kJoursSansReponseReclamation = 21;

// The delay of the recourse a contested decision names: CRA (R142-1),
// tribunal (from the CRA's decision) and CMRA, 2 months each. nullopt when
// none is named or the service does not know its delay (expertise médicale).
std::optional<Delai> DelaiDeRecours(const DecisionContestee& decision);

// The appeal deadline of the contested decision and its suspensions.
// Convention (DOMAIN.md): each completed suspension moves the deadline by
// (fin - debut) days, unless the deadline was already past when it started;
// the CPC 642 extension applies once, to the final date. A suspension
// counts from the notification at the earliest (one that ended before it
// moves nothing: the chain of recourses starts new clocks).
struct DelaiDeRecoursEtat {
  Recours recours = Recours::kCra;
  absl::CivilDay notification;
  // Without any suspension.
  absl::CivilDay echeance_initiale;
  // After the suspensions; nullopt while a suspension runs.
  std::optional<absl::CivilDay> expiration;
  bool suspendu = false;
  // While suspended: days that remained to run when it started.
  int jours_restants_geles = 0;
  // Days added by the completed suspensions.
  int jours_de_suspension = 0;
  // The notification did not state the recourse and its delay: the deadline
  // cannot be held against the requester (R142-1-A III).
  bool non_opposable = false;
  friend bool operator==(const DelaiDeRecoursEtat&,
                         const DelaiDeRecoursEtat&) = default;
};

// `suspensions` in any order, overlapping or not (they are merged first).
std::optional<DelaiDeRecoursEtat> CalculerDelaiDeRecours(
    const DecisionContestee& decision,
    const std::vector<PeriodeSuspension>& suspensions, Calendrier calendrier);

// Suspensions belong to the contested decision, not to one saisine: a
// réitération on the same decision (same requester, same notification)
// suspends the same appeal deadline again, and the deadline carries every
// suspension. Two saisines concern the same decision when both name one,
// with the same NIR and the same date of notification.
bool MemeDecisionContestee(const SaisineRecue& a, const SaisineRecue& b);

// The union of `periodes`, sorted by start: overlapping or touching periods
// become one (a day suspended twice moves the deadline once); a running
// period absorbs every period that starts after it.
std::vector<PeriodeSuspension> FusionnerSuspensions(
    std::vector<PeriodeSuspension> periodes);

// Every suspension of the contested decision of `state`: its own and
// `autres` (other saisines' on the same decision), merged.
std::vector<PeriodeSuspension> SuspensionsCumulees(
    const SaisineState& state, const std::vector<PeriodeSuspension>& autres);

// The chain of recourses after the preliminary appeal (DOMAIN.md): the
// commission seized (the CRA; the CMRA when the contested decision names
// it) rejects implicitly by its silence for 2 months (CMRA: 4), and the
// tribunal (pôle social) may be seized within 2 months of its decision's
// notification or of that implicit rejection. Both clocks are suspended by
// the mediation like the first appeal deadline (L217-7-1: "a parallel CRA
// instruction is suspended too"): a suspension counts from the day the
// clock started, if it started before the suspension ended. The implicit
// rejection is a date a decision is deemed made, not a deadline to act: it
// is not moved to a working day; the tribunal deadline is (CPC 642).
inline constexpr int kMoisSilenceCra = 2;
inline constexpr int kMoisSilenceCmra = 4;

struct SuiteDuRecoursEtat {
  Recours commission = Recours::kCra;  // kCra or kCmra.
  absl::CivilDay saisie_le;            // The commission was seized.
  // Its silence becomes a rejection on that day; nullopt while suspended.
  std::optional<absl::CivilDay> rejet_implicite;
  bool suspendu = false;
  std::optional<DecisionCraRendue> decision;
  // From the decision when recorded, else from the implicit rejection;
  // nullopt while that is unknown (suspended).
  std::optional<DelaiDeRecoursEtat> tribunal;
  friend bool operator==(const SuiteDuRecoursEtat&,
                         const SuiteDuRecoursEtat&) = default;
};

// REQUIRES: state.recours_cra. `suspensions`: every suspension of the
// contested decision (the saisine's own and other saisines').
SuiteDuRecoursEtat CalculerSuiteDuRecours(
    const SaisineState& state,
    const std::vector<PeriodeSuspension>& suspensions, Calendrier calendrier);

// Refus de soins complaints (R1110-11 CSP), from receipt.
struct EcheancesRefusDeSoins {
  absl::CivilDay accuse_reception;  // 8 days.
  absl::CivilDay convocation;       // The professional convened: 1 month.
  absl::CivilDay conciliation;      // The meeting: 3 months.
  std::optional<absl::CivilDay> convoque_le;      // ProfessionnelConvoque.
  std::optional<absl::CivilDay> reunion_prevue;   // The meeting convened.
  std::optional<absl::CivilDay> conciliation_le;  // ConciliationTenue.
  friend bool operator==(const EcheancesRefusDeSoins&,
                         const EcheancesRefusDeSoins&) = default;
};

struct Echeances {
  absl::CivilDay accuse_reception_du;
  // When recevabilité, irrecevabilité, an orientation at once or a closing
  // letter (a clôture before any of them) was notified.
  std::optional<absl::CivilDay> accuse_reception_le;
  absl::CivilDay objectif_cloture;
  std::optional<absl::CivilDay> terminee_le;
  // Calendar days from receipt to the end, once ended.
  std::optional<int> duree_traitement_jours;
  std::optional<DelaiDeRecoursEtat> recours;
  std::optional<EcheancesRefusDeSoins> refus_de_soins;
  // When an appeal before the CRA (or CMRA) is declared.
  std::optional<SuiteDuRecoursEtat> suite_du_recours;
  // The soonest date something is due on the mediator's side: orders the
  // queue (overdue first, then due soonest). nullopt once the saisine ended.
  std::optional<absl::CivilDay> prochaine_echeance;
  friend bool operator==(const Echeances&, const Echeances&) = default;
};

// REQUIRES: state.exists(). `autres_suspensions`: those the same contested
// decision got from other saisines (MemeDecisionContestee); the appeal
// deadline carries them with the saisine's own.
Echeances CalculerEcheances(
    const SaisineState& state, Calendrier calendrier,
    const std::vector<PeriodeSuspension>& autres_suspensions = {});

enum class EtatEcheance {
  kAVenir,     // Not done, not yet due: `jours` left.
  kRespectee,  // Done on or before the due date.
  kDepassee,   // Done late, or not done and past: `jours` late.
};

struct Evaluation {
  EtatEcheance etat = EtatEcheance::kAVenir;
  int jours = 0;
};

Evaluation Evaluer(absl::CivilDay du, std::optional<absl::CivilDay> fait_le,
                   absl::CivilDay today);

// The day the mediator's deadlines of `state` are evaluated on: `today`
// while it runs, its end once it ended (an ended saisine's missed deadline
// stays as late as it was, it does not keep counting days). The requester's
// appeal deadline is theirs and keeps running after the mediation.
absl::CivilDay DateDEvaluation(const SaisineState& state, absl::CivilDay today);

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_ECHEANCES_H_
