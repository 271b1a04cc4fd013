// RocksDbEventStore: the EventStore and ProjectionReader on a local RocksDB.
//
// Layout (column families):
//   events       BE64(global position)                  -> v1::EventRecord
//   streams      "h" stream_id                          -> BE64(head version)
//                                                          + hash of the head
//                "v" stream_id "\0" BE64(version)       -> BE64(position)
//   idempotency  request_id                             ->
//   v1::IdempotencyRecord projections  owned by the registered Projections
//   consultations "t" BE64(sequence)                    -> v1::Consultation
//                "s" saisine_id "\0" BE64(sequence)     -> ""
//   default      "projections"                          -> their joined Id()s
//
// Writes go through one writer thread. It takes every queued append (up to
// `max_group_size`), checks each against the stream heads and request ids of
// the store plus those staged earlier in the same group, stages the events,
// projections and idempotency records of the accepted ones into one
// WriteBatch, writes it with one WAL sync, and only then answers: a group
// commit, so concurrent appends share one fsync. A failed write answers
// UNAVAILABLE to the whole group and leaves the store as it was; RocksDB then
// refuses writes, and the writer asks it to resume (at most once a second,
// answering UNAVAILABLE meanwhile) until it can write again: when the disk
// has room again, appends succeed with no restart. Reads go on throughout.
//
//   auto store = RocksDbEventStore::Open(dir, options, std::move(projections));
//
// Thread safety: all methods may be called concurrently.
#ifndef MEDIATION_STORAGE_ROCKSDB_EVENT_STORE_H_
#define MEDIATION_STORAGE_ROCKSDB_EVENT_STORE_H_

#include <atomic>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "base/clock.h"
#include "rocksdb/db.h"
#include "storage/consultation_journal.h"
#include "storage/event_store.h"
#include "storage/integrity.h"
#include "storage/projection.h"

namespace mediation {

struct RocksDbEventStoreOptions {
  // Sync the WAL before acknowledging an append. Default true: an
  // acknowledged append survives a machine crash. With false it survives a
  // process crash only; for tests and benchmarks, never production.
  bool sync = true;
  // Appends waiting for the writer beyond which AppendAsync answers
  // RESOURCE_EXHAUSTED at once (back-pressure instead of unbounded memory).
  size_t max_pending_appends = 50000;
  // Appends committed by one WriteBatch at most.
  size_t max_group_size = 2048;
  // Free space kept on the store's file system: below it, appends answer
  // UNAVAILABLE at once without writing, so that the disk never fills under
  // the store (RocksDB's own flushes and compactions need room too). Reads
  // go on; appends succeed again as soon as space is freed. 0: no reserve.
  uint64_t reserve_bytes = 64ull << 20;
  // Stamps recorded_at. Not owned; must outlive the store. nullptr: the
  // system clock.
  const Clock* clock = nullptr;
};

// The options of every column family (merge operator of the counters).
rocksdb::ColumnFamilyOptions FamilyOptions(const rocksdb::Options& db_options);

class RocksDbEventStore final : public EventStore,
                                public ProjectionReader,
                                public ConsultationJournal {
 public:
  // Opens (creating if needed) the store in directory `path`. Rebuilds the
  // projections when the stored projection ids differ from `projections`'.
  // Errors: UNAVAILABLE when RocksDB cannot open the directory (locked by
  // another process, I/O error); DATA_LOSS when stored data does not decode.
  static absl::StatusOr<std::unique_ptr<RocksDbEventStore>> Open(
      const std::string& path, RocksDbEventStoreOptions options,
      std::vector<std::unique_ptr<Projection>> projections);

  // Answers the queued appends, then closes the database.
  ~RocksDbEventStore() override;

  // EventStore.
  void AppendAsync(AppendRequest request, AppendCallback done) override;
  absl::StatusOr<std::vector<RecordedEvent>> ReadStream(
      const std::string& stream_id, uint64_t from_version,
      size_t max_count) const override;
  absl::StatusOr<std::vector<RecordedEvent>> ReadAll(
      uint64_t from_position, size_t max_count) const override;
  uint64_t LastPosition() const override;
  absl::StatusOr<std::optional<StoredRequest>> FindRequest(
      const std::string& request_id) const override;
  bool WaitForPosition(uint64_t position,
                       absl::Duration timeout) const override;

  // ProjectionReader.
  absl::StatusOr<std::optional<std::string>> Get(
      const std::string& key) const override;
  absl::Status Scan(const std::string& begin, const std::string& end,
                    bool reverse, const ScanVisitor& visit) const override;

  // ConsultationJournal.
  void RecordAsync(Consultation consultation, RecordCallback done) override;
  absl::StatusOr<std::vector<Consultation>> ConsultationsOf(
      const std::string& saisine_id, uint64_t from,
      size_t max_count) const override;

  // Replaces every projection by a replay of the whole log. Appends wait
  // meanwhile. Crash safe: the projections count as built only once the
  // rebuild is over (else the next Open rebuilds them).
  absl::Status RebuildProjections();

  // Replays the log into a scratch area and compares it with the stored
  // projections: OK when equal byte for byte, DATA_LOSS naming the first key
  // that differs otherwise. Appends wait meanwhile.
  absl::Status VerifyProjections();

  absl::StatusOr<IntegrityReport> VerifyIntegrity(
      const std::string& stream_id) const override;

  // A consistent copy of the whole store, taken while it serves: a RocksDB
  // checkpoint (hard links to immutable files where the file system allows,
  // plus the write-ahead log). `directory` must not exist; the copy opens as
  // a store of its own. FAILED_PRECONDITION when `directory` exists,
  // UNAVAILABLE on an I/O error.
  absl::Status Checkpoint(const std::string& directory) const override;

  // Key (default family) of the ids of the projections stored, once built.
  static constexpr char kProjectionIdsKey[] = "projections";

  // Direct access for tools and tests (e.g. to damage a value on purpose).
  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* events_family() const {
    return families_.events;
  }
  rocksdb::ColumnFamilyHandle* projections_family() const {
    return families_.projections;
  }

 private:
  struct Families {
    rocksdb::ColumnFamilyHandle* events = nullptr;
    rocksdb::ColumnFamilyHandle* streams = nullptr;
    rocksdb::ColumnFamilyHandle* idempotency = nullptr;
    rocksdb::ColumnFamilyHandle* projections = nullptr;
    rocksdb::ColumnFamilyHandle* consultations = nullptr;
  };
  struct Pending {
    AppendRequest request;
    AppendCallback done;
  };
  class Group;

  RocksDbEventStore(RocksDbEventStoreOptions options,
                    std::vector<std::unique_ptr<Projection>> projections);

  absl::Status Recover();
  // UNAVAILABLE when the file system has less than the reserve free.
  absl::Status CheckFreeSpace() const;
  absl::Status RecoverConsultations();
  absl::Status CheckProjectionIds();
  // The registered projections' ids, as stored once they are built.
  std::string ProjectionIds() const;
  void WriterLoop();
  std::vector<absl::StatusOr<AppendResult>> CommitGroup(
      const std::vector<std::unique_ptr<Pending>>& group)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(commit_mu_);
  absl::Status ReplayInto(rocksdb::ColumnFamilyHandle* target)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(commit_mu_);
  absl::StatusOr<std::vector<RecordedEvent>> ReadPositions(
      const std::vector<uint64_t>& positions) const;

  const RocksDbEventStoreOptions options_;
  std::string path_;
  const SystemClock system_clock_;
  const Clock& clock_;
  const std::vector<std::unique_ptr<Projection>> projections_;

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  Families families_;

  // Held by whoever writes: the writer thread for a group, or a rebuild.
  absl::Mutex commit_mu_ ABSL_ACQUIRED_BEFORE(queue_mu_);
  absl::Time last_recorded_at_ ABSL_GUARDED_BY(commit_mu_);
  std::string last_hash_ ABSL_GUARDED_BY(commit_mu_);
  // False after a failed write, until RocksDB resumes writing.
  bool resumed_after_error_ ABSL_GUARDED_BY(commit_mu_) = true;
  absl::Status last_write_error_ ABSL_GUARDED_BY(commit_mu_);
  absl::Time last_resume_attempt_ ABSL_GUARDED_BY(commit_mu_) =
      absl::InfinitePast();
  std::atomic<uint64_t> last_position_{0};
  // Released after each commit so that WaitForPosition re-checks.
  mutable absl::Mutex position_mu_;
  std::atomic<uint64_t> last_consultation_{0};

  absl::Mutex queue_mu_;
  std::deque<std::unique_ptr<Pending>> queue_ ABSL_GUARDED_BY(queue_mu_);
  bool closing_ ABSL_GUARDED_BY(queue_mu_) = false;
  std::thread writer_;

  // The consultation journal's own writer: it takes every queued record,
  // numbers them in order, and writes them in one synced batch.
  struct PendingConsultation {
    Consultation consultation;
    RecordCallback done;
  };
  void JournalLoop();
  absl::Mutex journal_mu_;
  std::deque<PendingConsultation> journal_queue_ ABSL_GUARDED_BY(journal_mu_);
  bool journal_closing_ ABSL_GUARDED_BY(journal_mu_) = false;
  std::thread journal_writer_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_EVENT_STORE_H_
