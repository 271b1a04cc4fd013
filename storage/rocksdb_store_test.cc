#include "storage/rocksdb_store.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "base/status_matchers.h"
#include "domain/saisine_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mediation/v1/events.pb.h"
#include "storage/keys.h"
#include "storage/saisine_projection.h"
#include "storage/store_observer.h"
#include "storage/test_util.h"

namespace mediation {
namespace {

using ::mediation::testing::ExempleSaisineRecue;
using ::mediation::testing::OpenStore;
using ::mediation::testing::StatusIs;
using ::mediation::testing::TempDir;
using ::testing::HasSubstr;

AppendRequest Depot(const std::string& stream_id,
                    const std::string& request_id = "",
                    const std::string& caisse = "591") {
  AppendRequest request;
  request.stream_id = stream_id;
  request.expected = ExpectedVersion::NoStream();
  request.events.push_back(
      NewEvent{absl::StrCat(stream_id, "-e1"), ExempleSaisineRecue(caisse)});
  request.context.actor = "accueil-591";
  request.context.correlation_id = "corr";
  request.request_id = request_id;
  request.fingerprint = "fp";
  return request;
}

// A deposit whose request id is used within `scope` (the caisse and RPC,
// as the services give it).
AppendRequest DepotIn(const std::string& scope, const std::string& stream_id,
                      const std::string& request_id) {
  AppendRequest request = Depot(stream_id, request_id);
  request.request_scope = scope;
  return request;
}

// The stream of thread `t`'s append `i`: its own for even `i`, shared by
// every thread for odd `i`.
std::string RacingStream(int t, int i) {
  return i % 2 == 0 ? absl::StrCat("t", t, "-", i) : absl::StrCat("shared-", i);
}

class RocksDbStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = OpenStore(dir_.path(), &clock_); }
  void Reopen() {
    store_.reset();
    store_ = OpenStore(dir_.path(), &clock_);
  }

  TempDir dir_;
  ManualClock clock_{absl::FromUnixSeconds(1741600000)};
  std::unique_ptr<RocksDbStore> store_;
};

TEST_F(RocksDbStoreTest, AppendStoresEventsWithMetadata) {
  ASSERT_OK_AND_ASSIGN(AppendResult result,
                       store_->events().Append(Depot("s1", "r1")));
  EXPECT_EQ(result.first_version, 1u);
  EXPECT_EQ(result.last_version, 1u);
  EXPECT_EQ(result.first_position, 1u);
  EXPECT_FALSE(result.replayed);
  ASSERT_OK_AND_ASSIGN(std::vector<RecordedEvent> events,
                       store_->events().ReadStream("s1", 1, 100));
  ASSERT_EQ(events.size(), 1u);
  const EventMetadata& m = events[0].metadata;
  EXPECT_EQ(m.event_id, "s1-e1");
  EXPECT_EQ(m.stream_version, 1u);
  EXPECT_EQ(m.global_position, 1u);
  EXPECT_EQ(m.recorded_at, clock_.Now());
  EXPECT_EQ(m.effective_date, absl::CivilDay(2025, 3, 10));
  EXPECT_EQ(m.actor, "accueil-591");
  EXPECT_EQ(m.correlation_id, "corr");
  EXPECT_EQ(m.request_id, "r1");
  EXPECT_EQ(events[0].event, SaisineEvent{ExempleSaisineRecue()});
  EXPECT_EQ(store_->events().LastPosition(), 1u);
}

// The names `top -H` shows an operator (base/thread_name.h).
std::multiset<std::string> ThreadNamesOfThisProcess() {
  std::multiset<std::string> names;
  for (const auto& task :
       std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    if (std::getline(comm, name)) names.insert(name);
  }
  return names;
}

TEST_F(RocksDbStoreTest, TheStoresThreadsAreNamed) {
  const std::multiset<std::string> names = ThreadNamesOfThisProcess();
  for (const char* name :
       {"mdn-stager", "mdn-wal-writer", "mdn-answers", "mdn-journal"}) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
  store_.reset();
  EXPECT_EQ(ThreadNamesOfThisProcess().count("mdn-wal-writer"), 0u);
}

TEST_F(RocksDbStoreTest, NoStreamConflictIsAbortedAndWritesNothing) {
  ASSERT_OK(store_->events().Append(Depot("s1")));
  AppendRequest again = Depot("s1");
  again.events[0].event_id = "other";
  EXPECT_THAT(store_->events().Append(std::move(again)),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("version 1")));
  EXPECT_EQ(store_->events().LastPosition(), 1u);
  ASSERT_OK_AND_ASSIGN(auto events, store_->events().ReadStream("s1", 1, 100));
  EXPECT_EQ(events.size(), 1u);
}

TEST_F(RocksDbStoreTest, ExactVersionMismatchIsAborted) {
  ASSERT_OK(store_->events().Append(Depot("s1")));
  AppendRequest stale = Depot("s1");
  stale.expected = ExpectedVersion::Exactly(2);
  EXPECT_THAT(store_->events().Append(std::move(stale)),
              StatusIs(absl::StatusCode::kAborted));
  AppendRequest on_missing = Depot("s2");
  on_missing.expected = ExpectedVersion::Exactly(1);
  EXPECT_THAT(store_->events().Append(std::move(on_missing)),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(store_->events().LastPosition(), 1u);
}

TEST_F(RocksDbStoreTest, IdempotentRetryReturnsFirstResultAndAppendsNothing) {
  ASSERT_OK_AND_ASSIGN(AppendResult first,
                       store_->events().Append(Depot("s1", "req")));
  // The retry carries another stream id (a new id generated by the caller),
  // as a client retrying after a lost answer would.
  ASSERT_OK_AND_ASSIGN(AppendResult retry,
                       store_->events().Append(Depot("s9", "req")));
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.stream_id, "s1");
  EXPECT_EQ(retry.last_version, first.last_version);
  EXPECT_EQ(retry.last_position, first.last_position);
  EXPECT_EQ(store_->events().LastPosition(), 1u);
  ASSERT_OK_AND_ASSIGN(auto none, store_->events().ReadStream("s9", 1, 10));
  EXPECT_TRUE(none.empty());
  Reopen();
  ASSERT_OK_AND_ASSIGN(AppendResult after_restart,
                       store_->events().Append(Depot("s8", "req")));
  EXPECT_TRUE(after_restart.replayed);
  EXPECT_EQ(after_restart.stream_id, "s1");
}

TEST_F(RocksDbStoreTest, FindRequestReturnsTheFirstResult) {
  ASSERT_OK_AND_ASSIGN(auto none, store_->events().FindRequest("", "req"));
  EXPECT_FALSE(none.has_value());
  ASSERT_OK(store_->events().Append(Depot("s1", "req")));
  ASSERT_OK_AND_ASSIGN(auto found, store_->events().FindRequest("", "req"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->fingerprint, "fp");
  EXPECT_EQ(found->result.stream_id, "s1");
  EXPECT_EQ(found->result.last_version, 1u);
  EXPECT_TRUE(found->result.replayed);
}

TEST_F(RocksDbStoreTest, ARequestIdIsUniqueWithinItsScopeOnly) {
  ASSERT_OK(store_->events().Append(DepotIn("591/Deposer", "s1", "req")));
  // Opening a store whose records all have a scope (found, then, in their
  // scope alone: no second read among records without one).
  Reopen();
  // The same id in another scope (another caisse, or another RPC) is
  // another request: appended, not answered with the first one's result.
  ASSERT_OK_AND_ASSIGN(AppendResult other, store_->events().Append(DepotIn(
                                               "751/Deposer", "s2", "req")));
  EXPECT_FALSE(other.replayed);
  EXPECT_EQ(other.stream_id, "s2");
  ASSERT_OK_AND_ASSIGN(auto seen,
                       store_->events().FindRequest("751/Deposer", "req"));
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->result.stream_id, "s2");
  ASSERT_OK_AND_ASSIGN(auto unseen,
                       store_->events().FindRequest("974/Deposer", "req"));
  EXPECT_FALSE(unseen.has_value());
}

TEST_F(RocksDbStoreTest, ARecordStoredWithoutScopeIsStillFoundInAScope) {
  // As written before scopes existed.
  ASSERT_OK(store_->events().Append(Depot("s1", "req")));
  ASSERT_OK_AND_ASSIGN(AppendResult replay, store_->events().Append(DepotIn(
                                                "591/Deposer", "s9", "req")));
  EXPECT_TRUE(replay.replayed);
  EXPECT_EQ(replay.stream_id, "s1");
  ASSERT_OK_AND_ASSIGN(auto found,
                       store_->events().FindRequest("591/Deposer", "req"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(store_->events().LastPosition(), 1u);
}

TEST_F(RocksDbStoreTest, ARecordStoredWithoutScopeIsFoundAfterReopening) {
  ASSERT_OK(store_->events().Append(DepotIn("591/Deposer", "s1", "other")));
  ASSERT_OK(store_->events().Append(Depot("s2", "req")));
  // The log learns again, opening, that it holds a record without a scope.
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto found,
                       store_->events().FindRequest("591/Deposer", "req"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->result.stream_id, "s2");
  ASSERT_OK_AND_ASSIGN(AppendResult replay, store_->events().Append(DepotIn(
                                                "591/Deposer", "s9", "req")));
  EXPECT_TRUE(replay.replayed);
  EXPECT_EQ(replay.stream_id, "s2");
  EXPECT_EQ(store_->events().LastPosition(), 2u);
}

TEST_F(RocksDbStoreTest, RequestIdReusedForAnotherRequestIsInvalid) {
  ASSERT_OK(store_->events().Append(Depot("s1", "req")));
  AppendRequest other = Depot("s2", "req");
  other.fingerprint = "another";
  EXPECT_THAT(
      store_->events().Append(std::move(other)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(store_->events().LastPosition(), 1u);
}

TEST_F(RocksDbStoreTest, MalformedRequestsAreInvalid) {
  AppendRequest empty = Depot("s1");
  empty.events.clear();
  EXPECT_THAT(store_->events().Append(std::move(empty)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      store_->events().Append(Depot("bad/id")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream_id")));
  EXPECT_EQ(store_->events().LastPosition(), 0u);
}

TEST_F(RocksDbStoreTest, RestartKeepsEverythingAndContinuesPositions) {
  ASSERT_OK(store_->events().Append(Depot("s1")));
  ASSERT_OK(store_->events().Append(Depot("s2")));
  Reopen();
  EXPECT_EQ(store_->events().LastPosition(), 2u);
  ASSERT_OK_AND_ASSIGN(AppendResult third,
                       store_->events().Append(Depot("s3")));
  EXPECT_EQ(third.first_position, 3u);
  ASSERT_OK_AND_ASSIGN(SaisineRecord s1,
                       GetSaisine(store_->projections(), "s1"));
  EXPECT_EQ(s1.state.version, 1u);
  ASSERT_OK_AND_ASSIGN(auto all, store_->events().ReadAll(1, 100));
  EXPECT_EQ(all.size(), 3u);
}

TEST_F(RocksDbStoreTest, ConcurrentAppendsGetGapFreeGlobalOrder) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 150;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Half the appends race on the same streams: exactly one wins each.
        const std::string stream = RacingStream(t, i);
        AppendRequest request = Depot(stream);
        request.events[0].event_id = absl::StrCat(stream, "-", t);
        absl::StatusOr<AppendResult> result =
            store_->events().Append(std::move(request));
        EXPECT_TRUE(result.ok() ||
                    result.status().code() == absl::StatusCode::kAborted)
            << result.status();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const uint64_t expected = kThreads * (kPerThread / 2) + kPerThread / 2;
  EXPECT_EQ(store_->events().LastPosition(), expected);
  ASSERT_OK_AND_ASSIGN(auto all, store_->events().ReadAll(1, 100000));
  ASSERT_EQ(all.size(), expected);
  std::set<std::string> streams;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].metadata.global_position, i + 1);
    EXPECT_EQ(all[i].metadata.stream_version, 1u);
    EXPECT_TRUE(streams.insert(all[i].metadata.stream_id).second);
  }
  EXPECT_OK(store_->projections().Verify());
}

TEST_F(RocksDbStoreTest, RecordedAtNeverDecreasesWhenClockStepsBack) {
  ASSERT_OK(store_->events().Append(Depot("s1")));
  const absl::Time first = clock_.Now();
  clock_.Advance(-absl::Hours(1));
  ASSERT_OK(store_->events().Append(Depot("s2")));
  ASSERT_OK_AND_ASSIGN(auto all, store_->events().ReadAll(1, 10));
  EXPECT_EQ(all[1].metadata.recorded_at, first);
}

TEST_F(RocksDbStoreTest, RebuildEqualsIncrementalByteForByte) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_OK(store_->events().Append(
        Depot(absl::StrCat("s", i), "", i % 3 == 0 ? "751" : "591")));
    clock_.Advance(absl::Seconds(1));
  }
  EXPECT_OK(store_->projections().Verify());
  // Damage one projection value behind the store's back: Verify names it,
  // Rebuild repairs it.
  ASSERT_TRUE(store_->database()
                  .db()
                  ->Put(rocksdb::WriteOptions(),
                        store_->database().projections(), "s/s7", "garbage")
                  .ok());
  EXPECT_THAT(store_->projections().Verify(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("s/s7")));
  ASSERT_OK(store_->projections().Rebuild());
  EXPECT_OK(store_->projections().Verify());
  ASSERT_OK_AND_ASSIGN(SaisineRecord s7,
                       GetSaisine(store_->projections(), "s7"));
  EXPECT_EQ(s7.state.version, 1u);
  // A key no event made, and a key missing: named too.
  rocksdb::DB* db = store_->database().db();
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), store_->database().projections(),
                      "x/d/20250101/intrus", "")
                  .ok());
  EXPECT_THAT(store_->projections().Verify(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("intrus")));
  ASSERT_OK(store_->projections().Rebuild());
  ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(),
                         store_->database().projections(), "s/s12")
                  .ok());
  EXPECT_THAT(store_->projections().Verify(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("s/s12")));
  ASSERT_OK(store_->projections().Rebuild());
  EXPECT_OK(store_->projections().Verify());
}

// A rebuild forgets the stored projection ids first and writes them last.
TEST_F(RocksDbStoreTest, ProjectionsWithoutIdsAreRebuiltAtOpen) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_OK(store_->events().Append(Depot(absl::StrCat("s", i))));
  }
  // What a crash half way through a rebuild leaves: the ids forgotten (the
  // rebuild's first step) and the projections partly written.
  rocksdb::DB* db = store_->database().db();
  ASSERT_TRUE(
      db->Delete(rocksdb::WriteOptions(), RocksDbProjections::kIdsKey).ok());
  ASSERT_TRUE(db->DeleteRange(rocksdb::WriteOptions(),
                              store_->database().projections(), "s/s1", "s/s9")
                  .ok());
  Reopen();
  EXPECT_OK(store_->projections().Verify());
  ASSERT_OK_AND_ASSIGN(SaisineRecord s5,
                       GetSaisine(store_->projections(), "s5"));
  EXPECT_EQ(s5.state.version, 1u);
  std::string ids;
  EXPECT_TRUE(
      store_->database()
          .db()
          ->Get(rocksdb::ReadOptions(), RocksDbProjections::kIdsKey, &ids)
          .ok());
  EXPECT_FALSE(ids.empty());
}

// Every key and value of the projections' family.
std::map<std::string, std::string> ProjectionEntries(RocksDbStore& store) {
  std::map<std::string, std::string> entries;
  std::unique_ptr<rocksdb::Iterator> it(store.database().db()->NewIterator(
      rocksdb::ReadOptions(), store.database().projections()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    entries.emplace(it->key().ToString(), it->value().ToString());
  }
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  return entries;
}

// An offline check opens the store without rebuilding projections built
// under other ids (another format, referential or key): it learns they are
// stale, and the store stays as it was until the service opens it.
TEST_F(RocksDbStoreTest, StaleProjectionsAreLeftAsTheyAreWhenAsked) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK(store_->events().Append(Depot(absl::StrCat("s", i))));
  }
  ASSERT_OK_AND_ASSIGN(const bool fresh, store_->projections().Stale());
  EXPECT_FALSE(fresh);
  // Ids other than these projections': as a store built under another NIR
  // index key, or by an older version, has.
  constexpr char kOtherIds[] = "saisine/8:0:autre-cle";
  ASSERT_TRUE(
      store_->database()
          .db()
          ->Put(rocksdb::WriteOptions(), RocksDbProjections::kIdsKey, kOtherIds)
          .ok());
  const std::map<std::string, std::string> before = ProjectionEntries(*store_);
  ASSERT_FALSE(before.empty());
  store_.reset();

  RocksDbStoreOptions options;
  options.clock = &clock_;
  options.rebuild_stale_projections = false;
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<RocksDbStore> checked,
                         RocksDbStore::Open(dir_.path(), options,
                                            testing::DefaultProjections()));
    ASSERT_OK_AND_ASSIGN(const bool stale, checked->projections().Stale());
    EXPECT_TRUE(stale);
    EXPECT_EQ(ProjectionEntries(*checked), before);
    std::string ids;
    ASSERT_TRUE(
        checked->database()
            .db()
            ->Get(rocksdb::ReadOptions(), RocksDbProjections::kIdsKey, &ids)
            .ok());
    EXPECT_EQ(ids, kOtherIds);
  }

  // Opened as the service opens it: rebuilt, no longer stale.
  Reopen();
  ASSERT_OK_AND_ASSIGN(const bool stale, store_->projections().Stale());
  EXPECT_FALSE(stale);
  EXPECT_OK(store_->projections().Verify());
}

TEST_F(RocksDbStoreTest, CorruptEventIsDataLossNotACrash) {
  ASSERT_OK(store_->events().Append(Depot("s1")));
  ASSERT_TRUE(store_->database()
                  .db()
                  ->Put(rocksdb::WriteOptions(), store_->database().events(),
                        BigEndian64(1), "\xff\xff not a record")
                  .ok());
  EXPECT_THAT(store_->events().ReadAll(1, 10),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(store_->events().ReadStream("s1", 1, 10),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(store_->projections().Verify(),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(RocksDbStoreLimitsTest, FullQueueIsResourceExhausted) {
  TempDir dir;
  RocksDbStoreOptions options;
  options.sync = false;
  options.max_pending_appends = 0;
  ASSERT_OK_AND_ASSIGN(
      auto store,
      RocksDbStore::Open(dir.path(), options, testing::DefaultProjections()));
  EXPECT_THAT(store->events().Append(Depot("s1")),
              StatusIs(absl::StatusCode::kResourceExhausted));
}

TEST(RocksDbStoreLimitsTest, BelowTheDiskReserveAppendsAreUnavailable) {
  TempDir dir;
  {
    RocksDbStoreOptions options;
    options.sync = false;
    ASSERT_OK_AND_ASSIGN(
        auto store,
        RocksDbStore::Open(dir.path(), options, testing::DefaultProjections()));
    ASSERT_OK(store->events().Append(Depot("s1")).status());
  }
  // More reserve than any disk has: the file system is "full".
  RocksDbStoreOptions options;
  options.sync = false;
  options.reserve_bytes = uint64_t{1} << 62;
  ASSERT_OK_AND_ASSIGN(
      auto store,
      RocksDbStore::Open(dir.path(), options, testing::DefaultProjections()));
  EXPECT_THAT(
      store->events().Append(Depot("s2")),
      StatusIs(absl::StatusCode::kUnavailable, HasSubstr("disk almost full")));
  // Nothing written; what is stored still reads and verifies.
  EXPECT_EQ(store->events().LastPosition(), 1u);
  ASSERT_OK_AND_ASSIGN(auto events, store->events().ReadStream("s1", 1, 10));
  EXPECT_EQ(events.size(), 1u);
  EXPECT_OK(store->projections().Verify());
  // The consultation journal keeps the same reserve.
  Consultation consultation;
  consultation.acteur = "auditeur:a@*";
  consultation.saisine_ids = {"s1"};
  EXPECT_THAT(
      store->journal().Record(consultation),
      StatusIs(absl::StatusCode::kUnavailable, HasSubstr("disk almost full")));
}

}  // namespace
}  // namespace mediation

namespace mediation {
namespace {

TEST_F(RocksDbStoreTest, ConsultationJournalSurvivesRestart) {
  ASSERT_OK_AND_ASSIGN(
      uint64_t first,
      store_->journal().Record(
          {0, clock_.Now(), "mediateur:m@591", "/x/Get", {"s1"}, "", ""}));
  ASSERT_OK_AND_ASSIGN(
      uint64_t second,
      store_->journal().Record(
          {0, clock_.Now(), "accueil:a@591", "/x/List", {"s1", "s2"}, "", ""}));
  EXPECT_EQ(first, 1u);
  EXPECT_EQ(second, 2u);
  Reopen();
  ASSERT_OK_AND_ASSIGN(
      uint64_t third,
      store_->journal().Record(
          {0, clock_.Now(), "cra:c@591", "/x/Get", {"s2"}, "", ""}));
  EXPECT_EQ(third, 3u);
  ASSERT_OK_AND_ASSIGN(auto s1,
                       store_->journal().ConsultationsOf("s1", 0, 100));
  ASSERT_EQ(s1.size(), 2u);
  EXPECT_EQ(s1[0].acteur, "mediateur:m@591");
  EXPECT_EQ(s1[1].saisine_ids, (std::vector<std::string>{"s1", "s2"}));
  ASSERT_OK_AND_ASSIGN(auto s2,
                       store_->journal().ConsultationsOf("s2", 3, 100));
  ASSERT_EQ(s2.size(), 1u);
  EXPECT_EQ(s2[0].acteur, "cra:c@591");
  EXPECT_EQ(s2[0].at, clock_.Now());
}

TEST_F(RocksDbStoreTest, ConcurrentConsultationsAreNumberedWithoutGaps) {
  constexpr int kThreads = 8, kEach = 50;
  std::vector<std::thread> threads;
  std::vector<std::vector<uint64_t>> sequences(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        absl::StatusOr<uint64_t> sequence = store_->journal().Record(
            {0, clock_.Now(), "mediateur:m@591", "/x/Get", {"s1"}, "", ""});
        sequences[t].push_back(sequence.value_or(0));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<uint64_t> all;
  for (const auto& some : sequences)
    all.insert(all.end(), some.begin(), some.end());
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i], i + 1);
  ASSERT_OK_AND_ASSIGN(auto s1,
                       store_->journal().ConsultationsOf("s1", 0, 1000));
  EXPECT_EQ(s1.size(), size_t{kThreads * kEach});
  // A malformed id is refused at once, and takes no number.
  EXPECT_THAT(store_->journal().Record(
                  {0, clock_.Now(), "m", "/x/Get", {"bad id!"}, "", ""}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  Reopen();
  ASSERT_OK_AND_ASSIGN(
      uint64_t next,
      store_->journal().Record(
          {0, clock_.Now(), "mediateur:m@591", "/x/Get", {"s2"}, "", ""}));
  EXPECT_EQ(next, uint64_t{kThreads * kEach + 1});
}

}  // namespace
}  // namespace mediation

namespace mediation {
namespace {

// The record stored at `position`, read behind the store's back.
v1::EventRecord StoredRecord(RocksDbStore& store, uint64_t position) {
  std::string bytes;
  EXPECT_TRUE(store.database()
                  .db()
                  ->Get(rocksdb::ReadOptions(), store.database().events(),
                        BigEndian64(position), &bytes)
                  .ok());
  v1::EventRecord record;
  EXPECT_TRUE(record.ParseFromString(bytes));
  return record;
}

// Writes `record` at `position` behind the store's back.
void StoreRecord(RocksDbStore& store, uint64_t position,
                 const v1::EventRecord& record) {
  ASSERT_TRUE(store.database()
                  .db()
                  ->Put(rocksdb::WriteOptions(), store.database().events(),
                        BigEndian64(position), record.SerializeAsString())
                  .ok());
}

// Rewrites the stored record at `position` with `edit` applied; with
// `rehash`, recomputes its own hash as a careful forger would.
void Tamper(RocksDbStore& store, uint64_t position,
            const std::function<void(v1::EventRecord&)>& edit, bool rehash) {
  v1::EventRecord record = StoredRecord(store, position);
  edit(record);
  if (rehash) record.set_hash(HashOf(record));
  StoreRecord(store, position, record);
}

TEST_F(RocksDbStoreTest, HashChainVerifiesAndSurvivesRestart) {
  for (int i = 0; i < 5; ++i)
    ASSERT_OK(store_->events().Append(Depot(absl::StrCat("s", i))));
  Reopen();  // The chain continues from the recovered last hash.
  ASSERT_OK(store_->events().Append(Depot("s5")));
  ASSERT_OK_AND_ASSIGN(auto events, store_->events().ReadAll(1, 10));
  ASSERT_OK_AND_ASSIGN(IntegrityReport whole,
                       store_->integrity().VerifyIntegrity(""));
  EXPECT_TRUE(whole.intact) << whole.reason;
  EXPECT_EQ(whole.events_verified, 6u);
  ASSERT_OK_AND_ASSIGN(IntegrityReport one,
                       store_->integrity().VerifyIntegrity("s3"));
  EXPECT_TRUE(one.intact);
  EXPECT_EQ(one.events_verified, 1u);
  EXPECT_THAT(store_->integrity().VerifyIntegrity("nope"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RocksDbStoreTest, AlteredValueIsDetectedAndNamed) {
  for (int i = 0; i < 5; ++i)
    ASSERT_OK(store_->events().Append(Depot(absl::StrCat("s", i))));
  Tamper(
      *store_, 3, [](v1::EventRecord& r) { r.set_actor("quelqu'un d'autre"); },
      /*rehash=*/false);
  ASSERT_OK_AND_ASSIGN(IntegrityReport whole,
                       store_->integrity().VerifyIntegrity(""));
  EXPECT_FALSE(whole.intact);
  EXPECT_EQ(whole.first_bad_position, 3u);
  EXPECT_EQ(whole.first_bad_stream, "s2");
  EXPECT_THAT(whole.reason, HasSubstr("content does not match its hash"));
  EXPECT_EQ(whole.events_verified, 2u);
  ASSERT_OK_AND_ASSIGN(IntegrityReport one,
                       store_->integrity().VerifyIntegrity("s2"));
  EXPECT_FALSE(one.intact);
  EXPECT_EQ(one.first_bad_position, 3u);
}

TEST_F(RocksDbStoreTest, ForgerWhoRehashesBreaksTheNextLink) {
  for (int i = 0; i < 5; ++i)
    ASSERT_OK(store_->events().Append(Depot(absl::StrCat("s", i))));
  Tamper(
      *store_, 2,
      [](v1::EventRecord& r) {
        r.mutable_saisine_recue()->set_montant_centimes(99999999);
      },
      /*rehash=*/true);
  ASSERT_OK_AND_ASSIGN(IntegrityReport whole,
                       store_->integrity().VerifyIntegrity(""));
  EXPECT_FALSE(whole.intact);
  EXPECT_EQ(whole.first_bad_position, 3u);
  EXPECT_THAT(whole.reason, HasSubstr("previous event of the log"));
}

// The whole-log pass holds each stream's last position under a hash of its
// id: under the real hash, and under one where every id collides (each
// continuation then finds another stream's event first).
class WholeLogStreamChainTest
    : public RocksDbStoreTest,
      public ::testing::WithParamInterface<RocksDbIntegrity::StreamIdHash> {
 protected:
  // Streams s0..s3 of 1, 2, 3 and 4 events, interleaved in the log:
  // s0 s1 s2 s3 | s1 s2 s3 | s2 s3 | s3 (positions 1 to 10).
  void SetUp() override {
    RocksDbStoreTest::SetUp();
    for (int round = 0; round < 4; ++round) {
      for (int i = round; i < 4; ++i) {
        const std::string stream = absl::StrCat("s", i);
        if (round == 0) {
          ASSERT_OK(store_->events().Append(Depot(stream)));
          continue;
        }
        AppendRequest echange;
        echange.stream_id = stream;
        echange.expected = ExpectedVersion::Exactly(round);
        echange.events.push_back(
            {absl::StrCat(stream, "-e", round + 1),
             EchangeConsigne{absl::CivilDay(2025, 3, 11 + round),
                             Interlocuteur::kRequerant, "Appel"}});
        ASSERT_OK(store_->events().Append(std::move(echange)));
      }
    }
    ASSERT_EQ(store_->events().LastPosition(), 10u);
  }

  absl::StatusOr<IntegrityReport> VerifyWholeLog() {
    return RocksDbIntegrity(store_->database(), GetParam()).VerifyIntegrity("");
  }

  // Rewrites the log as a forger who rechains it would: applies `edit` to
  // the event at `position`, then recomputes every later link to the log
  // and to the stream, and every hash, so that only what `edit` changed
  // is wrong.
  void RewriteFrom(uint64_t position,
                   const std::function<void(v1::EventRecord&)>& edit) {
    std::map<std::string, std::string> stream_heads;
    std::string previous;
    for (uint64_t p = 1; p <= store_->events().LastPosition(); ++p) {
      v1::EventRecord record = StoredRecord(*store_, p);
      if (p >= position) {
        record.set_hash_precedent_journal(previous);
        record.set_hash_precedent_flux(stream_heads[record.stream_id()]);
        if (p == position) edit(record);
        record.set_hash(HashOf(record));
        StoreRecord(*store_, p, record);
      }
      previous = stream_heads[record.stream_id()] = record.hash();
    }
  }
};

TEST_P(WholeLogStreamChainTest, InterleavedStreamsVerify) {
  ASSERT_OK_AND_ASSIGN(IntegrityReport whole, VerifyWholeLog());
  EXPECT_TRUE(whole.intact) << whole.reason;
  EXPECT_EQ(whole.events_verified, 10u);
  // A forger's rewrite that changes nothing is no forgery.
  RewriteFrom(1, [](v1::EventRecord&) {});
  ASSERT_OK_AND_ASSIGN(whole, VerifyWholeLog());
  EXPECT_TRUE(whole.intact) << whole.reason;
}

TEST_P(WholeLogStreamChainTest, EventMovedToAnotherStreamIsNamed) {
  // s3's third event (position 9) rewritten as s0's, whose only event is
  // its first.
  RewriteFrom(9, [](v1::EventRecord& r) { r.set_stream_id("s0"); });
  ASSERT_OK_AND_ASSIGN(IntegrityReport whole, VerifyWholeLog());
  EXPECT_FALSE(whole.intact);
  EXPECT_EQ(whole.first_bad_position, 9u);
  EXPECT_EQ(whole.first_bad_stream, "s0");
  EXPECT_THAT(whole.reason, HasSubstr("version does not follow"));
  EXPECT_EQ(whole.events_verified, 8u);
}

TEST_P(WholeLogStreamChainTest, RepeatedVersionIsNamed) {
  // s3's fourth event (position 10) claims version 3 again.
  RewriteFrom(10, [](v1::EventRecord& r) { r.set_stream_version(3); });
  ASSERT_OK_AND_ASSIGN(IntegrityReport whole, VerifyWholeLog());
  EXPECT_FALSE(whole.intact);
  EXPECT_EQ(whole.first_bad_position, 10u);
  EXPECT_EQ(whole.first_bad_stream, "s3");
  EXPECT_THAT(whole.reason, HasSubstr("version does not follow"));
}

TEST_P(WholeLogStreamChainTest, SkippedStreamLinkIsNamed) {
  // s3's third event (position 9) chains to s3's first event, not its
  // second: an event of the saisine dropped from its chain.
  const v1::EventRecord s3_first = StoredRecord(*store_, 4);
  ASSERT_EQ(s3_first.stream_id(), "s3");
  RewriteFrom(9, [&](v1::EventRecord& r) {
    r.set_hash_precedent_flux(s3_first.hash());
  });
  ASSERT_OK_AND_ASSIGN(IntegrityReport whole, VerifyWholeLog());
  EXPECT_FALSE(whole.intact);
  EXPECT_EQ(whole.first_bad_position, 9u);
  EXPECT_EQ(whole.first_bad_stream, "s3");
  EXPECT_EQ(whole.first_bad_version, 3u);
  EXPECT_THAT(whole.reason, HasSubstr("previous event of its saisine"));
}

uint64_t EveryIdAlike(absl::string_view) { return 42; }

INSTANTIATE_TEST_SUITE_P(
    IdHashes, WholeLogStreamChainTest,
    ::testing::Values(nullptr, &EveryIdAlike),
    [](const ::testing::TestParamInfo<RocksDbIntegrity::StreamIdHash>& info) {
      return info.param == nullptr ? std::string("RealHash")
                                   : std::string("EveryIdAlike");
    });

}  // namespace
}  // namespace mediation

namespace mediation {
namespace {

TEST_F(RocksDbStoreTest, WaitForPositionWakesOnAppend) {
  EXPECT_FALSE(store_->events().WaitForPosition(1, absl::Milliseconds(1)));
  std::thread appender(
      [&] { ASSERT_OK(store_->events().Append(Depot("s1"))); });
  // Bounded: the append wakes the waiter long before the timeout.
  EXPECT_TRUE(store_->events().WaitForPosition(1, absl::Seconds(60)));
  appender.join();
  EXPECT_TRUE(store_->events().WaitForPosition(1, absl::ZeroDuration()));
}

}  // namespace
}  // namespace mediation

namespace mediation {
namespace {

TEST_F(RocksDbStoreTest, CheckpointUnderLoadOpensVerifiedAndComplete) {
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> acknowledged{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      if (store_->events().Append(Depot(absl::StrCat("w", i))).ok())
        ++acknowledged;
    }
  });
  // Bounded: wait until some appends were acknowledged.
  ASSERT_TRUE(store_->events().WaitForPosition(50, absl::Seconds(60)));
  const uint64_t before = acknowledged.load();
  TempDir backups;
  const std::string copy = backups.path() + "/sauvegarde";
  ASSERT_OK(store_->backup().Checkpoint(copy));
  stop = true;
  writer.join();
  EXPECT_THAT(store_->backup().Checkpoint(copy),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  auto restored = testing::OpenStore(copy, &clock_);
  ASSERT_NE(restored, nullptr);
  // Everything acknowledged before the checkpoint is in it, whole.
  EXPECT_GE(restored->events().LastPosition(), before);
  ASSERT_OK_AND_ASSIGN(IntegrityReport report,
                       restored->integrity().VerifyIntegrity(""));
  EXPECT_TRUE(report.intact) << report.reason;
  EXPECT_EQ(report.events_verified, restored->events().LastPosition());
  EXPECT_OK(restored->projections().Verify());
}

}  // namespace
}  // namespace mediation

namespace mediation {
namespace {

// Records what the store reports.
class RecordingObserver final : public StoreObserver {
 public:
  void GroupWritten(size_t appends, absl::Duration write) override {
    absl::MutexLock lock(&mu_);
    groups_.push_back(appends);
    EXPECT_GE(write, absl::ZeroDuration());
  }
  void AppendRefused(AppendRefusal refusal) override {
    absl::MutexLock lock(&mu_);
    refusals_.push_back(refusal);
  }
  std::vector<size_t> groups() {
    absl::MutexLock lock(&mu_);
    return groups_;
  }
  std::vector<AppendRefusal> refusals() {
    absl::MutexLock lock(&mu_);
    return refusals_;
  }

 private:
  absl::Mutex mu_;
  std::vector<size_t> groups_;
  std::vector<AppendRefusal> refusals_;
};

// A store that reports to `observer`, keeping `reserve_bytes` free.
class StoreObserverTest : public ::testing::Test {
 protected:
  std::unique_ptr<RocksDbStore> Open(uint64_t reserve_bytes) {
    RocksDbStoreOptions options;
    options.sync = false;
    options.clock = &clock_;
    options.observer = &observer;
    options.reserve_bytes = reserve_bytes;
    auto store = RocksDbStore::Open(dir_.path(), options,
                                    ::mediation::testing::DefaultProjections());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  RecordingObserver observer;

 private:
  TempDir dir_;
  ManualClock clock_{absl::FromUnixSeconds(1741600000)};
};

TEST_F(StoreObserverTest, ToldOfEachGroupWrittenAndEachRefusalWithItsCause) {
  std::unique_ptr<RocksDbStore> store = Open(0);
  ASSERT_NE(store, nullptr);
  ASSERT_OK(store->events().Append(Depot("s1", "r1")));
  // A replay writes nothing new; a conflict is refused.
  ASSERT_OK(store->events().Append(Depot("s1", "r1")));
  AppendRequest again = Depot("s1");
  again.events[0].event_id = "other";
  EXPECT_THAT(store->events().Append(std::move(again)),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(observer.groups(), ::testing::ElementsAre(1u));
  EXPECT_THAT(observer.refusals(),
              ::testing::ElementsAre(AppendRefusal::kConflict));
  EXPECT_TRUE(store->database().WritesAccepted().ok());
  EXPECT_EQ(store->events().PendingAppends(), 0u);
}

TEST_F(StoreObserverTest, TheReserveIsADiskReserveRefusalAndHealthSaysSo) {
  std::unique_ptr<RocksDbStore> store = Open(uint64_t{1} << 62);  // > disk.
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(store->events().Append(Depot("s1")),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("disk")));
  EXPECT_THAT(observer.refusals(),
              ::testing::ElementsAre(AppendRefusal::kDiskReserve));
  EXPECT_THAT(store->database().WritesAccepted(),
              StatusIs(absl::StatusCode::kUnavailable));
  const RocksDbStats stats = store->database().Stats();
  EXPECT_GT(stats.free_bytes, 0u);
  EXPECT_EQ(stats.reserve_bytes, uint64_t{1} << 62);
}

TEST(AppendRefusalTest, RefusalsAreKnownByCodeAndPayload) {
  AppendRefusal refusal;
  ASSERT_TRUE(RefusalOf(absl::AbortedError("v"), &refusal));
  EXPECT_EQ(refusal, AppendRefusal::kConflict);
  ASSERT_TRUE(RefusalOf(absl::ResourceExhaustedError("q"), &refusal));
  EXPECT_EQ(refusal, AppendRefusal::kOverload);
  ASSERT_TRUE(RefusalOf(
      WithRefusal(absl::UnavailableError("d"), AppendRefusal::kDiskReserve),
      &refusal));
  EXPECT_EQ(refusal, AppendRefusal::kDiskReserve);
  ASSERT_TRUE(RefusalOf(absl::UnavailableError("io"), &refusal));
  EXPECT_EQ(refusal, AppendRefusal::kWriteFailure);
  EXPECT_FALSE(RefusalOf(absl::InvalidArgumentError("x"), &refusal));
  EXPECT_FALSE(RefusalOf(absl::OkStatus(), &refusal));
}

// The pipeline (rocksdb_event_log.h): a group is staged on the one being
// written. A store whose writes fail when `fail` says so.
class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RocksDbStoreOptions options;
    options.max_group_size = max_group_size_;
    // Counter tables written in full every other write, failed ones too.
    options.max_counter_operands = 2;
    options.sync = false;
    options.clock = &clock_;
    options.reserve_bytes = 0;
    options.write_fault = [this]() -> absl::Status {
      return fault_ ? fault_() : absl::OkStatus();
    };
    auto store = RocksDbStore::Open(dir_.path(), options,
                                    ::mediation::testing::DefaultProjections());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  // Every event once, positions 1..n without a gap, the chain intact, and
  // the projections equal to a replay of the log.
  void ExpectLogWhole(uint64_t events) {
    EXPECT_EQ(store_->events().LastPosition(), events);
    ASSERT_OK_AND_ASSIGN(auto all, store_->events().ReadAll(1, 100000));
    ASSERT_EQ(all.size(), events);
    for (size_t i = 0; i < all.size(); ++i) {
      EXPECT_EQ(all[i].metadata.global_position, i + 1);
    }
    ASSERT_OK_AND_ASSIGN(IntegrityReport report,
                         store_->integrity().VerifyIntegrity(""));
    EXPECT_TRUE(report.intact) << report.reason;
    EXPECT_OK(store_->projections().Verify());
  }

  // Holds the first write until release_ is notified (writing_ is, once it
  // has begun), then ends it with `outcome`; the later writes succeed.
  // writes_ counts them all.
  void HoldFirstWrite(absl::Status outcome) {
    fault_ = [this, outcome]() -> absl::Status {
      if (writes_.fetch_add(1) > 0) return absl::OkStatus();
      writing_.Notify();
      release_.WaitForNotification();
      return outcome;
    };
  }

  size_t max_group_size_ = RocksDbStoreOptions().max_group_size;
  absl::Notification writing_, release_;
  std::atomic<int> writes_{0};
  TempDir dir_;
  ManualClock clock_{absl::FromUnixSeconds(1741600000)};
  // Set before the appends it concerns; read by the write thread.
  std::function<absl::Status()> fault_;
  std::unique_ptr<RocksDbStore> store_;
};

TEST_F(PipelineTest, AGroupStagedOnAFailedWriteIsNotStoredAndTheLogGoesOn) {
  HoldFirstWrite(absl::InternalError("injected I/O error"));
  absl::Notification first_done, second_done;
  absl::StatusOr<AppendResult> first, second;
  store_->events().AppendAsync(Depot("s1"), [&](auto result) {
    first = std::move(result);
    first_done.Notify();
  });
  writing_.WaitForNotification();
  // Staged while s1's write is under way: on top of it.
  store_->events().AppendAsync(Depot("s2"), [&](auto result) {
    second = std::move(result);
    second_done.Notify();
  });
  while (store_->events().PendingAppends() > 0)
    absl::SleepFor(absl::Milliseconds(1));
  absl::SleepFor(absl::Milliseconds(50));  // Let the stager stage it.
  release_.Notify();
  first_done.WaitForNotification();
  second_done.WaitForNotification();
  EXPECT_THAT(first, StatusIs(absl::StatusCode::kUnavailable,
                              HasSubstr("injected I/O error")));
  // s2 was staged at position 2, after s1: it fails with it. (Had the
  // stager been too slow to stage it before the failure, it would be
  // stored at position 1; either way what is answered is what is stored.)
  uint64_t stored = 0;
  if (second.ok()) {
    EXPECT_EQ(second->first_position, 1u);
    stored = 1;
  } else {
    EXPECT_THAT(second, StatusIs(absl::StatusCode::kUnavailable,
                                 HasSubstr("injected I/O error")));
  }
  ASSERT_OK_AND_ASSIGN(auto s2, store_->events().ReadStream("s2", 1, 10));
  EXPECT_EQ(s2.size(), stored);
  EXPECT_THAT(GetSaisine(store_->projections(), "s1"),
              StatusIs(absl::StatusCode::kNotFound));
  // The log goes on from what is stored: s1 again, at the next position.
  ASSERT_OK_AND_ASSIGN(AppendResult again,
                       store_->events().Append(Depot("s1")));
  EXPECT_EQ(again.first_position, stored + 1);
  EXPECT_EQ(again.first_version, 1u);
  ExpectLogWhole(stored + 1);
}

// An append answered asynchronously.
struct Answered {
  absl::Notification done;
  absl::StatusOr<AppendResult> result;
};

// Appends `request`, answering into `answered`; returns once the stager has
// taken it.
void AppendTaken(RocksDbEventLog& events, AppendRequest request,
                 Answered& answered) {
  events.AppendAsync(std::move(request), [&answered](auto result) {
    answered.result = std::move(result);
    answered.done.Notify();
  });
  while (events.PendingAppends() > 0) absl::SleepFor(absl::Milliseconds(1));
}

// While a write is under way, the stager goes on: the groups it stages
// meanwhile wait, and are written together once the write ends, or fail
// with it.
class WaitingGroupsTest : public PipelineTest,
                          public ::testing::WithParamInterface<bool> {};

TEST_P(WaitingGroupsTest, AreWrittenTogetherOrFailWithTheWriteUnderWay) {
  const bool first_write_fails = GetParam();
  HoldFirstWrite(first_write_fails ? absl::InternalError("injected I/O error")
                                   : absl::OkStatus());
  Answered s1, s2, s3, retry;
  AppendTaken(store_->events(), Depot("s1", "r1"), s1);
  writing_.WaitForNotification();
  // Each is taken by the stager only once it has handed the previous one
  // over: s2 and s3 wait, as two groups, before the write of s1 ends.
  AppendTaken(store_->events(), Depot("s2", "r2"), s2);
  AppendTaken(store_->events(), Depot("s3", "r3"), s3);
  // Reads s2's idempotency record before it is written.
  AppendTaken(store_->events(), Depot("s2", "r2"), retry);
  release_.Notify();
  for (Answered* answered : {&s1, &s2, &s3, &retry}) {
    answered->done.WaitForNotification();
  }
  // One write for s1, then (unless it failed) one for the groups waiting;
  // the retry writes nothing.
  EXPECT_EQ(writes_.load(), first_write_fails ? 1 : 2);
  if (first_write_fails) {
    for (Answered* answered : {&s1, &s2, &s3, &retry}) {
      EXPECT_THAT(answered->result, StatusIs(absl::StatusCode::kUnavailable,
                                             HasSubstr("injected I/O error")));
    }
    // The log goes on from what is stored.
    Answered again;
    AppendTaken(store_->events(), Depot("s3", "r3"), again);
    again.done.WaitForNotification();
    ASSERT_OK(again.result.status());
    EXPECT_EQ(again.result->first_position, 1u);
    ExpectLogWhole(1);
    return;
  }
  ASSERT_OK(s1.result.status());
  ASSERT_OK(s2.result.status());
  ASSERT_OK(s3.result.status());
  ASSERT_OK(retry.result.status());
  EXPECT_EQ(s1.result->first_position, 1u);
  EXPECT_EQ(s2.result->first_position, 2u);
  EXPECT_EQ(s3.result->first_position, 3u);
  EXPECT_TRUE(retry.result->replayed);
  EXPECT_EQ(retry.result->first_position, 2u);
  ExpectLogWhole(3);
}

// The appends waiting for the write thread are bounded, as one write is:
// beyond max_group_size, the stager waits for the write under way to end.
class BoundedWaitTest : public PipelineTest {
 protected:
  BoundedWaitTest() { max_group_size_ = 2; }
};

TEST_F(BoundedWaitTest, NoMoreThanOneWriteOfAppendsWaits) {
  HoldFirstWrite(absl::OkStatus());
  Answered s1, s2, s3, s4, s5;
  AppendTaken(store_->events(), Depot("s1", "r1"), s1);
  writing_.WaitForNotification();
  // s2 and s3 wait together (two appends); the stager then holds s4 until
  // the write of s1 ends, and s5 stays queued behind it.
  AppendTaken(store_->events(), Depot("s2", "r2"), s2);
  AppendTaken(store_->events(), Depot("s3", "r3"), s3);
  AppendTaken(store_->events(), Depot("s4", "r4"), s4);
  store_->events().AppendAsync(Depot("s5", "r5"), [&s5](auto result) {
    s5.result = std::move(result);
    s5.done.Notify();
  });
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(store_->events().PendingAppends(), 1u);
  release_.Notify();
  for (Answered* answered : {&s1, &s2, &s3, &s4, &s5}) {
    answered->done.WaitForNotification();
    ASSERT_OK(answered->result.status());
  }
  EXPECT_EQ(s2.result->first_position, 2u);
  EXPECT_EQ(s3.result->first_position, 3u);
  EXPECT_EQ(s4.result->first_position, 4u);
  EXPECT_EQ(s5.result->first_position, 5u);
  // s1; s2 and s3; then s4 and s5, in one write or two.
  EXPECT_GE(writes_.load(), 3);
  ExpectLogWhole(5);
}

INSTANTIATE_TEST_SUITE_P(FirstWrite, WaitingGroupsTest, ::testing::Bool(),
                         [](const auto& info) {
                           return info.param ? "Fails" : "Succeeds";
                         });

TEST_F(PipelineTest, UnderConcurrentAppendsAndFailuresWhatIsAnsweredIsStored) {
  // One write in five fails; eight writers race, half of them on shared
  // streams. Every append answered OK is in the log at the position it was
  // given, every other one is absent, and the log stays whole.
  std::atomic<int> writes{0};
  fault_ = [&]() -> absl::Status {
    return writes.fetch_add(1) % 5 == 3 ? absl::InternalError("injected")
                                        : absl::OkStatus();
  };
  constexpr int kThreads = 8;
  constexpr int kPerThread = 120;
  absl::Mutex mu;
  std::map<std::string, uint64_t> stored;  // Stream -> position answered.
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string stream = RacingStream(t, i);
        absl::StatusOr<AppendResult> result =
            store_->events().Append(Depot(stream));
        if (result.ok()) {
          absl::MutexLock lock(&mu);
          EXPECT_TRUE(stored.emplace(stream, result->first_position).second)
              << stream;
        } else {
          EXPECT_THAT(result.status().code(),
                      ::testing::AnyOf(absl::StatusCode::kAborted,
                                       absl::StatusCode::kUnavailable))
              << result.status();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  fault_ = nullptr;
  ASSERT_GT(stored.size(), 0u);
  ASSERT_OK_AND_ASSIGN(auto all, store_->events().ReadAll(1, 100000));
  std::map<std::string, uint64_t> in_log;
  for (const RecordedEvent& event : all) {
    in_log.emplace(event.metadata.stream_id, event.metadata.global_position);
  }
  EXPECT_EQ(in_log, stored);
  ExpectLogWhole(stored.size());
}

}  // namespace
}  // namespace mediation
