#include "domain/statistiques.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "domain/saisine.h"
#include "domain/saisine_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation {

void PrintTo(const Contribution& c, std::ostream* os) {
  *os << c.mois << " " << c.dimension << "/" << c.valeur;
}

namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Pair;

SaisineState Fold(const std::vector<SaisineEvent>& events) {
  SaisineState state;
  for (const SaisineEvent& event : events) {
    absl::StatusOr<SaisineState> next = Apply(state, event);
    EXPECT_TRUE(next.ok()) << next.status();
    if (next.ok()) state = *std::move(next);
  }
  return state;
}

SaisineRecevable Recevable(absl::CivilDay date) {
  SaisineRecevable recevable;
  recevable.date_notification = date;
  return recevable;
}

SaisineCloturee Cloturee(absl::CivilDay date) {
  SaisineCloturee cloture;
  cloture.date = date;
  return cloture;
}

// The events of a saisine received on 2025-03-10, acknowledged on the 12th,
// closed on the 20th.
std::vector<SaisineEvent> Cycle() {
  return {testing::ExempleSaisineRecue("591", absl::CivilDay(2025, 3, 10)),
          Recevable(absl::CivilDay(2025, 3, 12)),
          Cloturee(absl::CivilDay(2025, 3, 20))};
}

bool Sorted(const Contributions& contributions) {
  for (size_t i = 1; i < contributions.size(); ++i) {
    if (!(contributions[i - 1].first < contributions[i].first)) return false;
  }
  return true;
}

TEST(StatistiquesTest, NothingBeforeTheSaisineExists) {
  EXPECT_THAT(ContributionsDe(SaisineState{}, Calendrier::kMetropole),
              IsEmpty());
  EXPECT_THAT(Deltas(SaisineState{}, SaisineState{}, Calendrier::kMetropole),
              IsEmpty());
}

TEST(StatistiquesTest, AReceivedSaisineCountsInItsMonthOfReceipt) {
  const SaisineState recue = Fold({Cycle()[0]});
  const Contributions contributions =
      ContributionsDe(recue, Calendrier::kMetropole);
  EXPECT_TRUE(Sorted(contributions));
  const absl::CivilMonth mars(2025, 3);
  EXPECT_THAT(contributions,
              Contains(Pair(Contribution{mars, dimension::kSaisines, ""}, 1)));
  EXPECT_THAT(contributions,
              Contains(Pair(
                  Contribution{mars, dimension::kCommune, "Valenciennes"}, 1)));
  for (const auto& [contribution, amount] : contributions) {
    EXPECT_EQ(contribution.mois, mars);
    EXPECT_NE(contribution.dimension, dimension::kTerminees);
  }
  // Its first event moves every counter it counts for.
  EXPECT_EQ(Deltas(SaisineState{}, recue, Calendrier::kMetropole),
            contributions);
}

TEST(StatistiquesTest, DeltasAreWhatAnEventChangesNonZeroAndSorted) {
  const std::vector<SaisineEvent> events = Cycle();
  const SaisineState recue = Fold({events[0]});
  const SaisineState recevable = Fold({events[0], events[1]});
  const SaisineState cloturee = Fold(events);
  const absl::CivilMonth mars(2025, 3);

  const Contributions acquittee =
      Deltas(recue, recevable, Calendrier::kMetropole);
  EXPECT_TRUE(Sorted(acquittee));
  EXPECT_THAT(
      acquittee,
      Contains(Pair(Contribution{mars, dimension::kAcquittees, ""}, 1)));
  const std::string fondement =
      absl::StrCat(static_cast<int>(recevable.recevabilite->fondement));
  EXPECT_THAT(
      acquittee,
      Contains(Pair(Contribution{mars, dimension::kCompetence, fondement}, 1)));
  for (const auto& [contribution, amount] : acquittee) {
    EXPECT_NE(amount, 0);
    EXPECT_NE(contribution.dimension, dimension::kSaisines);
  }

  const Contributions terminee =
      Deltas(recevable, cloturee, Calendrier::kMetropole);
  EXPECT_TRUE(Sorted(terminee));
  EXPECT_THAT(terminee,
              Contains(Pair(Contribution{mars, dimension::kTerminees, ""}, 1)));
  // Ten days from receipt to closure.
  EXPECT_THAT(
      terminee,
      Contains(Pair(Contribution{mars, dimension::kDureeTotale, ""}, 10)));

  // Undone, an event moves the same counters back.
  Contributions back = Deltas(cloturee, recevable, Calendrier::kMetropole);
  for (auto& [contribution, amount] : back) amount = -amount;
  EXPECT_EQ(back, terminee);
  EXPECT_THAT(Deltas(cloturee, cloturee, Calendrier::kMetropole), IsEmpty());
}

TEST(StatistiquesTest, DeltasAddUpToTheLastStatesContributions) {
  const std::vector<SaisineEvent> events = Cycle();
  std::map<Contribution, int64_t> sums;
  SaisineState state;
  for (const SaisineEvent& event : events) {
    absl::StatusOr<SaisineState> applied = Apply(state, event);
    ASSERT_TRUE(applied.ok()) << applied.status();
    for (const auto& [contribution, delta] :
         Deltas(state, *applied, Calendrier::kMetropole)) {
      sums[contribution] += delta;
    }
    state = *std::move(applied);
  }
  Contributions nonzero;
  for (const auto& [contribution, sum] : sums) {
    if (sum != 0) nonzero.emplace_back(contribution, sum);
  }
  EXPECT_EQ(nonzero, ContributionsDe(state, Calendrier::kMetropole));
}

}  // namespace
}  // namespace mediation
