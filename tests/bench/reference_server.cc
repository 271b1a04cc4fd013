// mediation_reference: the minimal gRPC + RocksDB server that mediationd's
// intake is measured against (issue 13): AccueilService.DeposerSaisine only,
// each deposit one event of 3 puts (the event at its position, the stream's
// head, the request id), appended by one committer thread that writes every
// waiting deposit in one WriteBatch with one sync, then answers. No
// validation, projection, index, statistics, hash chain or authentication:
// what any event store must do at the least, so that the ratio of
// mediationd to it measures what mediationd adds.
//
// With --entries=mediationd, each deposit writes instead what mediationd
// writes for one (measured on a fresh store; RESULTS.md, 2026-12-07, sixth
// session), with the same key shapes and about the same value sizes, in
// mediationd's column families and RocksDB options (RocksDbDatabase::Open):
//   events       the event at its position (about 400 bytes);
//   streams      the stream's head ("h" + id, 40 bytes) and its version key
//                ("v" + id + "\0" + version, 8 bytes);
//   idempotency  the request id in its scope (82 bytes);
//   projections  the state ("s/" + id, about 224 bytes), four index keys
//                (the requester's, "r/" + caisse + "/" + 64 hex digits +
//                "/" + id; by caisse and status, by status, and by caisse
//                and next deadline, each with a date and the id),
//                and per write one counter-table merge operand per caisse,
//                region and national table and month touched.
// The handler reads the request id first (a replay answers from it), makes
// the id and every entry but those that need the position, on gRPC's
// threads; the committer assigns positions, adds the counters and writes.
// --projections_after_answer writes each group's projections (states, index
// keys, counters) in a second write, after the answers, in the WAL but not
// synced by it: a yardstick for a write path whose acknowledgement would
// not cover the projections (mediationd's covers them).
// --entries=mediationd-one-family writes the same entries in one column
// family with RocksDB's default options (and the counters' merge operator):
// what mediationd's layout and tuning give against none.
// --omit=KIND[,KIND...] leaves out of mediationd's entries those kinds:
// head, version, state, r (the requester's index), u (by caisse and next
// deadline), x_cs (by caisse and status), x_s (by status), counters. What
// each entry costs the intake, for a choice of what a deposit could do
// without (entry_costs.sh); the handler still makes them, so that only the
// storage work is left out.
// No validation, authentication, state fold, hash chain or NIR keyed hash:
// the storage work of a deposit alone, so that mediationd's ratio to this
// mode says what its storage costs against the rest of what it does.
//
//   mediation_reference --listen=127.0.0.1:0 --port_file=F --data_dir=D
//                       [--entries=minimal|mediationd|mediationd-one-family]
//                       [--projections_after_answer] [--omit=KIND,...]
//
// Plaintext; the load generator runs against it with --insecure (the tokens
// it sends are ignored). Stops on SIGTERM or SIGINT. On SIGUSR1, prints on
// stderr "answered <requests> in_server_seconds <sum>": the requests
// answered so far and the time they spent in the server, from the handler's
// call to its Finish (threads_intake.sh reads it around a run, as it reads
// mediationd's handling-time histogram).
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "domain/caisse.h"
#include "grpcpp/grpcpp.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "services/fingerprint.h"
#include "storage/counter_merge.h"
#include "storage/keys.h"
#include "storage/rocksdb_database.h"
#include "storage/statistiques.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port (port 0: any).");
ABSL_FLAG(std::string, port_file, "", "Where to write the bound port.");
ABSL_FLAG(std::string, data_dir, "./reference-data", "RocksDB directory.");
ABSL_FLAG(bool, sync, true, "Sync the WAL before answering.");
ABSL_FLAG(std::string, entries, "minimal",
          "minimal: 3 puts per deposit in one family. mediationd: the "
          "entries mediationd writes for a deposit, in its column families "
          "and options (see the file's header). mediationd-one-family: the "
          "same entries in the default family, with RocksDB's default "
          "options.");
ABSL_FLAG(bool, projections_after_answer, false,
          "With --entries=mediationd*: each group's projections (states, "
          "index keys, counters) in a second write, unsynced, after the "
          "answers: what taking them out of the acknowledged write would "
          "give. Not mediationd's guarantee.");

ABSL_FLAG(std::vector<std::string>, omit, {},
          "With --entries=mediationd*: kinds of entries left out, among "
          "head, version, state, r, u, x_cs, x_s, counters.");

namespace mediation {
namespace {

// What --omit leaves out.
struct Omitted {
  bool head = false;
  bool version = false;
  bool state = false;
  bool counters = false;
  // Staged::index_keys' four: r, u, x_cs, x_s, in that order.
  bool index[4] = {false, false, false, false};
};

// `kinds` (--omit) read, or an error naming the unknown kind.
absl::StatusOr<Omitted> ParseOmitted(const std::vector<std::string>& kinds) {
  Omitted omitted;
  const std::pair<const char*, bool*> known[] = {
      {"head", &omitted.head},    {"version", &omitted.version},
      {"state", &omitted.state},  {"r", &omitted.index[0]},
      {"u", &omitted.index[1]},   {"x_cs", &omitted.index[2]},
      {"x_s", &omitted.index[3]}, {"counters", &omitted.counters}};
  for (const std::string& kind : kinds) {
    const auto* const found =
        std::find_if(std::begin(known), std::end(known),
                     [&](const auto& entry) { return kind == entry.first; });
    if (found == std::end(known)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--omit: '", kind,
          "' is not one of head, version, state, r, u, x_cs, x_s, counters"));
    }
    *found->second = true;
  }
  return omitted;
}

// --entries=mediationd[-one-family]: a deposit's entries, made on the
// handler's thread (all but the values that hold the position, and the
// event's key, which the committer adds).
struct Staged {
  std::string id;  // The saisine's id, time-ordered as mediationd's.
  std::string event;
  std::string head_key;
  std::string version_key;  // Its first version's.
  std::string idempotency_key;
  std::string idempotency_value;
  std::string state_key;
  std::string state_value;
  std::vector<std::string> index_keys;
  // The counter tables the deposit moves (TablesStatistiques: its caisse's,
  // the nation's and its region's, for its month), and what it adds to each
  // (about the size of mediationd's tables: 150 bytes against its 160).
  std::vector<std::string> tables;
  CounterTable counts;
};

struct Pending {
  std::string event;  // The request's bytes: the event's payload.
  std::string request_id;
  v1::DeposerSaisineResponse* response;
  grpc::ServerUnaryReactor* reactor;
  absl::Time arrived;
  std::unique_ptr<Staged> staged;  // Null with --entries=minimal.
};

// Where the committer writes mediationd's entries: its families, or the
// default one for each (--entries=mediationd-one-family).
struct Families {
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* idempotency = nullptr;
  rocksdb::ColumnFamilyHandle* projections = nullptr;
};

// One thread; each group: one WriteBatch, one synced write, then answers.
class Committer {
 public:
  // `families` null: the minimal layout, in the default family.
  // `projections_after_answer`: see the flag.
  // `omitted`: the kinds of entries left out (--omit).
  Committer(rocksdb::DB* db, const Families* families, bool sync,
            bool projections_after_answer, Omitted omitted)
      : db_(db),
        families_(families),
        sync_(sync),
        projections_after_answer_(projections_after_answer),
        omitted_(omitted) {
    thread_ = std::thread([this] { Loop(); });
    // So that a per-thread breakdown (threads_intake.sh, perf) tells it
    // from the main thread.
    pthread_setname_np(thread_.native_handle(), "ref-committer");
  }
  ~Committer() {
    {
      absl::MutexLock lock(&mu_);
      closing_ = true;
    }
    thread_.join();
  }
  // Requests answered, and the microseconds they spent in the server.
  uint64_t answered() const { return answered_.load(); }
  uint64_t in_server_micros() const { return in_server_micros_.load(); }

  void Submit(Pending pending) {
    absl::MutexLock lock(&mu_);
    queue_.push_back(std::move(pending));
  }

 private:
  bool Ready() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closing_ || !queue_.empty();
  }
  // The minimal layout: the event, the stream's head, the request id.
  void AddMinimal(const Pending& pending, rocksdb::WriteBatch* batch,
                  std::string* id) {
    *id = absl::StrCat("ref-", position_);
    batch->Put(BigEndian64(position_), pending.event);
    batch->Put(absl::StrCat("h", *id), BigEndian64(1));
    batch->Put(absl::StrCat("r", pending.request_id), *id);
  }
  // mediationd's entries, the projections' (state and index keys) in
  // `projections`, which may be `batch`; the counters are added once per
  // group.
  void AddStaged(const Staged& staged, rocksdb::WriteBatch* batch,
                 rocksdb::WriteBatch* projections,
                 absl::flat_hash_map<std::string, CounterTable>* tables) {
    const Families& f = *families_;
    batch->Put(f.events, BigEndian64(position_), staged.event);
    if (!omitted_.head) {
      // The head: its version, its position, and the hash of its last event.
      std::string head = BigEndian64(1);
      head += BigEndian64(position_);
      head.append(staged.event, 0, 24);
      batch->Put(f.streams, staged.head_key, head);
    }
    if (!omitted_.version) {
      batch->Put(f.streams, staged.version_key, BigEndian64(position_));
    }
    batch->Put(f.idempotency, staged.idempotency_key, staged.idempotency_value);
    if (!omitted_.state) {
      projections->Put(f.projections, staged.state_key, staged.state_value);
    }
    for (size_t i = 0; i < staged.index_keys.size(); ++i) {
      if (!omitted_.index[i]) {
        projections->Put(f.projections, staged.index_keys[i], "");
      }
    }
    if (omitted_.counters) return;
    for (const std::string& table : staged.tables) {
      CounterTable& sum = (*tables)[table];
      for (const auto& [name, count] : staged.counts) sum[name] += count;
    }
  }
  void Loop() {
    for (;;) {
      std::deque<Pending> group;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(this, &Committer::Ready));
        if (queue_.empty()) return;
        group.swap(queue_);
      }
      rocksdb::WriteBatch batch;
      rocksdb::WriteBatch later;  // --projections_after_answer.
      rocksdb::WriteBatch* const projections =
          projections_after_answer_ ? &later : &batch;
      std::vector<std::string> ids;
      absl::flat_hash_map<std::string, CounterTable> tables;
      for (const Pending& pending : group) {
        ++position_;
        if (pending.staged == nullptr) {
          AddMinimal(pending, &batch, &ids.emplace_back());
        } else {
          AddStaged(*pending.staged, &batch, projections, &tables);
          ids.push_back(pending.staged->id);
        }
      }
      for (const auto& [key, counts] : tables) {
        projections->Merge(families_->projections, key,
                           EncodeCounterTable(counts));
      }
      rocksdb::WriteOptions options;
      options.sync = sync_;
      const rocksdb::Status written = db_->Write(options, &batch);
      const absl::Time now = absl::Now();
      for (size_t i = 0; i < group.size(); ++i) {
        in_server_micros_ += absl::ToInt64Microseconds(now - group[i].arrived);
        ++answered_;
        if (written.ok()) {
          group[i].response->set_saisine_id(ids[i]);
          group[i].response->set_version(1);
          group[i].reactor->Finish(grpc::Status::OK);
        } else {
          group[i].reactor->Finish(
              grpc::Status(grpc::StatusCode::UNAVAILABLE, written.ToString()));
        }
      }
      if (later.Count() > 0) {
        // In the WAL, unsynced: synced with the next group's write.
        const rocksdb::Status projected =
            db_->Write(rocksdb::WriteOptions(), &later);
        if (!projected.ok()) {
          std::fprintf(stderr, "projections: %s\n",
                       projected.ToString().c_str());
        }
      }
    }
  }

  rocksdb::DB* const db_;
  const Families* const families_;
  const bool sync_;
  const bool projections_after_answer_;
  const Omitted omitted_;
  uint64_t position_ = 0;  // Writer thread only.
  std::atomic<uint64_t> answered_{0};
  std::atomic<uint64_t> in_server_micros_{0};
  absl::Mutex mu_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// A 64-bit mix (splitmix64's finalizer): the ids' and digests' random-looking
// bits, from a counter or a string's hash.
uint64_t Mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// `bytes` repeated or cut to `size` bytes, after `prefix`.
std::string Filled(std::string prefix, const std::string& bytes, size_t size) {
  while (prefix.size() < size && !bytes.empty()) prefix += bytes;
  prefix.resize(size, '\0');
  return prefix;
}

// What mediationd writes for a deposit of `request` (the sizes measured on
// its store: the event 402 bytes, the idempotency record 82, the state 224).
std::unique_ptr<Staged> Stage(const v1::DeposerSaisineRequest& request,
                              const std::string& request_bytes,
                              const std::string& idempotency_key,
                              uint64_t counter) {
  auto staged = std::make_unique<Staged>();
  const uint64_t millis = absl::ToUnixMillis(absl::Now());
  const uint64_t random = Mix(counter);
  // A version-7 UUID: 48 bits of milliseconds, then random bits.
  staged->id = absl::StrFormat(
      "%08x-%04x-7%03x-%04x-%012x", millis >> 16, millis & 0xffff,
      random & 0xfff, 0x8000 | ((random >> 12) & 0x3fff),
      (random >> 26) ^ (Mix(random) & 0xffffffffffffULL));
  // The event: its payload, ids and hash, as about 400 bytes.
  std::string hash;
  for (uint64_t i = 0; i < 4; ++i) hash += BigEndian64(Mix(random + i));
  staged->event = Filled(
      absl::StrCat(hash, staged->id, request.request_id(), request_bytes),
      request_bytes, 402);
  staged->head_key = absl::StrCat("h", staged->id);
  staged->version_key =
      absl::StrCat("v", staged->id, std::string(1, '\0'), BigEndian64(1));
  staged->idempotency_key = idempotency_key;
  staged->idempotency_value =
      Filled(absl::StrCat(staged->id, BigEndian64(1)), request_bytes, 82);
  staged->state_key = absl::StrCat("s/", staged->id);
  staged->state_value =
      Filled(absl::StrCat(staged->id, hash), request_bytes, 224);
  // The requester's index: a keyed hash of the NIR in 64 hex digits.
  const uint64_t nir = absl::Hash<std::string>{}(request.requerant().nir());
  const std::string caisse = LengthPrefixed(request.caisse());
  const std::string day =
      absl::StrReplaceAll(request.date_reception(), {{"-", ""}});
  staged->index_keys = {
      absl::StrCat("r/", caisse, "/",
                   absl::StrFormat("%016x%016x%016x%016x", Mix(nir),
                                   Mix(nir + 1), Mix(nir + 2), Mix(nir + 3)),
                   "/", staged->id),
      absl::StrCat("u/", caisse, "/", day, "/", staged->id),
      absl::StrCat("x/cs/", caisse, "/01/", day, "/", staged->id),
      absl::StrCat("x/s/01/", day, "/", staged->id)};
  // mediationd's tables, with its default referential (the benchmark
  // scripts start it without --caisses); none for a date that does not parse.
  if (absl::CivilDay received;
      absl::ParseCivilTime(request.date_reception(), &received)) {
    staged->tables =
        TablesStatistiques(CaisseReferentielParDefaut(), request.caisse(),
                           absl::CivilMonth(received));
  }
  staged->counts = {
      {"statut/recue", 1},
      {absl::StrCat("canal/", request.canal()), 1},
      {absl::StrCat("origine/", request.origine()), 1},
      {absl::StrCat("processus/", request.objet().processus()), 1},
      {absl::StrCat("sous_processus/", request.objet().sous_processus()), 1},
      {absl::StrCat("reclamation_prealable/",
                    request.has_reclamation_prealable()),
       1},
      {absl::StrCat("recours_contentieux/",
                    request.recours_contentieux_en_cours()),
       1}};
  return staged;
}

class ReferenceAccueil final : public v1::AccueilService::CallbackService {
 public:
  // `families` null: the minimal layout.
  ReferenceAccueil(Committer* committer, rocksdb::DB* db,
                   const Families* families)
      : committer_(committer), db_(db), families_(families) {}
  grpc::ServerUnaryReactor* DeposerSaisine(
      grpc::CallbackServerContext* context,
      const v1::DeposerSaisineRequest* request,
      v1::DeposerSaisineResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    Pending pending{request->SerializeAsString(),
                    request->request_id(),
                    response,
                    reactor,
                    absl::Now(),
                    nullptr};
    if (families_ != nullptr) {
      // mediationd's scope: the caisse and the request's type.
      const std::string key = IdempotencyKey(
          RequestScope(request->caisse(), *request), request->request_id());
      std::string recorded;
      const rocksdb::Status read = db_->Get(
          rocksdb::ReadOptions(), families_->idempotency, key, &recorded);
      if (read.ok()) {  // A replay: the saisine it made.
        response->set_saisine_id(recorded.substr(0, 36));
        response->set_version(1);
        reactor->Finish(grpc::Status::OK);
        return reactor;
      }
      if (!read.IsNotFound()) {
        reactor->Finish(
            grpc::Status(grpc::StatusCode::UNAVAILABLE, read.ToString()));
        return reactor;
      }
      pending.staged =
          Stage(*request, pending.event, key, counter_.fetch_add(1));
    }
    committer_->Submit(std::move(pending));
    return reactor;
  }

 private:
  Committer* const committer_;
  rocksdb::DB* const db_;
  const Families* const families_;
  std::atomic<uint64_t> counter_{0};
};

int Run() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const std::string entries = absl::GetFlag(FLAGS_entries);
  if (entries != "minimal" && entries != "mediationd" &&
      entries != "mediationd-one-family") {
    std::fprintf(stderr,
                 "--entries: minimal, mediationd or mediationd-one-family, "
                 "not '%s'\n",
                 entries.c_str());
    return 2;
  }
  const absl::StatusOr<Omitted> omitted =
      ParseOmitted(absl::GetFlag(FLAGS_omit));
  if (!omitted.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(omitted.status().message()).c_str());
    return 2;
  }
  // Both change how mediationd's entries are written: the minimal layout
  // has none, and is refused them rather than run without them.
  if (entries == "minimal") {
    if (!absl::GetFlag(FLAGS_omit).empty()) {
      std::fprintf(stderr, "--omit: only with --entries=mediationd*\n");
      return 2;
    }
    if (absl::GetFlag(FLAGS_projections_after_answer)) {
      std::fprintf(stderr,
                   "--projections_after_answer: only with "
                   "--entries=mediationd*\n");
      return 2;
    }
  }
  std::unique_ptr<rocksdb::DB> db;
  std::unique_ptr<RocksDbDatabase> database;
  Families families;
  if (entries != "mediationd") {
    rocksdb::Options options;
    options.create_if_missing = true;
    if (entries == "mediationd-one-family") {
      options.merge_operator = CounterMergeOperator();
    }
    rocksdb::DB* raw = nullptr;
    const rocksdb::Status opened =
        rocksdb::DB::Open(options, absl::GetFlag(FLAGS_data_dir), &raw);
    if (!opened.ok()) {
      std::fprintf(stderr, "rocksdb: %s\n", opened.ToString().c_str());
      return 1;
    }
    db.reset(raw);
    if (entries == "mediationd-one-family") {
      rocksdb::ColumnFamilyHandle* const all = db->DefaultColumnFamily();
      families = {all, all, all, all};
    }
  } else {
    absl::StatusOr<std::unique_ptr<RocksDbDatabase>> opened =
        RocksDbDatabase::Open(absl::GetFlag(FLAGS_data_dir),
                              RocksDbStoreOptions());
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      return 1;
    }
    database = *std::move(opened);
    families = {database->events(), database->streams(),
                database->idempotency(), database->projections()};
  }
  int port = 0;
  {
    rocksdb::DB* const store = database != nullptr ? database->db() : db.get();
    const Families* const layout = entries != "minimal" ? &families : nullptr;
    Committer committer(store, layout, absl::GetFlag(FLAGS_sync),
                        absl::GetFlag(FLAGS_projections_after_answer),
                        *omitted);
    ReferenceAccueil service(&committer, store, layout);
    grpc::ServerBuilder builder;
    builder.AddListeningPort(absl::GetFlag(FLAGS_listen),
                             grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service);
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    if (server == nullptr || port == 0) {
      std::fprintf(stderr, "cannot listen on %s\n",
                   absl::GetFlag(FLAGS_listen).c_str());
      return 1;
    }
    if (const std::string file = absl::GetFlag(FLAGS_port_file);
        !file.empty()) {
      std::ofstream(file + ".tmp") << port << "\n";
      std::rename((file + ".tmp").c_str(), file.c_str());
    }
    int received = 0;
    while (sigwait(&signals, &received) == 0 && received == SIGUSR1) {
      std::fprintf(stderr, "answered %llu in_server_seconds %.6f\n",
                   static_cast<unsigned long long>(committer.answered()),
                   static_cast<double>(committer.in_server_micros()) / 1e6);
      std::fflush(stderr);
    }
    server->Shutdown();
  }
  return 0;
}

}  // namespace
}  // namespace mediation

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // As in mediationd's main (cmd/mediationd/main.cc), and for the same
  // reason: no lock-order recording on every absl::Mutex.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return mediation::Run();
}
