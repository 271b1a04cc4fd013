// Deadlines worked out by hand (weekdays checked against a second calendar).
#include "domain/echeances.h"

#include "domain/saisine_testing.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using D = absl::CivilDay;
const Calendrier kMetropole = Calendrier::kMetropole;

DecisionContestee Cra(D notification, bool voies_et_delais = true) {
  return DecisionContestee{notification, Recours::kCra, voies_et_delais, ""};
}

TEST(DelaiDeRecoursTest, DomainExampleSuspensionMovesTheDeadline) {
  // Notified 10 Jan 2025, CRA deadline 10 Mar; suspended 10 Feb -> 3 Mar
  // (21 days) -> 31 Mar 2025.
  auto etat = CalculerDelaiDeRecours(
      Cra(D(2025, 1, 10)), {{D(2025, 2, 10), D(2025, 3, 3)}}, kMetropole);
  ASSERT_TRUE(etat.has_value());
  EXPECT_EQ(etat->echeance_initiale, D(2025, 3, 10));
  EXPECT_EQ(etat->expiration, D(2025, 3, 31));
  EXPECT_EQ(etat->jours_de_suspension, 21);
  EXPECT_FALSE(etat->suspendu);
  EXPECT_FALSE(etat->non_opposable);
}

TEST(DelaiDeRecoursTest, RunningSuspensionFreezesTheRemainingDays) {
  auto etat = CalculerDelaiDeRecours(
      Cra(D(2025, 1, 10)), {{D(2025, 2, 10), std::nullopt}}, kMetropole);
  ASSERT_TRUE(etat.has_value());
  EXPECT_TRUE(etat->suspendu);
  EXPECT_EQ(etat->expiration, std::nullopt);
  EXPECT_EQ(etat->jours_restants_geles, 28);  // 10 Feb -> 10 Mar.
}

TEST(DelaiDeRecoursTest, DeadlineAlreadyPastDoesNotMove) {
  // 4 Nov 2024 + 2 months = Saturday 4 Jan 2025 -> Monday 6 Jan.
  auto etat = CalculerDelaiDeRecours(
      Cra(D(2024, 11, 4)), {{D(2025, 1, 10), D(2025, 1, 20)}}, kMetropole);
  EXPECT_EQ(etat->expiration, D(2025, 1, 6));
  EXPECT_EQ(etat->jours_de_suspension, 0);
}

TEST(DelaiDeRecoursTest, SuspensionStartingOnAnExtendedLastDayMovesIt) {
  // Ends Saturday 4 Jan, runs to Monday 6 Jan: suspended on 6 Jan for 10
  // days, the raw end moves to 14 Jan (Tuesday).
  auto etat = CalculerDelaiDeRecours(
      Cra(D(2024, 11, 4)), {{D(2025, 1, 6), D(2025, 1, 16)}}, kMetropole);
  EXPECT_EQ(etat->expiration, D(2025, 1, 14));
}

TEST(DelaiDeRecoursTest, ExtensionAppliesOnceToTheFinalDate) {
  // 15 Jan + 2 months = Saturday 15 Mar; +7 days of suspension = Saturday
  // 22 Mar -> Monday 24 Mar (not 17 Mar + 7).
  auto etat = CalculerDelaiDeRecours(
      Cra(D(2025, 1, 15)), {{D(2025, 2, 14), D(2025, 2, 21)}}, kMetropole);
  EXPECT_EQ(etat->echeance_initiale, D(2025, 3, 17));
  EXPECT_EQ(etat->expiration, D(2025, 3, 24));
}

TEST(DelaiDeRecoursTest, SuccessiveSuspensionsAddUp) {
  auto etat = CalculerDelaiDeRecours(
      Cra(D(2025, 1, 10)),
      {{D(2025, 2, 10), D(2025, 3, 3)}, {D(2025, 3, 20), D(2025, 3, 27)}},
      kMetropole);
  EXPECT_EQ(etat->jours_de_suspension, 28);
  EXPECT_EQ(etat->expiration, D(2025, 4, 7));
}

TEST(FusionnerSuspensionsTest, OverlapsCountOnceAndARunningOneAbsorbs) {
  // Out of order; 1-10 Feb and 5-20 Feb overlap -> 1-20 Feb; 20 Feb-1 Mar
  // touches it -> 1 Feb-1 Mar; 10 Mar-, running, absorbs 15-20 Mar.
  EXPECT_EQ(FusionnerSuspensions({{D(2025, 3, 15), D(2025, 3, 20)},
                                  {D(2025, 2, 5), D(2025, 2, 20)},
                                  {D(2025, 3, 10), std::nullopt},
                                  {D(2025, 2, 1), D(2025, 2, 10)},
                                  {D(2025, 2, 20), D(2025, 3, 1)}}),
            (std::vector<PeriodeSuspension>{{D(2025, 2, 1), D(2025, 3, 1)},
                                            {D(2025, 3, 10), std::nullopt}}));
}

// DOMAIN's example, then a réitération on the same decision: the first
// saisine moved the deadline to Monday 31 Mar 2025; the réitération
// suspends it from Thursday 20 Mar to Tuesday 1 Apr (12 days): Saturday 12
// Apr, extended to Monday 14 Apr (no holiday: Easter 2025 is 20 Apr).
TEST(DelaiDeRecoursTest, TheDeadlineCarriesTheSuspensionsOfEverySaisine) {
  SaisineRecue recue = testing::ExempleSaisineRecue("591", D(2025, 3, 18));
  recue.decision_contestee = Cra(D(2025, 1, 10));
  SaisineState reiteration = *Apply(SaisineState{}, recue);
  reiteration.suspensions = {{D(2025, 3, 20), D(2025, 4, 1)}};
  const std::vector<PeriodeSuspension> premiere{
      {D(2025, 2, 10), D(2025, 3, 3)}};

  Echeances seule = CalculerEcheances(reiteration, kMetropole);
  // Alone, the réitération's suspension starts after 10 Mar: no move.
  EXPECT_EQ(seule.recours->expiration, D(2025, 3, 10));

  Echeances e = CalculerEcheances(reiteration, kMetropole, premiere);
  EXPECT_EQ(e.recours->jours_de_suspension, 33);
  EXPECT_EQ(e.recours->expiration, D(2025, 4, 14));
  // The same period seen twice (both saisines listed) moves it once.
  std::vector<PeriodeSuspension> doublee = premiere;
  doublee.push_back({D(2025, 3, 20), D(2025, 4, 1)});
  EXPECT_EQ(
      CalculerEcheances(reiteration, kMetropole, doublee).recours->expiration,
      D(2025, 4, 14));
}

TEST(DelaiDeRecoursTest, SameDecisionIsSameRequesterAndNotification) {
  SaisineRecue a = testing::ExempleSaisineRecue();
  a.decision_contestee = Cra(D(2025, 1, 10));
  SaisineRecue b = a;
  EXPECT_TRUE(MemeDecisionContestee(a, b));
  b.decision_contestee->date_notification = D(2025, 1, 11);
  EXPECT_FALSE(MemeDecisionContestee(a, b));
  b = a;
  b.requerant.nir = "180017512345642";
  EXPECT_FALSE(MemeDecisionContestee(a, b));
  b = a;
  b.decision_contestee.reset();
  EXPECT_FALSE(MemeDecisionContestee(a, b));
  a.requerant.nir.clear();
  EXPECT_FALSE(MemeDecisionContestee(a, a));  // No NIR: cannot tell.
}

// The chain of recourses. Weekdays from date(1) and a printed 2025
// calendar; holidays: Easter 2025 is 20 Apr (Ascension 29 May, Whit Monday
// 9 Jun), none falls on a date below.
SaisineState AvecRecoursCra(Recours recours, D saisine_cra) {
  SaisineRecue recue = testing::ExempleSaisineRecue("591", D(2025, 2, 6));
  recue.decision_contestee =
      DecisionContestee{D(2025, 1, 10), recours, true, ""};
  SaisineState state = *Apply(SaisineState{}, recue);
  state.recours_cra =
      RecoursPrealableDeclare{"CRA-1", saisine_cra, D(2025, 2, 7)};
  return state;
}

TEST(SuiteDuRecoursTest, SilenceOfTheCraMovedByTheMediationThenTribunal) {
  // CRA seized Monday 3 Feb 2025: silence until Thursday 3 Apr; the
  // mediation suspended it from Monday 10 Feb to Monday 3 Mar (21 days):
  // implicit rejection Thursday 24 Apr. Tribunal: 24 Apr + 2 months =
  // Tuesday 24 Jun (the suspension ended before it started: no move).
  SaisineState s = AvecRecoursCra(Recours::kCra, D(2025, 2, 3));
  SuiteDuRecoursEtat suite =
      CalculerSuiteDuRecours(s, {{D(2025, 2, 10), D(2025, 3, 3)}}, kMetropole);
  EXPECT_EQ(suite.commission, Recours::kCra);
  EXPECT_EQ(suite.rejet_implicite, D(2025, 4, 24));
  EXPECT_FALSE(suite.suspendu);
  ASSERT_TRUE(suite.tribunal.has_value());
  EXPECT_EQ(suite.tribunal->recours, Recours::kTribunal);
  EXPECT_EQ(suite.tribunal->notification, D(2025, 4, 24));
  EXPECT_EQ(suite.tribunal->expiration, D(2025, 6, 24));
  EXPECT_EQ(suite.tribunal->jours_de_suspension, 0);
  EXPECT_FALSE(suite.tribunal->non_opposable);
}

TEST(SuiteDuRecoursTest, TheCrasDecisionStartsTheTribunalDeadline) {
  // Decision notified Monday 14 Apr 2025: + 2 months = Saturday 14 Jun,
  // extended to Monday 16 Jun (CPC 642).
  SaisineState s = AvecRecoursCra(Recours::kCra, D(2025, 2, 3));
  s.decision_cra =
      DecisionCraRendue{SensDecisionCra::kRejet, false, D(2025, 4, 14)};
  SuiteDuRecoursEtat suite = CalculerSuiteDuRecours(s, {}, kMetropole);
  EXPECT_EQ(suite.rejet_implicite, D(2025, 4, 3));
  EXPECT_EQ(suite.tribunal->notification, D(2025, 4, 14));
  EXPECT_EQ(suite.tribunal->echeance_initiale, D(2025, 6, 16));
  EXPECT_EQ(suite.tribunal->expiration, D(2025, 6, 16));
  // The decision did not state the recourse: not enforceable.
  EXPECT_TRUE(suite.tribunal->non_opposable);
}

TEST(SuiteDuRecoursTest, TheCmrasSilenceLastsFourMonths) {
  // CMRA seized Monday 3 Feb: 4 months = Tuesday 3 Jun, + 21 days
  // suspended = Tuesday 24 Jun; tribunal 24 Aug, a Sunday: Monday 25 Aug.
  SaisineState s = AvecRecoursCra(Recours::kCmra, D(2025, 2, 3));
  SuiteDuRecoursEtat suite =
      CalculerSuiteDuRecours(s, {{D(2025, 2, 10), D(2025, 3, 3)}}, kMetropole);
  EXPECT_EQ(suite.commission, Recours::kCmra);
  EXPECT_EQ(suite.rejet_implicite, D(2025, 6, 24));
  EXPECT_EQ(suite.tribunal->expiration, D(2025, 8, 25));
}

TEST(SuiteDuRecoursTest, WhileSuspendedNeitherDateIsKnown) {
  SaisineState s = AvecRecoursCra(Recours::kCra, D(2025, 2, 3));
  SuiteDuRecoursEtat suite =
      CalculerSuiteDuRecours(s, {{D(2025, 2, 10), std::nullopt}}, kMetropole);
  EXPECT_TRUE(suite.suspendu);
  EXPECT_EQ(suite.rejet_implicite, std::nullopt);
  EXPECT_EQ(suite.tribunal, std::nullopt);
  // CalculerEcheances carries it.
  s.suspensions = {{D(2025, 2, 10), std::nullopt}};
  EXPECT_EQ(CalculerEcheances(s, kMetropole).suite_du_recours, suite);
}

TEST(EcheancesTest, RefusDeSoinsActsMeetTheirDeadlines) {
  // Received Monday 10 Mar 2025: convocation due Thursday 10 Apr, meeting
  // due Tuesday 10 Jun. Convened Wednesday 12 Mar for Thursday 27 Mar.
  SaisineRecue recue = testing::ExempleSaisineRecue("591", D(2025, 3, 10));
  recue.objet.refus_de_soins = true;
  SaisineState s = *Apply(SaisineState{}, recue);
  s = *Apply(s, ProfessionnelConvoque{D(2025, 3, 27), D(2025, 3, 12)});
  Echeances e = CalculerEcheances(s, kMetropole);
  ASSERT_TRUE(e.refus_de_soins.has_value());
  EXPECT_EQ(e.refus_de_soins->convocation, D(2025, 4, 10));
  EXPECT_EQ(e.refus_de_soins->conciliation, D(2025, 6, 10));
  EXPECT_EQ(e.refus_de_soins->convoque_le, D(2025, 3, 12));
  EXPECT_EQ(e.refus_de_soins->reunion_prevue, D(2025, 3, 27));
  EXPECT_EQ(e.refus_de_soins->conciliation_le, std::nullopt);
  // Done, the convocation no longer orders the queue: the acknowledgement
  // (17 Mar) still does.
  EXPECT_EQ(e.prochaine_echeance, D(2025, 3, 17));
  s = *Apply(s, ConciliationTenue{"", D(2025, 3, 27)});
  EXPECT_EQ(CalculerEcheances(s, kMetropole).refus_de_soins->conciliation_le,
            D(2025, 3, 27));
}

TEST(DelaiDeRecoursTest, NonOpposableAndUnknownDelays) {
  EXPECT_TRUE(CalculerDelaiDeRecours(Cra(D(2025, 1, 10), false), {}, kMetropole)
                  ->non_opposable);
  DecisionContestee expertise{D(2025, 1, 10), Recours::kExpertiseMedicale, true,
                              ""};
  EXPECT_EQ(CalculerDelaiDeRecours(expertise, {}, kMetropole), std::nullopt);
  DecisionContestee sans_recours{D(2025, 1, 10), std::nullopt, false, ""};
  EXPECT_EQ(CalculerDelaiDeRecours(sans_recours, {}, kMetropole), std::nullopt);
}

SaisineState Recue(D reception) {
  SaisineState state;
  state.version = 1;
  state.statut = Statut::kRecue;
  state.recue = testing::ExempleSaisineRecue("591", reception);
  return state;
}

TEST(EcheancesTest, AcknowledgementAndClosureObjective) {
  // Received Saturday 22 Mar 2025: +7 = Saturday 29 Mar -> Monday 31 Mar;
  // +21 = Saturday 12 Apr -> Monday 14 Apr.
  SaisineState state = Recue(D(2025, 3, 22));
  Echeances e = CalculerEcheances(state, kMetropole);
  EXPECT_EQ(e.accuse_reception_du, D(2025, 3, 31));
  EXPECT_EQ(e.objectif_cloture, D(2025, 4, 14));
  EXPECT_EQ(e.prochaine_echeance, D(2025, 3, 31));
  EXPECT_EQ(e.duree_traitement_jours, std::nullopt);

  state.recevabilite = SaisineRecevable{};
  state.recevabilite->date_notification = D(2025, 4, 2);
  state.statut = Statut::kEnInstruction;
  e = CalculerEcheances(state, kMetropole);
  EXPECT_EQ(e.accuse_reception_le, D(2025, 4, 2));
  EXPECT_EQ(e.prochaine_echeance, D(2025, 4, 14));

  state.statut = Statut::kCloturee;
  state.terminee_le = D(2025, 4, 30);
  e = CalculerEcheances(state, kMetropole);
  EXPECT_EQ(e.duree_traitement_jours, 39);
  EXPECT_EQ(e.prochaine_echeance, std::nullopt);
}

// A closing letter sent from "reçue" answers the 7-day rule: acknowledged
// on its date. (Received Saturday 22 March 2025, due Monday 31 March — the
// 29th is a Saturday, as `python3 -c "import calendar;
// print(calendar.month(2025, 3))"` shows.)
TEST(EcheancesTest, AClosingLetterFromRecueIsTheAcknowledgement) {
  SaisineState state = Recue(D(2025, 3, 22));
  state.cloture = SaisineCloturee{IssueCloture::kAbandon, "", D(2025, 3, 27)};
  state.statut = Statut::kCloturee;
  state.terminee_le = D(2025, 3, 27);
  Echeances e = CalculerEcheances(state, kMetropole);
  EXPECT_EQ(e.accuse_reception_le, D(2025, 3, 27));
  Evaluation ar = Evaluer(e.accuse_reception_du, e.accuse_reception_le,
                          DateDEvaluation(state, D(2025, 6, 1)));
  EXPECT_EQ(ar.etat, EtatEcheance::kRespectee);
  // Sent on 2 April instead: acknowledged 2 days late, and no more.
  state.cloture->date = state.terminee_le.emplace(D(2025, 4, 2));
  e = CalculerEcheances(state, kMetropole);
  ar = Evaluer(e.accuse_reception_du, e.accuse_reception_le,
               DateDEvaluation(state, D(2025, 6, 1)));
  EXPECT_EQ(ar.etat, EtatEcheance::kDepassee);
  EXPECT_EQ(ar.jours, 2);
}

// A saisine ended without acknowledgement (a judicial recourse two days
// after receipt) is evaluated on its end: not late, and never later.
TEST(EcheancesTest, AnEndedSaisineStopsCountingDaysLate) {
  SaisineState state = Recue(D(2025, 3, 22));
  state.statut = Statut::kRecoursContentieux;
  state.recours_contentieux_le = D(2025, 3, 24);
  state.terminee_le = D(2025, 3, 24);
  const Echeances e = CalculerEcheances(state, kMetropole);
  EXPECT_EQ(e.accuse_reception_le, std::nullopt);
  EXPECT_EQ(DateDEvaluation(state, D(2025, 6, 1)), D(2025, 3, 24));
  const Evaluation ar = Evaluer(e.accuse_reception_du, e.accuse_reception_le,
                                DateDEvaluation(state, D(2025, 6, 1)));
  EXPECT_EQ(ar.etat, EtatEcheance::kAVenir);
  EXPECT_EQ(ar.jours, 7);  // 24 March to 31 March, frozen.
  // While it runs, today counts.
  state.statut = Statut::kRecue;
  state.terminee_le.reset();
  EXPECT_EQ(DateDEvaluation(state, D(2025, 6, 1)), D(2025, 6, 1));
}

TEST(EcheancesTest, AlsaceMoselleGoodFriday) {
  // Received Friday 11 Apr 2025: +7 = Good Friday 18 Apr.
  EXPECT_EQ(
      CalculerEcheances(Recue(D(2025, 4, 11)), kMetropole).accuse_reception_du,
      D(2025, 4, 18));
  EXPECT_EQ(CalculerEcheances(Recue(D(2025, 4, 11)), Calendrier::kAlsaceMoselle)
                .accuse_reception_du,
            D(2025, 4, 22));
}

TEST(EcheancesTest, RefusDeSoinsDeadlines) {
  // Received 31 Jan 2025: 8 days = Saturday 8 Feb -> Monday 10 Feb;
  // 1 month = Friday 28 Feb; 3 months = Wednesday 30 Apr.
  SaisineState state = Recue(D(2025, 1, 31));
  state.recue.objet.refus_de_soins = true;
  Echeances e = CalculerEcheances(state, kMetropole);
  ASSERT_TRUE(e.refus_de_soins.has_value());
  EXPECT_EQ(e.refus_de_soins->accuse_reception, D(2025, 2, 10));
  EXPECT_EQ(e.refus_de_soins->convocation, D(2025, 2, 28));
  EXPECT_EQ(e.refus_de_soins->conciliation, D(2025, 4, 30));
}

TEST(EcheancesTest, UnacknowledgedSaisineIsAsUrgentAsTheAppealDeadline) {
  // Received Wednesday 5 Mar, decision notified 7 Jan: the CRA deadline
  // (Friday 7 Mar) comes before the acknowledgement (12 Mar).
  SaisineState state = Recue(D(2025, 3, 5));
  state.recue.decision_contestee = Cra(D(2025, 1, 7));  // -> 7 Mar.
  Echeances e = CalculerEcheances(state, kMetropole);
  EXPECT_EQ(e.recours->expiration, D(2025, 3, 7));
  EXPECT_EQ(e.prochaine_echeance, D(2025, 3, 7));
}

TEST(EvaluerTest, PendingMetAndLate) {
  const D du(2025, 3, 31);
  auto check = [](Evaluation e, EtatEcheance etat, int jours) {
    EXPECT_EQ(e.etat, etat);
    EXPECT_EQ(e.jours, jours);
  };
  check(Evaluer(du, std::nullopt, D(2025, 3, 25)), EtatEcheance::kAVenir, 6);
  check(Evaluer(du, std::nullopt, du), EtatEcheance::kAVenir, 0);
  check(Evaluer(du, std::nullopt, D(2025, 4, 3)), EtatEcheance::kDepassee, 3);
  check(Evaluer(du, du, D(2025, 5, 1)), EtatEcheance::kRespectee, 0);
  check(Evaluer(du, D(2025, 4, 2), D(2025, 5, 1)), EtatEcheance::kDepassee, 2);
}

}  // namespace
}  // namespace mediation
