// Every act from every state: allowed transitions record their events,
// forbidden ones are FAILED_PRECONDITION naming the state.
#include <functional>
#include <string>

#include "base/status_matchers.h"
#include "domain/saisine.h"
#include "domain/saisine_testing.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::ExempleSaisineRecue;
using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;
using D = absl::CivilDay;
using Events = std::vector<SaisineEvent>;

constexpr D kToday{2025, 4, 15};
const Calendrier kCal = Calendrier::kMetropole;

// Applies the events an act decides; fails the test if it was refused.
SaisineState Do(SaisineState state, absl::StatusOr<Events> events) {
  EXPECT_TRUE(events.ok()) << events.status();
  if (!events.ok()) return state;
  for (const SaisineEvent& event : *events) {
    auto next = Apply(state, event);
    EXPECT_TRUE(next.ok()) << next.status();
    state = *next;
  }
  return state;
}

SaisineRecevable Recevable(D date = D(2025, 3, 12)) {
  SaisineRecevable acte;
  acte.fondement = FondementRecevabilite::kApresReclamation;
  acte.date_notification = date;
  return acte;
}

SaisineState Recue() {
  SaisineRecue recue = ExempleSaisineRecue("591", D(2025, 3, 10));
  recue.decision_contestee =
      DecisionContestee{D(2025, 2, 3), Recours::kCra, true, ""};
  return *Apply(SaisineState{}, recue);
}
SaisineState EnInstruction() {
  return Do(Recue(), DeciderRecevabilite(Recue(), Recevable(), kToday, kCal));
}
SaisineState AvecRecommandation(TypeRecommandation type) {
  SaisineState s = EnInstruction();
  return Do(s,
            DeciderRecommandation(s, {type, "Avis", D(2025, 3, 20)}, kToday));
}
SaisineState Conclue() {
  SaisineState s = AvecRecommandation(TypeRecommandation::kExplicationDecision);
  return Do(s, DeciderConclusions(s, {D(2025, 3, 25)}, kToday));
}
SaisineState Cloturee() {
  SaisineState s = Conclue();
  return Do(s, DeciderCloture(
                   s, {IssueCloture::kDecisionMaintenue, "", D(2025, 3, 26)},
                   kToday));
}
SaisineState Irrecevable() {
  SaisineState s = Recue();
  return Do(s, DeciderIrrecevabilite(
                   s,
                   {MotifIrrecevabilite::kHorsCompetence, "Hors périmètre",
                    Destination::kReclamations, D(2025, 3, 11)},
                   kToday));
}

TEST(LifecycleTest, RecevableSuspendsARunningAppealDeadline) {
  auto events = DeciderRecevabilite(Recue(), Recevable(), kToday, kCal);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(std::get<DelaiSuspendu>((*events)[1]).debut, D(2025, 3, 12));
  SaisineState s = Do(Recue(), events);
  EXPECT_EQ(s.statut, Statut::kEnInstruction);
  EXPECT_TRUE(s.suspendu());
}

TEST(LifecycleTest, RecevableWithoutDecisionSuspendsNothing) {
  SaisineState s = *Apply(SaisineState{}, ExempleSaisineRecue());
  auto events = DeciderRecevabilite(s, Recevable(), kToday, kCal);
  ASSERT_OK(events);
  EXPECT_EQ(events->size(), 1u);
}

// Suspensions belong to the contested decision. Notified Friday 10 Jan
// 2025, CRA deadline Monday 10 Mar. A first saisine suspended it from
// Monday 10 Feb to Monday 3 Mar (21 days): Monday 31 Mar. A réitération on
// the same decision declared recevable on Thursday 20 Mar finds it still
// running (its own events alone would say: past since 10 Mar) and suspends
// it again. Weekdays: date(1) and a printed 2025 calendar.
TEST(LifecycleTest, AReiterationSuspendsTheDecisionsDeadlineAgain) {
  SaisineRecue recue = ExempleSaisineRecue("591", D(2025, 3, 18));
  recue.decision_contestee =
      DecisionContestee{D(2025, 1, 10), Recours::kCra, true, ""};
  const SaisineState reiteration = *Apply(SaisineState{}, recue);
  const std::vector<PeriodeSuspension> premiere{
      {D(2025, 2, 10), D(2025, 3, 3)}};

  auto seule =
      DeciderRecevabilite(reiteration, Recevable(D(2025, 3, 20)), kToday, kCal);
  ASSERT_OK(seule);
  EXPECT_EQ(seule->size(), 1u);  // 10 Mar is past: nothing to suspend.

  auto events = DeciderRecevabilite(reiteration, Recevable(D(2025, 3, 20)),
                                    kToday, kCal, premiere);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(std::get<DelaiSuspendu>((*events)[1]).debut, D(2025, 3, 20));
}

TEST(LifecycleTest, TheCrasDecisionOnADeclaredAppealOnce) {
  SaisineState s = Recue();
  const DecisionCraRendue decision{SensDecisionCra::kRejet, true,
                                   D(2025, 4, 10)};
  EXPECT_THAT(DeciderDecisionCra(s, decision, kToday),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("no appeal before the CRA")));
  s = *Apply(s,
             RecoursPrealableDeclare{"CRA-7", D(2025, 3, 5), D(2025, 3, 11)});
  EXPECT_THAT(DeciderDecisionCra(
                  s, {SensDecisionCra::kRejet, true, D(2025, 3, 4)}, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date: before the CRA was seized")));
  EXPECT_THAT(DeciderDecisionCra(
                  s, {SensDecisionCra::kRejet, true, D(2025, 4, 16)}, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date: in the future")));
  EXPECT_THAT(
      DeciderDecisionCra(
          s, {static_cast<SensDecisionCra>(0), true, D(2025, 4, 10)}, kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sens")));
  // Recorded even once the saisine has ended.
  s = Do(s, DeciderCloture(
                s, {IssueCloture::kDecisionMaintenue, "", D(2025, 3, 12)},
                kToday));
  s = Do(s, DeciderDecisionCra(s, decision, kToday));
  EXPECT_EQ(s.decision_cra, decision);
  EXPECT_THAT(DeciderDecisionCra(s, decision, kToday),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already recorded")));
}

TEST(LifecycleTest, NoCraDecisionOnAWithdrawnAppeal) {
  SaisineState s = Conclue();
  s = *Apply(s,
             RecoursPrealableDeclare{"CRA-7", D(2025, 3, 5), D(2025, 3, 11)});
  s = Do(s, DeciderRecoursCra(s, {false, D(2025, 3, 26)}, kToday));
  EXPECT_THAT(
      DeciderDecisionCra(
          s, {SensDecisionCra::kAcceptation, true, D(2025, 4, 1)}, kToday),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("withdrew")));
}

TEST(LifecycleTest, TheTakeUpOfEachOrientationIsConfirmedInTurn) {
  SaisineState s = EnInstruction();
  const PriseEnChargeConfirmee confirmation{"Pris en charge", D(2025, 3, 20)};
  EXPECT_THAT(DeciderPriseEnCharge(s, confirmation, kToday),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("no orientation")));
  s = Do(s, DeciderOrientation(
                s, {Destination::kServiceSocial, "", D(2025, 3, 14)}, kToday));
  s = Do(s, DeciderOrientation(s, {Destination::kMas, "", D(2025, 3, 18)},
                               kToday));
  EXPECT_EQ(OrientationsAConfirmer(s),
            (std::vector<D>{D(2025, 3, 14), D(2025, 3, 18)}));
  EXPECT_THAT(DeciderPriseEnCharge(s, {"", D(2025, 3, 13)}, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date: before the orientation")));
  s = Do(s, DeciderPriseEnCharge(s, {"", D(2025, 3, 15)}, kToday));
  EXPECT_EQ(OrientationsAConfirmer(s), std::vector<D>{D(2025, 3, 18)});
  s = Do(s, DeciderPriseEnCharge(s, confirmation, kToday));
  EXPECT_TRUE(OrientationsAConfirmer(s).empty());
}

TEST(LifecycleTest, AnIrrecevableSaisinesOrientationIsConfirmedAfterItsEnd) {
  SaisineState s = Irrecevable();  // Oriented on 11 Mar, ended.
  EXPECT_EQ(OrientationsAConfirmer(s), std::vector<D>{D(2025, 3, 11)});
  s = Do(s, DeciderPriseEnCharge(s, {"", D(2025, 3, 14)}, kToday));
  EXPECT_EQ(s.prises_en_charge_confirmees, 1);
  EXPECT_THAT(DeciderPriseEnCharge(s, {"", D(2025, 3, 14)}, kToday),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

// Refus de soins: received Monday 10 Mar 2025; convened Wednesday 12 Mar,
// the meeting can be no earlier than Thursday 27 Mar (12 + 15 days).
TEST(LifecycleTest, RefusDeSoinsMeetingConvenedFifteenDaysAhead) {
  SaisineRecue recue = ExempleSaisineRecue("591", D(2025, 3, 10));
  recue.objet.refus_de_soins = true;
  SaisineState s = *Apply(SaisineState{}, recue);
  EXPECT_THAT(
      DeciderConciliation(s, {"", D(2025, 3, 27)}, kToday),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("convened")));
  EXPECT_THAT(DeciderConvocation(s, {D(2025, 3, 26), D(2025, 3, 12)}, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date_reunion: convened at least 15 days "
                                 "ahead (R1110-11 CSP): on or after "
                                 "2025-03-27")));
  s = Do(s, DeciderConvocation(s, {D(2025, 3, 27), D(2025, 3, 12)}, kToday));
  EXPECT_THAT(DeciderConvocation(s, {D(2025, 4, 1), D(2025, 3, 13)}, kToday),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(DeciderConciliation(s, {"", D(2025, 3, 26)}, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date: fewer than 15 days")));
  s = Do(s, DeciderConciliation(s, {"Accord trouvé", D(2025, 3, 27)}, kToday));
  EXPECT_EQ(s.conciliation->date, D(2025, 3, 27));
  // Not a refus de soins complaint: no convocation.
  EXPECT_THAT(
      DeciderConvocation(Recue(), {D(2025, 3, 27), D(2025, 3, 12)}, kToday),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("refus de soins")));
}

TEST(LifecycleTest, FullPathToClosureResumesTheDeadline) {
  SaisineState s = AvecRecommandation(TypeRecommandation::kPropositionEquite);
  EXPECT_TRUE(s.equite_en_attente);
  EXPECT_THAT(
      DeciderConclusions(s, {D(2025, 3, 25)}, kToday),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("director")));
  EXPECT_THAT(
      DeciderRecommandation(
          s, {TypeRecommandation::kDemandeRevision, "x", D(2025, 3, 21)},
          kToday),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  s = Do(s,
         DeciderDecisionDirection(s, {true, "Équité", D(2025, 3, 24)}, kToday));
  EXPECT_FALSE(s.equite_en_attente);
  auto conclusions = DeciderConclusions(s, {D(2025, 3, 25)}, kToday);
  ASSERT_OK(conclusions);
  ASSERT_EQ(conclusions->size(), 2u);
  EXPECT_EQ(std::get<DelaiRepris>((*conclusions)[1]).motif,
            MotifReprise::kConclusions);
  s = Do(s, conclusions);
  EXPECT_FALSE(s.suspendu());
  EXPECT_EQ(s.suspensions.back().fin, D(2025, 3, 25));
  auto cloture = DeciderCloture(
      s, {IssueCloture::kDecisionRevisee, "", D(2025, 3, 26)}, kToday);
  ASSERT_OK(cloture);
  EXPECT_EQ(cloture->size(), 1u);  // Already resumed.
  s = Do(s, cloture);
  EXPECT_EQ(s.statut, Statut::kCloturee);
  EXPECT_EQ(s.terminee_le, D(2025, 3, 26));
}

TEST(LifecycleTest, IrrecevableEndsWithAnOrientation) {
  SaisineState s = Irrecevable();
  EXPECT_EQ(s.statut, Statut::kIrrecevable);
  EXPECT_EQ(s.irrecevabilite->orientation, Destination::kReclamations);
  EXPECT_FALSE(s.suspendu());
}

TEST(LifecycleTest, OrientationAtOnceEndsButNotDuringInstruction) {
  SaisineState recue = Recue();
  SaisineOrientee orientation{Destination::kServiceSocial, "", D(2025, 3, 11)};
  EXPECT_EQ(Do(recue, DeciderOrientation(recue, orientation, kToday)).statut,
            Statut::kOrientee);
  SaisineState instruite = EnInstruction();
  orientation.date = D(2025, 3, 13);
  SaisineState after =
      Do(instruite, DeciderOrientation(instruite, orientation, kToday));
  EXPECT_EQ(after.statut, Statut::kEnInstruction);
  EXPECT_EQ(after.orientations.size(), 1u);
}

TEST(LifecycleTest, RecoursContentieuxEndsAndResumes) {
  SaisineState s = EnInstruction();
  auto events = DeciderRecoursContentieux(s, {D(2025, 3, 14)}, kToday);
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(std::get<DelaiRepris>((*events)[1]).motif,
            MotifReprise::kFinMediation);
  EXPECT_EQ(Do(s, events).statut, Statut::kRecoursContentieux);
}

// The mediator's acts follow one another in time; facts learnt afterwards
// (an exchange, a tribunal appeal) may be dated before the last act.
TEST(LifecycleTest, AnActOfTheMediationIsNotDatedBeforeTheOneItFollows) {
  // Recevable on 12 March, recommandation on 20 March, conclusions on 25.
  SaisineState recevable = EnInstruction();
  EXPECT_THAT(
      DeciderRecommandation(
          recevable,
          {TypeRecommandation::kExplicationDecision, "Avis", D(2025, 3, 11)},
          kToday),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("date: before the act it follows, of 2025-03-12")));
  EXPECT_THAT(
      DeciderCloture(recevable, {IssueCloture::kAbandon, "", D(2025, 3, 11)},
                     kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("date")));
  SaisineState recommandee =
      AvecRecommandation(TypeRecommandation::kExplicationDecision);
  EXPECT_THAT(
      DeciderConclusions(recommandee, {D(2025, 3, 19)}, kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("of 2025-03-20")));
  // The same day is not before.
  EXPECT_OK(DeciderConclusions(recommandee, {D(2025, 3, 20)}, kToday).status());
  SaisineState conclue = Conclue();
  EXPECT_THAT(
      DeciderCloture(conclue, {IssueCloture::kAbandon, "", D(2025, 3, 24)},
                     kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("of 2025-03-25")));
  // An exchange of 14 March recorded after the recommandation of the 20th.
  EXPECT_OK(DeciderEchange(recommandee,
                           {D(2025, 3, 14), Interlocuteur::kRequerant, "Appel"},
                           kToday)
                .status());
}

TEST(LifecycleTest, ExchangesAndRectifications) {
  SaisineState s = EnInstruction();
  s = Do(s, DeciderEchange(s,
                           {D(2025, 3, 13), Interlocuteur::kServiceCaisse,
                            "Relance du service PE"},
                           kToday));
  EXPECT_EQ(s.echanges, 1);
  DonneesRectifiees rectification{s.recue, "NIR mal saisi", D(2025, 3, 14)};
  rectification.corrigee.requerant.nom = "Dupont-Martin";
  s = Do(s, DeciderRectification(s, rectification, kToday,
                                 CaisseReferentielParDefaut()));
  EXPECT_EQ(s.recue.requerant.nom, "Dupont-Martin");
  rectification.corrigee.caisse = "751";
  EXPECT_THAT(DeciderRectification(s, rectification, kToday,
                                   CaisseReferentielParDefaut()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

// Recevabilité conditions.
TEST(RecevabiliteTest, ConditionsOfEachBasis) {
  SaisineState s = Recue();
  SaisineRecevable acte = Recevable(D(2025, 3, 12));
  // The réclamation of 8 Feb (ExempleSaisineRecue: receipt - 30) was not
  // answered; 3 weeks have run by 12 Mar.
  EXPECT_OK(DeciderRecevabilite(s, acte, kToday, kCal));
  s.recue.reclamation_prealable->date = D(2025, 3, 1);
  EXPECT_THAT(DeciderRecevabilite(s, acte, kToday, kCal),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("fewer than 3 weeks")));
  s.recue.reclamation_prealable->repondue = true;  // Answered, unsatisfying.
  EXPECT_OK(DeciderRecevabilite(s, acte, kToday, kCal));
  s.recue.reclamation_prealable.reset();
  EXPECT_THAT(DeciderRecevabilite(s, acte, kToday, kCal),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("no prior réclamation")));

  acte.fondement = FondementRecevabilite::kPremiereIntention;
  EXPECT_THAT(DeciderRecevabilite(s, acte, kToday, kCal),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("motif_premiere_intention")));
  acte.motif_premiere_intention =
      MotifPremiereIntention::kTransportSansEntentePrealable;
  EXPECT_OK(DeciderRecevabilite(s, acte, kToday, kCal));

  acte.fondement = FondementRecevabilite::kSaisineParticuliere;
  EXPECT_THAT(DeciderRecevabilite(s, acte, kToday, kCal),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  s.recue.origine = Origine::kDefenseurDesDroits;
  EXPECT_OK(DeciderRecevabilite(s, acte, kToday, kCal));

  acte.fondement = FondementRecevabilite::kException;
  EXPECT_THAT(
      DeciderRecevabilite(s, acte, kToday, kCal),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("exception")));
  acte.exception = ExceptionRecevabilite::kUrgence;
  EXPECT_THAT(
      DeciderRecevabilite(s, acte, kToday, kCal),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("justification")));
  acte.justification = "Rupture de droits, expulsion imminente";
  EXPECT_OK(DeciderRecevabilite(s, acte, kToday, kCal));

  s.recue.recours_contentieux_en_cours = true;
  EXPECT_THAT(DeciderRecevabilite(s, acte, kToday, kCal),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("contentious appeal")));
}

TEST(RecevabiliteTest, DatesBetweenReceiptAndToday) {
  EXPECT_THAT(
      DeciderRecevabilite(Recue(), Recevable(D(2025, 3, 9)), kToday, kCal),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("date_notification: before")));
  EXPECT_THAT(DeciderRecevabilite(Recue(), Recevable(kToday + 1), kToday, kCal),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date_notification: in the future")));
}

// Every act on every state that forbids it.
struct Forbidden {
  const char* name;
  std::function<SaisineState()> state;
  std::function<absl::StatusOr<Events>(const SaisineState&)> act;
  const char* message;
};

void PrintTo(const Forbidden& f, std::ostream* os) { *os << f.name; }

class ForbiddenTransitionTest : public ::testing::TestWithParam<Forbidden> {};

TEST_P(ForbiddenTransitionTest, IsFailedPreconditionNamingTheState) {
  EXPECT_THAT(GetParam().act(GetParam().state()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr(GetParam().message)));
}

absl::StatusOr<Events> RecevableAct(const SaisineState& s) {
  return DeciderRecevabilite(s, Recevable(D(2025, 4, 1)), kToday, kCal);
}
absl::StatusOr<Events> IrrecevableAct(const SaisineState& s) {
  return DeciderIrrecevabilite(
      s, {MotifIrrecevabilite::kAutre, "x", Destination::kCra, D(2025, 4, 1)},
      kToday);
}
absl::StatusOr<Events> RecommandationAct(const SaisineState& s) {
  return DeciderRecommandation(
      s, {TypeRecommandation::kRapportCra, "x", D(2025, 4, 1)}, kToday);
}
absl::StatusOr<Events> ConclusionsAct(const SaisineState& s) {
  return DeciderConclusions(s, {D(2025, 4, 1)}, kToday);
}
absl::StatusOr<Events> DecisionAct(const SaisineState& s) {
  return DeciderDecisionDirection(s, {true, "", D(2025, 4, 1)}, kToday);
}
absl::StatusOr<Events> ClotureAct(const SaisineState& s) {
  return DeciderCloture(s, {IssueCloture::kAbandon, "", D(2025, 4, 1)}, kToday);
}
absl::StatusOr<Events> EchangeAct(const SaisineState& s) {
  return DeciderEchange(s, {D(2025, 4, 1), Interlocuteur::kRequerant, "x"},
                        kToday);
}
absl::StatusOr<Events> RecoursAct(const SaisineState& s) {
  return DeciderRecoursContentieux(s, {D(2025, 4, 1)}, kToday);
}
absl::StatusOr<Events> OrientationAct(const SaisineState& s) {
  return DeciderOrientation(s, {Destination::kMas, "", D(2025, 4, 1)}, kToday);
}

INSTANTIATE_TEST_SUITE_P(
    Transitions, ForbiddenTransitionTest,
    ::testing::Values(
        Forbidden{"RecevableTwice", EnInstruction, RecevableAct,
                  "en instruction"},
        Forbidden{"IrrecevableAfterRecevable", EnInstruction, IrrecevableAct,
                  "en instruction"},
        Forbidden{"RecommandationBeforeRecevable", Recue, RecommandationAct,
                  "recue"},
        Forbidden{"ConclusionsBeforeRecommandation", EnInstruction,
                  ConclusionsAct, "en instruction"},
        Forbidden{"ConclusionsTwice", Conclue, ConclusionsAct,
                  "conclusions communiquees"},
        Forbidden{"RecommandationAfterConclusions", Conclue, RecommandationAct,
                  "conclusions communiquees"},
        Forbidden{"DecisionWithoutProposal", EnInstruction, DecisionAct,
                  "no proposal"},
        Forbidden{"EchangeAfterCloture", Cloturee, EchangeAct, "cloturee"},
        Forbidden{"ClotureTwice", Cloturee, ClotureAct, "cloturee"},
        Forbidden{"RecoursAfterCloture", Cloturee, RecoursAct, "cloturee"},
        Forbidden{"OrientationAfterIrrecevable", Irrecevable, OrientationAct,
                  "irrecevable"},
        Forbidden{"RecevableAfterIrrecevable", Irrecevable, RecevableAct,
                  "irrecevable"},
        Forbidden{"ClotureAfterIrrecevable", Irrecevable, ClotureAct,
                  "irrecevable"}),
    [](const ::testing::TestParamInfo<Forbidden>& info) {
      return info.param.name;
    });

TEST(LifecycleTest, ActsOnAMissingSaisineAreNotFound) {
  EXPECT_THAT(ClotureAct(SaisineState{}),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace mediation
