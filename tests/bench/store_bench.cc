// Micro-benchmarks of the storage and domain hot paths (Google Benchmark).
//
//   build/tests/bench/store_bench [--benchmark_filter=…]
//
// Figures and the commands that produced them: tests/bench/RESULTS.md.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "domain/echeances.h"
#include "domain/saisine_testing.h"
#include "rocksdb/db.h"
#include "rocksdb/merge_operator.h"
#include "storage/codec.h"
#include "storage/counter_merge.h"
#include "storage/integrity.h"
#include "storage/overlay.h"
#include "storage/rocksdb_store.h"
#include "storage/saisine_projection.h"
#include "storage/statistiques.h"
#include "tests/bench/proc_sample.h"

namespace mediation {
namespace {

using D = absl::CivilDay;

// Unique event ids within a benchmark run.
int64_t NewEventNumber() {
  static std::atomic<int64_t> next{0};
  return next++;
}

std::string BenchDir(const std::string& name) {
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("mediation-bench-" + name))
          .string();
  std::filesystem::remove_all(dir);
  return dir;
}

const NirIndexKey& BenchNirKey() {
  static const NirIndexKey* const key = new NirIndexKey(
      NirIndexKey::FromBytes("cle de banc d'essai de l'index des NIR ....."));
  return *key;
}

std::unique_ptr<RocksDbStore> Open(const std::string& dir, bool sync) {
  RocksDbStoreOptions options;
  options.sync = sync;
  // The memory a rebuild takes, to try other budgets than the default.
  if (const char* per_pass = std::getenv("MEDIATION_REBUILD_EVENTS_PER_PASS")) {
    options.rebuild_events_per_pass = std::strtoull(per_pass, nullptr, 10);
  }
  std::vector<std::unique_ptr<Projection>> projections;
  projections.push_back(std::make_unique<SaisineProjection>(
      CaisseReferentielParDefaut(), BenchNirKey()));
  auto store = RocksDbStore::Open(dir, options, std::move(projections));
  if (!store.ok()) std::abort();
  return *std::move(store);
}

AppendRequest Depot(const std::string& id, absl::CivilDay reception) {
  AppendRequest request;
  request.stream_id = id;
  request.expected = ExpectedVersion::NoStream();
  request.events.push_back(
      {id + "-1", testing::ExempleSaisineRecue("591", reception)});
  return request;
}

// Appends request(0), …, request(n - 1), many in flight at once.
void AppendAll(RocksDbStore& store, int n,
               const std::function<AppendRequest(int)>& request) {
  absl::Mutex mu;
  size_t in_flight = 0;
  for (int i = 0; i < n; ++i) {
    {
      absl::MutexLock lock(&mu);
      mu.Await(absl::Condition(
          +[](size_t* n) { return *n < 1024; }, &in_flight));
      ++in_flight;
    }
    store.events().AppendAsync(request(i),
                               [&](absl::StatusOr<AppendResult> result) {
                                 if (!result.ok()) std::abort();
                                 absl::MutexLock lock(&mu);
                                 --in_flight;
                               });
  }
  absl::MutexLock lock(&mu);
  mu.Await(absl::Condition(
      +[](size_t* n) { return *n == 0; }, &in_flight));
}

// A store holding `n` saisines received over 2024, half of them recevable:
// the deposits first, then the acts.
RocksDbStore& Peuple(int n) {
  static std::map<int, std::unique_ptr<RocksDbStore>>* stores =
      new std::map<int, std::unique_ptr<RocksDbStore>>;
  auto& store = (*stores)[n];
  if (store != nullptr) return *store;
  store = Open(BenchDir(absl::StrCat("peuple-", n)), /*sync=*/false);
  auto reception = [](int i) { return absl::CivilDay(2024, 1, 1) + i % 360; };
  AppendAll(*store, n,
            [&](int i) { return Depot(absl::StrCat("s", i), reception(i)); });
  AppendAll(*store, (n + 1) / 2, [&](int half) {
    const int i = 2 * half;
    SaisineRecevable recevable;
    recevable.date_notification = reception(i) + 3;
    AppendRequest act;
    act.stream_id = absl::StrCat("s", i);
    act.events.push_back({act.stream_id + "-2", recevable});
    return act;
  });
  return *store;
}

// One thread, one durable append at a time: the latency of an fsync.
void BM_AppendDurableOneAtATime(benchmark::State& state) {
  auto store = Open(BenchDir("append-one"), /*sync=*/true);
  int64_t i = 0;
  for (auto _ : state) {
    if (!store->events()
             .Append(Depot(absl::StrCat("s", i++), D(2025, 3, 10)))
             .ok()) {
      state.SkipWithError("append failed");
    }
  }
  state.SetItemsProcessed(i);
}
BENCHMARK(BM_AppendDurableOneAtATime)->UseRealTime();

// Many threads appending durably at once: group commit shares the fsyncs.
void BM_AppendDurableConcurrent(benchmark::State& state) {
  static std::unique_ptr<RocksDbStore> store;
  static std::atomic<int64_t> next{0};
  if (state.thread_index() == 0) {
    store = Open(BenchDir("append-concurrent"), /*sync=*/true);
  }
  for (auto _ : state) {
    const int64_t i = next++;
    if (!store->events()
             .Append(Depot(absl::StrCat("c", i), D(2025, 3, 10)))
             .ok()) {
      state.SkipWithError("append failed");
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) store.reset();
}
BENCHMARK(BM_AppendDurableConcurrent)->Threads(8)->Threads(64)->UseRealTime();

// A batch of events in one append (a saisine's whole life at once).
void BM_AppendBatchOf10(benchmark::State& state) {
  auto store = Open(BenchDir("append-batch"), /*sync=*/true);
  int64_t i = 0;
  for (auto _ : state) {
    AppendRequest request = Depot(absl::StrCat("b", i++), D(2025, 3, 10));
    for (int k = 0; k < 9; ++k) {
      request.events.push_back(
          {absl::StrCat(request.stream_id, "-e", k),
           EchangeConsigne{D(2025, 3, 11), Interlocuteur::kRequerant, "x"}});
    }
    // The exchanges are not valid before recevabilité for the domain, but
    // the store does not decide: it measures the write of 10 events.
    if (!store->events().Append(std::move(request)).ok())
      state.SkipWithError("append");
  }
  state.SetItemsProcessed(i * 10);
}
BENCHMARK(BM_AppendBatchOf10)->UseRealTime();

// The longest history BM_ActeSelonLongueurHistorique measures.
constexpr int kLongestHistory = 1000;

// One act (an exchange recorded) on saisines whose history already holds
// state.range(0) events, unsynced (the projection's work, not the disk's):
// with the state stored folded, the cost does not grow with the history.
// The acts go round 200 saisines, so each history grows by iterations / 200
// during the measure (counter `events_at_end`). Every store holds the same
// number of events (200 histories of the longest length): shorter histories
// are padded with other saisines of the same length, so that the size of
// the store, which every read and write feels, is not what is compared.
void BM_ActeSelonLongueurHistorique(benchmark::State& state) {
  const int events = static_cast<int>(state.range(0));
  constexpr int kSaisines = 200;
  auto store =
      Open(BenchDir(absl::StrCat("historique-", events)), /*sync=*/false);
  const absl::CivilDay reception(2025, 1, 6);
  const auto echange = [&](const std::string& id) {
    AppendRequest act;
    act.stream_id = id;
    act.events.push_back(
        {absl::StrCat(id, "-", NewEventNumber()),
         EchangeConsigne{reception + 5, Interlocuteur::kRequerant, "appel"}});
    return act;
  };
  // Saisine `id` with a history of `events` events.
  const auto historique = [&](const std::string& id) {
    if (!store->events().Append(Depot(id, reception)).ok()) std::abort();
    SaisineRecevable recevable;
    recevable.date_notification = reception + 3;
    AppendRequest act;
    act.stream_id = id;
    act.events.push_back({id + "-2", recevable});
    for (int e = 2; e < events; ++e) {
      act.events.push_back(std::move(echange(id).events.front()));
      if (act.events.size() == 500) {
        if (!store->events().Append(std::move(act)).ok()) std::abort();
        act = AppendRequest{};
        act.stream_id = id;
      }
    }
    if (!act.events.empty() && !store->events().Append(std::move(act)).ok()) {
      std::abort();
    }
  };
  for (int i = 0; i < kSaisines; ++i) historique(absl::StrCat("h", i));
  const int padding = kSaisines * (kLongestHistory - events) / events;
  for (int i = 0; i < padding; ++i) historique(absl::StrCat("p", i));
  int i = 0;
  for (auto _ : state) {
    if (!store->events()
             .Append(echange(absl::StrCat("h", i++ % kSaisines)))
             .ok()) {
      std::abort();
    }
  }
  state.counters["events_at_end"] = events + i / kSaisines;
  state.counters["store_events"] =
      static_cast<double>(store->events().LastPosition());
}
BENCHMARK(BM_ActeSelonLongueurHistorique)
    ->Arg(5)
    ->Arg(kLongestHistory)
    ->UseRealTime();

void BM_ReadStream(benchmark::State& state) {
  RocksDbStore& store = Peuple(10000);
  std::mt19937 random(1);
  for (auto _ : state) {
    auto events =
        store.events().ReadStream(absl::StrCat("s", random() % 10000), 1, 100);
    benchmark::DoNotOptimize(events);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReadStream);

void BM_ScanLog(benchmark::State& state) {
  RocksDbStore& store = Peuple(10000);
  for (auto _ : state) {
    auto events = store.events().ReadAll(1, 15000);
    benchmark::DoNotOptimize(events);
  }
  state.SetItemsProcessed(state.iterations() * store.events().LastPosition());
}
BENCHMARK(BM_ScanLog)->Unit(benchmark::kMillisecond);

// The CPU time of the whole process (every thread, RocksDB's background
// ones included), in seconds: a build folds on several threads.
double ProcessCpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Waits until RocksDB runs and owes no flush or compaction: a pass over
// the store is measured on a store at rest, as a restart finds it, not
// beside the compactions of the fill (or of the previous pass's files),
// which took a core and counted in the process's CPU.
void Settle(RocksDbStore& store) {
  rocksdb::DB* db = store.database().db();
  auto busy = [db] {
    uint64_t value = 0;
    for (const char* property :
         {"rocksdb.num-running-compactions", "rocksdb.num-running-flushes"}) {
      if (db->GetIntProperty(property, &value) && value > 0) return true;
    }
    for (const char* property :
         {"rocksdb.compaction-pending", "rocksdb.mem-table-flush-pending"}) {
      if (db->GetAggregatedIntProperty(property, &value) && value > 0) {
        return true;
      }
    }
    return false;
  };
  while (busy()) absl::SleepFor(absl::Milliseconds(100));
}

// The process's peak resident memory since the last ResetOwnPeakRss, in
// MB; 0 when /proc does not say.
double PeakRssMb() {
  const std::optional<bench::ProcSample> sample = bench::SampleProc(getpid());
  return sample ? static_cast<double>(sample->peak_rss_kb) / 1024 : 0;
}

// Runs `pass` over the whole store at each iteration, on a store at rest
// (Settle, not timed), and reports the events per second, the process's
// CPU per event (all threads), its RSS when the last pass began and its
// peak RSS during the passes.
void OverTheStore(benchmark::State& state,
                  const std::function<absl::Status(RocksDbStore&)>& pass,
                  const char* what) {
  RocksDbStore& store = Peuple(static_cast<int>(state.range(0)));
  double cpu = 0;
  double peak_rss_mb = 0;
  double rss_at_start_mb = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Settle(store);
    bench::ResetOwnPeakRss();
    rss_at_start_mb = PeakRssMb();
    state.ResumeTiming();
    const double start = ProcessCpuSeconds();
    if (!pass(store).ok()) state.SkipWithError(what);
    cpu += ProcessCpuSeconds() - start;
    peak_rss_mb = std::max(peak_rss_mb, PeakRssMb());
  }
  const double events =
      static_cast<double>(state.iterations() * store.events().LastPosition());
  state.SetItemsProcessed(static_cast<int64_t>(events));
  state.counters["process_cpu_us_per_event"] = 1e6 * cpu / events;
  state.counters["peak_rss_mb"] = peak_rss_mb;
  state.counters["rss_at_start_mb"] = rss_at_start_mb;
}

void BM_RebuildProjections(benchmark::State& state) {
  OverTheStore(
      state, [](RocksDbStore& store) { return store.projections().Rebuild(); },
      "rebuild");
}
// Once each, at 100,000 saisines (150,000 events) and 666,667 saisines
// (1,000,001 events: the target's 1M-event store); with
// MEDIATION_BENCH_10M set, at 6,666,667 saisines (10,000,001 events, 1.8 GB
// of store, about 7 minutes to fill) as well: how a pass grows with the log.
void OnLargeStores(benchmark::internal::Benchmark* benchmark) {
  benchmark->Arg(100000)->Arg(666667);
  if (std::getenv("MEDIATION_BENCH_10M") != nullptr) {
    benchmark->Arg(6666667);
  }
  benchmark->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}
BENCHMARK(BM_RebuildProjections)->Arg(10000)->Apply(OnLargeStores);

// Offline verification's first half: the hash chain of the whole log.
void BM_VerifyIntegrity(benchmark::State& state) {
  OverTheStore(
      state,
      [](RocksDbStore& store) -> absl::Status {
        auto report = store.integrity().VerifyIntegrity("");
        if (!report.ok()) return report.status();
        return report->intact ? absl::OkStatus()
                              : absl::DataLossError("not intact");
      },
      "integrity");
}
BENCHMARK(BM_VerifyIntegrity)->Apply(OnLargeStores);

// Its second half: a build of the projections, whose digest is compared
// with that of the stored ones.
void BM_VerifyProjections(benchmark::State& state) {
  OverTheStore(
      state, [](RocksDbStore& store) { return store.projections().Verify(); },
      "verify");
}
BENCHMARK(BM_VerifyProjections)->Apply(OnLargeStores);

// The machine's parallel capacity, to read the other figures by: a
// CPU-bound loop on one thread, then on two at once. On two whole cores the
// rate of two threads (items_per_second, summed) is twice that of one; on
// this project's VM it was 1.2 to 1.7 times (the second vCPU is shared),
// which bounds what the two rebuild threads or a server and its load
// generator can do.
void BM_CpuCapacity(benchmark::State& state) {
  for (auto _ : state) {
    uint64_t sum = 0;
    for (uint64_t i = 0; i < 1'000'000; ++i) {
      sum += i;
      benchmark::DoNotOptimize(sum);
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CpuCapacity)->Threads(1)->Threads(2)->UseRealTime();

void BM_CalculerEcheances(benchmark::State& state) {
  SaisineState saisine = *Apply(SaisineState{}, testing::ExempleSaisineRecue());
  saisine.recue.decision_contestee =
      DecisionContestee{D(2025, 1, 10), Recours::kCra, true, ""};
  saisine.suspensions = {{D(2025, 2, 10), D(2025, 3, 3)}};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        CalculerEcheances(saisine, Calendrier::kAlsaceMoselle));
  }
}
BENCHMARK(BM_CalculerEcheances);

// The hash chaining an event (HashOf): its record serialised without the
// hash, then SHA-256. Once per event appended, and per event a
// verification reads.
void BM_EventHash(benchmark::State& state) {
  RecordedEvent event;
  event.metadata.event_id = "01a2478d-2ab3-7452-b7b3-2abc5089ef68";
  event.metadata.stream_id = "01a2478d-2ab3-7453-8c1e-5b7f1a2d3e4f";
  event.metadata.stream_version = 1;
  event.metadata.global_position = 1000;
  event.metadata.recorded_at = absl::FromUnixSeconds(1704100000);
  event.metadata.actor = "accueil-591";
  event.metadata.correlation_id = "corr";
  event.event = testing::ExempleSaisineRecue("591", D(2024, 1, 1));
  v1::EventRecord record = ToRecord(event);
  record.set_hash_precedent_flux(std::string(32, 'f'));
  record.set_hash_precedent_journal(std::string(32, 'j'));
  for (auto _ : state) benchmark::DoNotOptimize(HashOf(record));
  state.counters["record_bytes"] = static_cast<double>(record.ByteSizeLong());
}
BENCHMARK(BM_EventHash);

// The requester index's keyed hash of a NIR: one per saisine indexed, at
// each deposit and in a rebuild.
void BM_NirDigest(benchmark::State& state) {
  const NirIndexKey& key = BenchNirKey();
  for (auto _ : state) benchmark::DoNotOptimize(key.Digest("1840275123456"));
}
BENCHMARK(BM_NirDigest);

// A ProjectionWriter over a map, for a projection's own cost without a
// store: what the stager computes per event, less the overlay's.
class MapWriter final : public ProjectionWriter {
 public:
  absl::StatusOr<std::optional<std::string>> Get(
      const std::string& key) override {
    const auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& key, const std::string& value) override {
    values_[key] = value;
  }
  void Delete(const std::string& key) override { values_.erase(key); }
  void Add(const std::string&, const std::string&, int64_t) override {}

 private:
  std::map<std::string, std::string> values_;
};

// A deposit, then its recevabilité, folded by the saisine projection: the
// state decoded, the act applied, the state encoded, the index keys and the
// statistics deltas of both states. Per event.
void BM_SaisineProjectionApply(benchmark::State& state) {
  SaisineProjection projection(CaisseReferentielParDefaut(), BenchNirKey());
  RecordedEvent recue;
  recue.metadata.stream_id = "s1";
  recue.metadata.stream_version = 1;
  recue.metadata.recorded_at = absl::FromUnixSeconds(1704100000);
  recue.event = testing::ExempleSaisineRecue("591", D(2024, 1, 1));
  RecordedEvent recevable = recue;
  recevable.metadata.stream_version = 2;
  SaisineRecevable acte;
  acte.date_notification = D(2024, 1, 4);
  recevable.event = acte;
  for (auto _ : state) {
    MapWriter writer;
    if (!projection.Apply(recue, writer).ok() ||
        !projection.Apply(recevable, writer).ok()) {
      state.SkipWithError("apply");
    }
  }
  state.SetItemsProcessed(2 * state.iterations());
}
BENCHMARK(BM_SaisineProjectionApply);

// What the stager does per deposit, alone on one thread: groups of 20
// deposits over 5 caisses, each staged in an Overlay (an event and a stream
// key, then the saisine projection's state, index keys and counter deltas)
// and committed, each group flushed into a batch. Per deposit.
void BM_OverlayStageGroup(benchmark::State& state) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(options, BenchDir("overlay"), &raw).ok()) {
    state.SkipWithError("open");
    return;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* family = db->DefaultColumnFamily();
  SaisineProjection projection(CaisseReferentielParDefaut(), BenchNirKey());
  RecordedEvent recue;
  recue.metadata.stream_version = 1;
  recue.metadata.recorded_at = absl::FromUnixSeconds(1704100000);
  const std::string caisses[] = {"591", "592", "593", "594", "595"};
  const std::string record(300, 'x');
  int64_t n = 0;
  for (auto _ : state) {
    Overlay overlay(db.get());
    OverlayProjectionWriter writer(overlay, family);
    for (int i = 0; i < 20; ++i, ++n) {
      overlay.Begin();
      recue.metadata.stream_id =
          absl::StrCat("0192aaaa-bbbb-7ccc-8ddd-", 100000000000 + n);
      recue.event = testing::ExempleSaisineRecue(caisses[n % 5], D(2024, 1, 1));
      overlay.Put(family, absl::StrCat("e", n), record);
      overlay.Put(family, absl::StrCat("v", recue.metadata.stream_id),
                  "12345678");
      if (!projection.Apply(recue, writer).ok()) state.SkipWithError("apply");
      overlay.Commit();
    }
    rocksdb::WriteBatch batch;
    Overlay::CounterDeltas counters;
    benchmark::DoNotOptimize(overlay.Flush(batch, counters));
  }
  state.SetItemsProcessed(20 * state.iterations());
}
BENCHMARK(BM_OverlayStageGroup);

// A statistics read of a counter table with `state.range(0)` merge operands
// pending (one per write that counted in its scope and month), each
// touching up to 12 of 60 counters: RocksDB calls the operator once for them
// all.
void BM_CounterTableMerge(benchmark::State& state) {
  std::mt19937 random(7);
  std::vector<std::string> operands;
  for (int64_t i = 0; i < state.range(0); ++i) {
    CounterTable table;
    for (int j = 0; j < 12; ++j) {
      table[absl::StrCat("dimension", random() % 6, "/valeur",
                         random() % 10)] += 1;
    }
    operands.push_back(EncodeCounterTable(table));
  }
  const std::vector<rocksdb::Slice> slices(operands.begin(), operands.end());
  const std::string key = std::string(kCounterTablePrefix) + "n/2025-03";
  const rocksdb::Slice k(key);
  const std::shared_ptr<rocksdb::MergeOperator> op = CounterMergeOperator();
  for (auto _ : state) {
    std::string out;
    rocksdb::Slice existing_operand;
    rocksdb::MergeOperator::MergeOperationOutput merge_out(out,
                                                           existing_operand);
    if (!op->FullMergeV2(rocksdb::MergeOperator::MergeOperationInput(
                             k, nullptr, slices, nullptr),
                         &merge_out)) {
      state.SkipWithError("merge");
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CounterTableMerge)->Arg(10)->Arg(200)->Arg(1000);

// A year of national statistics: one key range per month.
void BM_StatistiquesNationales(benchmark::State& state) {
  RocksDbStore& store = Peuple(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto tableau =
        LireStatistiques(store.projections(), PerimetreNational(),
                         absl::CivilMonth(2024, 1), absl::CivilMonth(2024, 12));
    if (!tableau.ok()) state.SkipWithError("statistics");
    benchmark::DoNotOptimize(tableau);
  }
}
BENCHMARK(BM_StatistiquesNationales)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace mediation

BENCHMARK_MAIN();
