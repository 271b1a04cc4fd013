// Property: for random sequences of valid acts, the state (and deadlines)
// the store keeps after each append equal the fold of the log read back, and
// a rebuild of the projections from the log gives the same bytes.
#include <random>

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "domain/echeances.h"
#include "domain/saisine_testing.h"
#include "gtest/gtest.h"
#include "storage/saisine_projection.h"
#include "storage/statistiques.h"
#include "storage/test_util.h"

namespace mediation {
namespace {

using D = absl::CivilDay;
using Events = std::vector<SaisineEvent>;

constexpr D kToday{2025, 6, 30};

template <typename E>
E Pick(std::mt19937& random, int max) {
  return static_cast<E>(std::uniform_int_distribution<int>(1, max)(random));
}

D DayBetween(std::mt19937& random, D from, D to) {
  return from + std::uniform_int_distribution<int>(
                    0, static_cast<int>(to - from))(random);
}

// One random act on `state`, decided by the domain (often refused).
absl::StatusOr<Events> ActeAleatoire(const SaisineState& s,
                                     std::mt19937& random) {
  const D date = DayBetween(random, s.recue.date_reception, kToday);
  // Acts that end a saisine are drawn less often, so that walks are long.
  static const std::discrete_distribution<int> kActe(
      {3, 1, 1, 3, 2, 3, 3, 3, 1, 1});
  auto acte = kActe;
  switch (acte(random)) {
    case 0: {
      SaisineRecevable acte;
      acte.fondement = Pick<FondementRecevabilite>(random, kFondementMax);
      acte.motif_premiere_intention =
          Pick<MotifPremiereIntention>(random, kMotifPremiereIntentionMax);
      acte.exception = Pick<ExceptionRecevabilite>(random, kExceptionMax);
      acte.justification = "Urgence sociale";
      acte.date_notification = date;
      return DeciderRecevabilite(s, acte, kToday, Calendrier::kAlsaceMoselle);
    }
    case 1:
      return DeciderIrrecevabilite(
          s,
          {Pick<MotifIrrecevabilite>(random, kMotifIrrecevabiliteMax), "Motif",
           Pick<Destination>(random, kDestinationMax), date},
          kToday);
    case 2:
      return DeciderOrientation(
          s, {Pick<Destination>(random, kDestinationMax), "", date}, kToday);
    case 3:
      return DeciderEchange(
          s, {date, Pick<Interlocuteur>(random, kInterlocuteurMax), "Échange"},
          kToday);
    case 4: {
      DonneesRectifiees acte{s.recue, "Correction", date};
      acte.corrigee.requerant.nom = absl::StrCat("Nom-", random() % 1000);
      return DeciderRectification(s, acte, kToday,
                                  CaisseReferentielParDefaut());
    }
    case 5:
      return DeciderRecommandation(
          s,
          {Pick<TypeRecommandation>(random, kTypeRecommandationMax), "Avis",
           date},
          kToday);
    case 6:
      return DeciderDecisionDirection(s, {random() % 2 == 0, "", date}, kToday);
    case 7:
      return DeciderConclusions(s, {date}, kToday);
    case 8:
      return DeciderRecoursContentieux(s, {date}, kToday);
    default:
      return DeciderCloture(
          s, {Pick<IssueCloture>(random, kIssueClotureMax), "", date}, kToday);
  }
}

// Saisine s<i>: a receipt in the first half of 2025, with a contested
// decision one time in two and a refus de soins one in five.
AppendRequest DepotAleatoire(int i, std::mt19937& random) {
  SaisineRecue recue = testing::ExempleSaisineRecue(
      "571", DayBetween(random, D(2025, 1, 1), D(2025, 6, 1)));
  if (random() % 2 == 0) {
    recue.decision_contestee = DecisionContestee{
        recue.date_reception - static_cast<int>(random() % 90),
        Pick<Recours>(random, kRecoursMax), random() % 3 != 0, ""};
  }
  recue.objet.refus_de_soins = random() % 5 == 0;
  AppendRequest request;
  request.stream_id = absl::StrCat("s", i);
  request.expected = ExpectedVersion::NoStream();
  request.events.push_back({absl::StrCat("s", i, "-1"), recue});
  return request;
}

TEST(ReplayPropertyTest, StoredStateEqualsTheFoldOfTheLog) {
  testing::TempDir dir;
  ManualClock clock(absl::FromUnixSeconds(1751000000));
  auto store = testing::OpenStore(dir.path(), &clock);
  std::mt19937 random(20251123);  // Fixed: the test is deterministic.
  constexpr int kSaisines = 60;
  for (int i = 0; i < kSaisines; ++i) {
    ASSERT_OK(store->events().Append(DepotAleatoire(i, random)));
  }
  int appended = 0;
  for (int step = 0; step < 3000; ++step) {
    const std::string id = absl::StrCat("s", random() % kSaisines);
    ASSERT_OK_AND_ASSIGN(SaisineRecord before,
                         GetSaisine(store->projections(), id));
    absl::StatusOr<Events> events = ActeAleatoire(before.state, random);
    if (!events.ok()) continue;
    AppendRequest request;
    request.stream_id = id;
    request.expected = ExpectedVersion::Exactly(before.state.version);
    for (SaisineEvent& event : *events) {
      request.events.push_back(
          {absl::StrCat(id, "-",
                        before.state.version + 1 + request.events.size()),
           std::move(event)});
    }
    clock.Advance(absl::Minutes(1));
    ASSERT_OK(store->events().Append(std::move(request)));
    ++appended;

    ASSERT_OK_AND_ASSIGN(SaisineRecord stored,
                         GetSaisine(store->projections(), id));
    ASSERT_OK_AND_ASSIGN(std::vector<RecordedEvent> log,
                         store->events().ReadStream(id, 1, 1000));
    std::vector<SaisineEvent> replayed;
    for (const RecordedEvent& e : log) replayed.push_back(e.event);
    ASSERT_OK_AND_ASSIGN(SaisineState folded, Replay(replayed));
    ASSERT_EQ(stored.state, folded) << id << " at step " << step;
    ASSERT_EQ(CalculerEcheances(stored.state, Calendrier::kAlsaceMoselle),
              CalculerEcheances(folded, Calendrier::kAlsaceMoselle));
  }
  // The walk went through the life of many saisines, not just a few acts.
  EXPECT_GT(appended, 200);
  int ended = 0;
  for (int i = 0; i < kSaisines; ++i) {
    ASSERT_OK_AND_ASSIGN(
        SaisineRecord record,
        GetSaisine(store->projections(), absl::StrCat("s", i)));
    ended += record.state.termine() ? 1 : 0;
  }
  EXPECT_GT(ended, kSaisines / 2);
  EXPECT_OK(store->projections().Verify());

  // A rebuild that folds the streams in several passes over the log (as on
  // a store too large to fold at once) builds the same bytes: Verify
  // compares what the appends wrote with such a build, then the build
  // replaces them and a one-pass build compares again.
  ASSERT_OK_AND_ASSIGN(
      auto statistiques,
      LireStatistiques(store->projections(), PerimetreNational(),
                       absl::CivilMonth(2024, 1), absl::CivilMonth(2025, 12)));
  store.reset();
  RocksDbStoreOptions options;
  options.sync = false;
  options.clock = &clock;
  options.rebuild_events_per_pass = 97;  // About 15 passes.
  ASSERT_OK_AND_ASSIGN(
      store,
      RocksDbStore::Open(dir.path(), options, testing::DefaultProjections()));
  EXPECT_OK(store->projections().Verify());
  ASSERT_OK(store->projections().Rebuild());
  ASSERT_OK_AND_ASSIGN(
      auto rebuilt,
      LireStatistiques(store->projections(), PerimetreNational(),
                       absl::CivilMonth(2024, 1), absl::CivilMonth(2025, 12)));
  EXPECT_EQ(rebuilt.par_mois, statistiques.par_mois);
  EXPECT_FALSE(rebuilt.par_mois.empty());
  store.reset();
  options.rebuild_events_per_pass = 1'000'000;
  ASSERT_OK_AND_ASSIGN(
      store,
      RocksDbStore::Open(dir.path(), options, testing::DefaultProjections()));
  EXPECT_OK(store->projections().Verify());
}

}  // namespace
}  // namespace mediation
