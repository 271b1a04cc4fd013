#include "storage/saisine_projection.h"

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "domain/caisse_defaut.h"
#include "domain/saisine_testing.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/keys.h"
#include "storage/statistiques.h"
#include "storage/test_util.h"

namespace mediation {
namespace {

using ::mediation::testing::ExempleSaisineRecue;
using ::mediation::testing::StatusIs;

class SaisineProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenStore(dir_.path(), &clock_);
    // 10 saisines: ids s0..s9, received 1..10 March, caisse 591 for even
    // ones and 751 for odd ones.
    for (int i = 0; i < 10; ++i) {
      AppendRequest request;
      request.stream_id = absl::StrCat("s", i);
      request.expected = ExpectedVersion::NoStream();
      request.events.push_back(
          NewEvent{absl::StrCat("e", i),
                   ExempleSaisineRecue(i % 2 == 0 ? "591" : "751",
                                       absl::CivilDay(2025, 3, 1 + i))});
      ASSERT_OK(store_->events().Append(std::move(request)));
      clock_.Advance(absl::Minutes(1));
    }
  }

  static SaisineFilter Caisse(const std::string& caisse) {
    SaisineFilter filter;
    filter.caisse = caisse;
    return filter;
  }

  std::vector<std::string> Ids(const SaisinePage& page) {
    std::vector<std::string> ids;
    for (const auto& record : page.saisines) ids.push_back(record.saisine_id);
    return ids;
  }

  testing::TempDir dir_;
  ManualClock clock_{absl::FromUnixSeconds(1741600000)};
  std::unique_ptr<RocksDbStore> store_;
};

// Attack: a caisse value that extends another's key prefix ("591/2025" once
// listed 591's saisines received in 2025). Caisses are length-prefixed in
// keys: such a value lists nothing, nor does a prefix of a code.
TEST_F(SaisineProjectionTest, NoCaisseValueExtendsAnotherCaissePrefix) {
  // ("591/20250301" + "/" was the prefix of s0's key under the old encoding.)
  for (const char* forged :
       {"591/20250301", "591/2025", "591/", "59", "5", "591/02/2025"}) {
    ASSERT_OK_AND_ASSIGN(
        SaisinePage page,
        ListSaisines(store_->projections(), Caisse(forged), 50, ""));
    EXPECT_TRUE(page.saisines.empty()) << forged;
    ASSERT_OK_AND_ASSIGN(page,
                         ListParUrgence(store_->projections(), forged, 50, ""));
    EXPECT_TRUE(page.saisines.empty()) << forged;
  }
}

// The requester index holds HMAC(key, NIR): neither the NIR nor its bare
// SHA-256 (reversible by enumerating the NIRs) is in any key, and another
// key finds nothing.
TEST_F(SaisineProjectionTest, TheRequesterIndexIsKeyedByAnHmac) {
  const std::string nir = ExempleSaisineRecue().requerant.nir;
  // sha256("269054958815780"), as `printf %s NIR | sha256sum` gives it:
  // what the index held before.
  const std::string bare_sha256 =
      "1e5e345b88fe9441ee2f0f0c5f23458f02e28a940a208521a9ae7cea58b2060c";
  std::vector<std::string> index_keys;
  ASSERT_OK(store_->projections().Scan(
      "r/", "r0", false, [&](absl::string_view key, absl::string_view) {
        index_keys.emplace_back(key);
        return true;
      }));
  ASSERT_EQ(index_keys.size(), 10u);
  for (const std::string& key : index_keys) {
    EXPECT_EQ(key.find(nir), std::string::npos);
    EXPECT_EQ(key.find(bare_sha256), std::string::npos);
    EXPECT_NE(key.find(testing::TestNirIndexKey().Digest(nir)),
              std::string::npos);
  }
  ASSERT_OK_AND_ASSIGN(
      std::vector<SaisineRecord> found,
      ListParRequerant(store_->projections(), testing::TestNirIndexKey(), "591",
                       nir));
  EXPECT_EQ(found.size(), 5u);
  const NirIndexKey other = NirIndexKey::FromBytes(std::string(32, 'k'));
  ASSERT_OK_AND_ASSIGN(
      found, ListParRequerant(store_->projections(), other, "591", nir));
  EXPECT_TRUE(found.empty());
}

TEST_F(SaisineProjectionTest, GetReturnsStateAndTimes) {
  ASSERT_OK_AND_ASSIGN(SaisineRecord record,
                       GetSaisine(store_->projections(), "s3"));
  EXPECT_EQ(record.state.version, 1u);
  EXPECT_EQ(record.state.statut, Statut::kRecue);
  EXPECT_EQ(record.state.recue.caisse, "751");
  EXPECT_EQ(record.enregistree_le,
            absl::FromUnixSeconds(1741600000) + absl::Minutes(3));
  EXPECT_THAT(GetSaisine(store_->projections(), "nope"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(SaisineProjectionTest, ListsByCaisseMostRecentFirst) {
  ASSERT_OK_AND_ASSIGN(SaisinePage page, ListSaisines(store_->projections(),
                                                      Caisse("591"), 50, ""));
  EXPECT_EQ(Ids(page),
            (std::vector<std::string>{"s8", "s6", "s4", "s2", "s0"}));
  EXPECT_TRUE(page.next_page_token.empty());
}

TEST_F(SaisineProjectionTest, FiltersByStatusAndDateRange) {
  SaisineFilter filter;
  filter.statut = Statut::kRecue;
  filter.recue_depuis = absl::CivilDay(2025, 3, 3);
  filter.recue_jusqu_au = absl::CivilDay(2025, 3, 5);
  ASSERT_OK_AND_ASSIGN(SaisinePage page,
                       ListSaisines(store_->projections(), filter, 50, ""));
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"s4", "s3", "s2"}));
  filter.caisse = "751";
  ASSERT_OK_AND_ASSIGN(page,
                       ListSaisines(store_->projections(), filter, 50, ""));
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"s3"}));
}

TEST_F(SaisineProjectionTest, PaginatesWithoutGapsOrRepeats) {
  std::vector<std::string> all;
  std::string token;
  int pages = 0;
  do {
    ASSERT_OK_AND_ASSIGN(
        SaisinePage page,
        ListSaisines(store_->projections(), SaisineFilter{}, 3, token));
    for (const auto& id : Ids(page)) all.push_back(id);
    token = page.next_page_token;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 4);  // 3 + 3 + 3 + 1.
  EXPECT_EQ(all, (std::vector<std::string>{"s9", "s8", "s7", "s6", "s5", "s4",
                                           "s3", "s2", "s1", "s0"}));
}

TEST_F(SaisineProjectionTest, ForeignPageTokenIsInvalid) {
  ASSERT_OK_AND_ASSIGN(SaisinePage page, ListSaisines(store_->projections(),
                                                      Caisse("591"), 2, ""));
  ASSERT_FALSE(page.next_page_token.empty());
  EXPECT_THAT(ListSaisines(store_->projections(), Caisse("751"), 2,
                           page.next_page_token),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ListSaisines(store_->projections(), {}, 2, "!!not base64!!"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// Listings without a status merge those of each status: saisines in
// several statuses come in one order, most recent first, across pages of
// any size, with a date range and a filter, and nothing is stored for them.
TEST_F(SaisineProjectionTest, ListingsOfEveryStatusMergeTheStatuses) {
  auto act = [&](const std::string& id, SaisineEvent event) {
    AppendRequest request;
    request.stream_id = id;
    request.expected = ExpectedVersion::Exactly(1);
    request.events.push_back(
        NewEvent{absl::StrCat(id, "-2"), std::move(event)});
    return store_->events().Append(std::move(request));
  };
  SaisineRecevable recevable;
  recevable.date_notification = absl::CivilDay(2025, 3, 12);
  ASSERT_OK(act("s8", recevable));
  ASSERT_OK(act("s2", recevable));
  ASSERT_OK(act("s5", SaisineCloturee{IssueCloture::kAbandon, "",
                                      absl::CivilDay(2025, 3, 12)}));
  SaisineIrrecevable irrecevable;
  irrecevable.explication = "hors champ";
  irrecevable.date_notification = absl::CivilDay(2025, 3, 12);
  ASSERT_OK(act("s1", irrecevable));
  ASSERT_OK(act("s4", irrecevable));

  auto all_pages = [&](const SaisineFilter& filter, size_t page_size,
                       std::string token = "") {
    std::vector<std::string> ids;
    do {
      absl::StatusOr<SaisinePage> page =
          ListSaisines(store_->projections(), filter, page_size, token);
      EXPECT_OK(page);
      if (!page.ok()) break;
      for (const auto& id : Ids(*page)) ids.push_back(id);
      token = page->next_page_token;
    } while (!token.empty());
    return ids;
  };
  for (size_t page_size : {1, 2, 3, 50}) {
    EXPECT_EQ(all_pages(Caisse("591"), page_size),
              (std::vector<std::string>{"s8", "s6", "s4", "s2", "s0"}))
        << page_size;
    EXPECT_EQ(all_pages(SaisineFilter{}, page_size),
              (std::vector<std::string>{"s9", "s8", "s7", "s6", "s5", "s4",
                                        "s3", "s2", "s1", "s0"}))
        << page_size;
  }
  SaisineFilter range;
  range.recue_depuis = absl::CivilDay(2025, 3, 3);
  range.recue_jusqu_au = absl::CivilDay(2025, 3, 8);
  EXPECT_EQ(all_pages(range, 2),
            (std::vector<std::string>{"s7", "s6", "s5", "s4", "s3", "s2"}));
  SaisineFilter ouvertes;
  ouvertes.garder = [](const SaisineRecord& record) {
    return !EstTerminal(*record.state.statut);
  };
  EXPECT_EQ(
      all_pages(ouvertes, 2),
      (std::vector<std::string>{"s9", "s8", "s7", "s6", "s3", "s2", "s0"}));
  // With a status, one status only.
  SaisineFilter instruites = Caisse("591");
  instruites.statut = Statut::kEnInstruction;
  EXPECT_EQ(all_pages(instruites, 1), (std::vector<std::string>{"s8", "s2"}));
  // A token in the format of the keys once stored for these listings
  // (x/c/<caisse>/<day>/<id>) still continues past its saisine.
  EXPECT_EQ(all_pages(Caisse("591"), 2, "x/c/3:591/20250305/s4"),
            (std::vector<std::string>{"s2", "s0"}));
  EXPECT_EQ(all_pages(SaisineFilter{}, 4, "x/d/20250305/s4"),
            (std::vector<std::string>{"s3", "s2", "s1", "s0"}));
  // A saisine read under two statuses (its status changed between the
  // reads of each) is listed once.
  rocksdb::DB* db = store_->database().db();
  const std::string stale = "x/s/02/20250306/s5";  // s5 is closed (05).
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), store_->database().projections(),
                      stale, "")
                  .ok());
  for (size_t page_size : {1, 2, 50}) {
    EXPECT_EQ(all_pages(SaisineFilter{}, page_size),
              (std::vector<std::string>{"s9", "s8", "s7", "s6", "s5", "s4",
                                        "s3", "s2", "s1", "s0"}))
        << page_size;
  }
  ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(),
                         store_->database().projections(), stale)
                  .ok());
  // Nothing is stored under those prefixes any more.
  for (const std::string prefix : {"x/c/", "x/d/"}) {
    int stored = 0;
    ASSERT_OK(store_->projections().Scan(
        prefix, PrefixEnd(prefix), /*reverse=*/false,
        [&](absl::string_view, absl::string_view) { return ++stored, true; }));
    EXPECT_EQ(stored, 0) << prefix;
  }
  EXPECT_OK(store_->projections().Verify());
}

// The statistics count a saisine with its caisse's calendar, in an append
// as in a rebuild: in Alsace-Moselle, 26 December is a holiday, so the
// 21-day target of a saisine received on 5 December 2025 moves from Friday
// 26 to Monday 29, and a closure on the 29th meets it there only.
TEST_F(SaisineProjectionTest, ARebuildCountsWithTheCaissesCalendar) {
  auto append = [&](const std::string& id, uint64_t version,
                    SaisineEvent event) {
    AppendRequest request;
    request.stream_id = id;
    request.expected = version == 0 ? ExpectedVersion::NoStream()
                                    : ExpectedVersion::Exactly(version);
    request.events.push_back(
        NewEvent{absl::StrCat(id, "-", version + 1), std::move(event)});
    return store_->events().Append(std::move(request)).status();
  };
  const absl::CivilDay reception(2025, 12, 5);
  SaisineRecevable recevable;
  recevable.date_notification = reception + 3;
  SaisineCloturee cloture;
  cloture.date = absl::CivilDay(2025, 12, 29);
  // 671: CPAM du Bas-Rhin; 591: CPAM du Nord.
  for (const std::string caisse : {"671", "591"}) {
    const std::string id = absl::StrCat("noel-", caisse);
    ASSERT_OK(append(id, 0, ExempleSaisineRecue(caisse, reception)));
    ASSERT_OK(append(id, 1, recevable));
    ASSERT_OK(append(id, 2, cloture));
  }
  auto terminees_dans_objectif = [&](const std::string& caisse) {
    absl::StatusOr<TableauStatistiques> tableau = LireStatistiques(
        store_->projections(), PerimetreCaisse(caisse),
        absl::CivilMonth(2025, 12), absl::CivilMonth(2025, 12));
    EXPECT_OK(tableau.status());
    return tableau.ok()
               ? tableau->par_dimension[dimension::kTermineesDansObjectif][""]
               : -1;
  };
  EXPECT_EQ(terminees_dans_objectif("671"), 1);
  EXPECT_EQ(terminees_dans_objectif("591"), 0);
  EXPECT_OK(store_->projections().Verify());
  ASSERT_OK(store_->projections().Rebuild());
  EXPECT_EQ(terminees_dans_objectif("671"), 1);
  EXPECT_EQ(terminees_dans_objectif("591"), 0);
}

// A rectification that moves a closed saisine to a caisse with another
// calendar, as a log written by another system may hold
// (DeciderRectification refuses it): the rebuild counts the state before it
// with the new caisse's calendar, as Apply does, so that the counters it
// folds equal those the appends merged. Received 5 December 2025 in the
// Nord (591) and closed on the 29th, it missed the 21-day target there; in
// the Bas-Rhin (671), where the 26th is a holiday, it met it before the
// rectification as after: the move adds no closure within target to 671.
TEST_F(SaisineProjectionTest, ARebuildFoldsARectificationThatMovesTheCaisse) {
  auto append = [&](uint64_t version, SaisineEvent event) {
    AppendRequest request;
    request.stream_id = "noel";
    request.expected = version == 0 ? ExpectedVersion::NoStream()
                                    : ExpectedVersion::Exactly(version);
    request.events.push_back(
        NewEvent{absl::StrCat("noel-", version + 1), std::move(event)});
    return store_->events().Append(std::move(request)).status();
  };
  const absl::CivilDay reception(2025, 12, 5);
  const SaisineRecue recue = ExempleSaisineRecue("591", reception);
  ASSERT_OK(append(0, recue));
  SaisineRecevable recevable;
  recevable.date_notification = reception + 3;
  ASSERT_OK(append(1, recevable));
  SaisineCloturee cloture;
  cloture.date = absl::CivilDay(2025, 12, 29);
  ASSERT_OK(append(2, cloture));
  SaisineRecue moved = recue;
  moved.caisse = "671";
  ASSERT_OK(append(3, DonneesRectifiees{moved, "Caisse mal saisie",
                                        absl::CivilDay(2026, 1, 5)}));
  auto table = [&](const std::string& caisse) {
    absl::StatusOr<TableauStatistiques> tableau = LireStatistiques(
        store_->projections(), PerimetreCaisse(caisse),
        absl::CivilMonth(2025, 12), absl::CivilMonth(2025, 12));
    EXPECT_OK(tableau.status());
    return tableau.ok() ? tableau->par_dimension
                        : decltype(tableau->par_dimension)();
  };
  const auto in_591 = table("591");
  const auto in_671 = table("671");
  auto dans_objectif = [](const auto& par_dimension) {
    const auto it = par_dimension.find(dimension::kTermineesDansObjectif);
    return it == par_dimension.end() || !it->second.contains("")
               ? 0
               : it->second.at("");
  };
  EXPECT_EQ(dans_objectif(in_591), 0);
  EXPECT_EQ(dans_objectif(in_671), 0);
  EXPECT_OK(store_->projections().Verify());
  ASSERT_OK(store_->projections().Rebuild());
  EXPECT_EQ(table("591"), in_591);
  EXPECT_EQ(table("671"), in_671);
  ASSERT_OK_AND_ASSIGN(SaisineRecord rebuilt,
                       GetSaisine(store_->projections(), "noel"));
  EXPECT_EQ(rebuilt.state.recue.caisse, "671");
  EXPECT_EQ(rebuilt.state.version, 4u);
  EXPECT_OK(store_->projections().Verify());
}

std::vector<std::string> Ids(const SaisinePage& page) {
  std::vector<std::string> ids;
  for (const auto& record : page.saisines) ids.push_back(record.saisine_id);
  return ids;
}

TEST(UrgenceTest, QueueOrderedByNextDeadlineAndFollowsTheActs) {
  testing::TempDir dir;
  ManualClock clock(absl::FromUnixSeconds(1741600000));
  auto store = testing::OpenStore(dir.path(), &clock);
  auto append = [&](const std::string& id, ExpectedVersion expected,
                    SaisineEvent event) {
    AppendRequest request;
    request.stream_id = id;
    request.expected = expected;
    request.events.push_back(
        NewEvent{absl::StrCat(id, "-", absl::ToUnixSeconds(clock.Now())),
                 std::move(event)});
    clock.Advance(absl::Seconds(1));
    return store->events().Append(std::move(request));
  };
  // Received 17, 3 and 10 March (Mondays): acknowledgements due 24, 10 and
  // 17 March.
  ASSERT_OK(append("b", ExpectedVersion::NoStream(),
                   ExempleSaisineRecue("591", absl::CivilDay(2025, 3, 17))));
  ASSERT_OK(append("a", ExpectedVersion::NoStream(),
                   ExempleSaisineRecue("591", absl::CivilDay(2025, 3, 3))));
  ASSERT_OK(append("c", ExpectedVersion::NoStream(),
                   ExempleSaisineRecue("591", absl::CivilDay(2025, 3, 10))));
  ASSERT_OK(append("z", ExpectedVersion::NoStream(),
                   ExempleSaisineRecue("751", absl::CivilDay(2025, 3, 1))));
  ASSERT_OK_AND_ASSIGN(SaisinePage page,
                       ListParUrgence(store->projections(), "591", 10, ""));
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"a", "c", "b"}));

  // "a" acknowledged: its next deadline becomes the closure objective
  // (24 Mar), after c's acknowledgement (17 Mar), before b's (24 Mar, then
  // by id).
  SaisineRecevable recevable;
  recevable.date_notification = absl::CivilDay(2025, 3, 5);
  ASSERT_OK(append("a", ExpectedVersion::Exactly(1), recevable));
  ASSERT_OK_AND_ASSIGN(page,
                       ListParUrgence(store->projections(), "591", 10, ""));
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"c", "a", "b"}));

  // Closed: out of the queue. Pages follow each other.
  ASSERT_OK(append("c", ExpectedVersion::Exactly(1),
                   SaisineCloturee{IssueCloture::kAbandon, "",
                                   absl::CivilDay(2025, 3, 11)}));
  ASSERT_OK_AND_ASSIGN(page,
                       ListParUrgence(store->projections(), "591", 1, ""));
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"a"}));
  ASSERT_OK_AND_ASSIGN(page, ListParUrgence(store->projections(), "591", 1,
                                            page.next_page_token));
  EXPECT_EQ(Ids(page), (std::vector<std::string>{"b"}));
  EXPECT_TRUE(page.next_page_token.empty());
  EXPECT_OK(store->projections().Verify());
}

// The keys of the counter tables are the stored format: a store written
// before keeps its figures only if they do not move.
TEST(StatistiquesTest, CounterTableKeysAreTheStoredFormat) {
  ASSERT_OK_AND_ASSIGN(const CaisseReferentiel referentiel,
                       ParseCaisseReferentiel(kCaisseReferentielParDefaut));
  EXPECT_EQ(TablesStatistiques(referentiel, "591", absl::CivilMonth(2025, 3)),
            (std::vector<std::string>{"s/c:591/2025-03", "s/n/2025-03",
                                      "s/r:Hauts-de-France/2025-03"}));
  // A caisse the referential does not know counts nowhere regional.
  EXPECT_EQ(TablesStatistiques(referentiel, "000", absl::CivilMonth(2024, 11)),
            (std::vector<std::string>{"s/c:000/2024-11", "s/n/2024-11"}));
  EXPECT_EQ(CompteurStatistique(
                Contribution{absl::CivilMonth(2025, 3), "public", "2"}),
            "public/2");
  EXPECT_EQ(CompteurStatistique(Contribution{absl::CivilMonth(2025, 3),
                                             dimension::kSaisines, ""}),
            "saisines/");
}

}  // namespace
}  // namespace mediation
