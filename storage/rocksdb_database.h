// RocksDbDatabase: the one RocksDB database of a store, shared by its parts
// (event log, projections, consultation journal, integrity, backup): it
// opens it with its column families and guards every write with the disk
// reserve and the recovery after a failed write.
//
// Column families (each part documents its keys):
//   events        the log (rocksdb_event_log.h)
//   streams       stream heads and version index (rocksdb_event_log.h)
//   idempotency   request ids (rocksdb_event_log.h)
//   projections   the projections' keys (rocksdb_projections.h)
//   consultations the consultation journal (rocksdb_consultation_journal.h)
//   anchors       signed anchors of the log head (rocksdb_integrity.h)
//   default       "projections" -> the ids of the projections built
//
// Thread safety: all methods may be called concurrently.
#ifndef MEDIATION_STORAGE_ROCKSDB_DATABASE_H_
#define MEDIATION_STORAGE_ROCKSDB_DATABASE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "base/clock.h"
#include "rocksdb/db.h"
#include "storage/anchor.h"
#include "storage/store_observer.h"

namespace mediation {

struct RocksDbStoreOptions {
  // Sync the WAL before acknowledging a write. Default true: an acknowledged
  // write survives a machine crash. With false it survives a process crash
  // only; for tests and benchmarks, never production.
  bool sync = true;
  // Appends waiting for the writer beyond which an append is refused with
  // RESOURCE_EXHAUSTED at once (back-pressure instead of unbounded memory).
  // The consultation journal has the same bound.
  size_t max_pending_appends = 50000;
  // Appends committed by one WriteBatch at most.
  size_t max_group_size = 2048;
  // Free space kept on the store's file system: below it, writes answer
  // UNAVAILABLE at once without writing, so that the disk never fills under
  // the store (RocksDB's own flushes and compactions need room too). Reads
  // go on; writes succeed again as soon as space is freed. 0: no reserve.
  uint64_t reserve_bytes = 64ull << 20;
  // Stamps recorded_at and paces the resume after a failure. Not owned;
  // must outlive the store. nullptr: the system clock.
  const Clock* clock = nullptr;
  // Signs the log head's anchors (a private key) and verifies them (a
  // private or public key) in VerifyIntegrity. Not owned; must outlive the
  // store. nullptr: no anchors made, none checked.
  const AnchorKey* anchor_key = nullptr;
  // Told of each group written and each append refused (metrics). Not
  // owned; must outlive the store. nullptr: nobody watches.
  StoreObserver* observer = nullptr;
  // A rebuild of the projections cuts the log into ranges of about this
  // many positions; the streams beginning in one are folded in memory at
  // once, one range per build thread: it bounds the memory a rebuild
  // takes. At this default, a 1M-event store peaked at 306–327 MB and a
  // 10M-event one at 566–590 MB (store_bench); ranges of 250,000 took
  // 511–553 and 990–1,118 MB, at the same rate within the spread.
  uint64_t rebuild_events_per_pass = 62'500;
  // A counter table written as merge operands is written in full once this
  // many operands of it may be pending (CounterTableWriter): what a
  // statistics read merges stays bounded, however long a memtable lives.
  // 0 counts as 1.
  uint32_t max_counter_operands = 64;
  // Whether opening the store rebuilds projections stored under other ids
  // than its projections' (another format, caisse referential or NIR index
  // key, or a rebuild that did not finish). false: they are left as they
  // are, and RocksDbProjections::Stale() says so; for an offline check,
  // which must not rewrite the store it checks (a backup, say) under a
  // referential or key that may not be the service's.
  bool rebuild_stale_projections = true;
  // Tests only: called before each write of Write(); a status other than OK
  // fails that write as an I/O error would (nothing written, UNAVAILABLE).
  std::function<absl::Status()> write_fault;
};

// Figures of the database for metrics, read when asked.
struct RocksDbStats {
  uint64_t pending_compaction_bytes = 0;
  uint64_t memtable_bytes = 0;
  uint64_t sst_bytes = 0;
  // 1 while RocksDB stops writes (too many memtables or level-0 files).
  uint64_t write_stopped = 0;
  // The rate writes are slowed to (bytes/s); 0 when they are not.
  uint64_t delayed_write_rate = 0;
  // Free bytes on the data directory's file system (for the caller), and
  // the reserve kept there.
  uint64_t free_bytes = 0;
  uint64_t reserve_bytes = 0;
};

// The options of every column family (merge operator of the counters).
rocksdb::ColumnFamilyOptions FamilyOptions(const rocksdb::Options& db_options);

class RocksDbDatabase {
 public:
  // Opens (creating if needed) the database in `path`, and drops a scratch
  // family an interrupted verification left. UNAVAILABLE when RocksDB
  // cannot open it (locked by another process, I/O error).
  static absl::StatusOr<std::unique_ptr<RocksDbDatabase>> Open(
      const std::string& path, RocksDbStoreOptions options);
  ~RocksDbDatabase();

  rocksdb::DB* db() const { return db_.get(); }
  // The database's directory.
  const std::string& path() const { return path_; }
  rocksdb::ColumnFamilyHandle* events() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* streams() const { return handles_[2]; }
  rocksdb::ColumnFamilyHandle* idempotency() const { return handles_[3]; }
  rocksdb::ColumnFamilyHandle* projections() const { return handles_[4]; }
  rocksdb::ColumnFamilyHandle* consultations() const { return handles_[5]; }
  rocksdb::ColumnFamilyHandle* anchors() const { return handles_[6]; }
  const RocksDbStoreOptions& options() const { return options_; }
  const Clock& clock() const { return clock_; }

  // Writes `batch` (synced as the options say). Before writing: UNAVAILABLE
  // when the free space is below the reserve, or when the last write failed
  // and RocksDB does not resume yet (asked at most once a second). A failed
  // write is UNAVAILABLE and leaves nothing of `batch`. `what` names the
  // write in errors.
  // The refusals carry their cause (store_observer.h: WithRefusal). The
  // operator's log gets one line when the reserve is reached and when it is
  // left, at a failed write, and when RocksDB resumes.
  absl::Status Write(rocksdb::WriteBatch& batch, absl::string_view what);

  // OK while a write would be attempted; otherwise the refusal Write would
  // answer now (reserve reached, or failed and not resumed). For health
  // checks: it writes nothing and does not try to resume.
  absl::Status WritesAccepted() const;

  // Summed over the column families where it applies.
  RocksDbStats Stats() const;

  // Held by whoever stages appends to the log or replaces the projections,
  // so that a rebuild never interleaves with a group of appends.
  absl::Mutex& commit_mu() { return commit_mu_; }

  // A group staged under commit_mu() may be written after the mutex is
  // released (the event log's pipeline): the stager calls WriteHandedOff()
  // before releasing it, the writer WriteFinished() once the write is over
  // (written or failed). Whoever replaces the projections calls
  // AwaitWritesFinished() with commit_mu() held, so that no group staged
  // before lands after.
  void WriteHandedOff();
  void WriteFinished();
  void AwaitWritesFinished() ABSL_EXCLUSIVE_LOCKS_REQUIRED(commit_mu_);

 private:
  RocksDbDatabase(std::string path, RocksDbStoreOptions options);
  // Free bytes on the file system of `path_`; nullopt when unknown.
  std::optional<uint64_t> FreeBytes() const;
  absl::Status CheckFreeSpace() const;
  absl::Status ResumeIfFailed();

  const std::string path_;
  const RocksDbStoreOptions options_;
  const SystemClock system_clock_;
  const Clock& clock_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  absl::Mutex commit_mu_;
  absl::Mutex in_flight_mu_;
  int writes_in_flight_ ABSL_GUARDED_BY(in_flight_mu_) = 0;

  mutable absl::Mutex guard_mu_;
  // False after a failed write, until RocksDB resumes writing.
  bool resumed_ ABSL_GUARDED_BY(guard_mu_) = true;
  // Whether the last free-space check found the reserve reached (logged on
  // each change only).
  mutable std::atomic<bool> reserve_reached_{false};
  absl::Status last_error_ ABSL_GUARDED_BY(guard_mu_);
  absl::Time last_resume_attempt_ ABSL_GUARDED_BY(guard_mu_) =
      absl::InfinitePast();
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_DATABASE_H_
