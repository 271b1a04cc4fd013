// RocksDbEventLog: the EventStore on a RocksDbDatabase.
//
// Keys:
//   events       BE64(global position)              -> v1::EventRecord
//   streams      "h" stream_id                      -> BE64(head version)
//                                                      + hash of the head
//                "v" stream_id "\0" BE64(version)   -> BE64(position)
//   idempotency  IdempotencyKey(scope, request_id)  -> v1::IdempotencyRecord
//
// Appends go through a pipeline of two threads. The stager (a
// GroupCommitter's thread) takes every queued append, checks each against
// the stream heads and request ids of the store plus those staged earlier,
// stages the events, the projections (RocksDbProjections::Apply) and
// idempotency records of the accepted ones into one WriteBatch, and hands it
// to the write thread, which writes it with one WAL sync
// (RocksDbDatabase::Write, which keeps the disk reserve and resumes after a
// failure); a third thread then sends the answers. While a write is under
// way, the stager goes on staging groups on top of it (reading its writes,
// and those of the groups waiting, before the database's); the groups
// waiting when the write ends are written together, as one batch with one
// sync, so that an append waits for at most the write under way before its
// own. At most max_group_size appends wait so: beyond, the stager waits for
// the write thread too, and the queue refuses appends beyond
// max_pending_appends (RESOURCE_EXHAUSTED). A failed write answers UNAVAILABLE
// to its groups and to those staged on them, and leaves the store as it was:
// positions, hashes and times then continue from what is stored.
//
// Thread safety: all methods may be called concurrently.
#ifndef MEDIATION_STORAGE_ROCKSDB_EVENT_LOG_H_
#define MEDIATION_STORAGE_ROCKSDB_EVENT_LOG_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "storage/event_store.h"
#include "storage/group_commit.h"
#include "storage/overlay.h"
#include "storage/rocksdb_database.h"
#include "storage/rocksdb_projections.h"

namespace mediation {

class RocksDbEventLog final : public EventStore {
 public:
  // Reads the log's end. Neither argument is owned; both must outlive this.
  // DATA_LOSS when the last event does not decode.
  static absl::StatusOr<std::unique_ptr<RocksDbEventLog>> Open(
      RocksDbDatabase& database, RocksDbProjections& projections);

  // Answers the queued appends, then stops the writer.
  ~RocksDbEventLog() override;

  void AppendAsync(AppendRequest request, AppendCallback done) override;
  absl::StatusOr<std::vector<RecordedEvent>> ReadStream(
      const std::string& stream_id, uint64_t from_version,
      size_t max_count) const override;
  absl::StatusOr<std::vector<RecordedEvent>> ReadAll(
      uint64_t from_position, size_t max_count) const override;
  uint64_t LastPosition() const override;
  absl::StatusOr<std::optional<StoredRequest>> FindRequest(
      const std::string& request_scope,
      const std::string& request_id) const override;
  bool WaitForPosition(uint64_t position,
                       absl::Duration timeout) const override;

  // Appends waiting for the writer.
  size_t PendingAppends() const { return writer_->pending(); }

 private:
  class Group;
  struct Staged;
  // Where the log goes on: the next position, the last event's hash, and
  // the last recorded_at (never decreasing).
  struct Chain {
    uint64_t next_position = 1;
    std::string hash;
    absl::Time recorded_at;
  };

  RocksDbEventLog(RocksDbDatabase& database, RocksDbProjections& projections);
  absl::Status Recover();
  // On the stager's thread: stages `group`, then hands it to the write
  // thread, with the groups waiting if any (or answers it, when it writes
  // nothing and read nothing unwritten).
  void StageGroup(std::vector<AppendRequest>& group,
                  std::vector<AppendCallback>& dones);
  // Forgets the groups staged since the last one written (after a failed
  // write): the chain goes on from what is stored.
  void RestartFromStored()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(database_.commit_mu(), pipeline_mu_);
  // Calls each callback of `staged` with its result.
  static void Answer(Staged& staged);
  void WriteLoop();
  bool HasWork() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(pipeline_mu_);
  void CompletionLoop();
  bool HasCompletions() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(completion_mu_);
  absl::StatusOr<std::vector<RecordedEvent>> ReadPositions(
      const std::vector<uint64_t>& positions) const;

  RocksDbDatabase& database_;
  RocksDbProjections& projections_;
  // The chain after the last group handed over (written or not).
  Chain staged_ ABSL_GUARDED_BY(database_.commit_mu());
  // Write failures the stager has taken into account.
  uint64_t failures_seen_ ABSL_GUARDED_BY(database_.commit_mu()) = 0;

  mutable absl::Mutex pipeline_mu_;
  // The groups handed over, waiting for the write thread.
  std::unique_ptr<Staged> next_ ABSL_GUARDED_BY(pipeline_mu_);
  // The writes of the groups being written, oldest first.
  std::vector<std::shared_ptr<const Overlay::Layer>> writing_layers_
      ABSL_GUARDED_BY(pipeline_mu_);
  // The chain after the last group written.
  Chain committed_ ABSL_GUARDED_BY(pipeline_mu_);
  uint64_t write_failures_ ABSL_GUARDED_BY(pipeline_mu_) = 0;
  // Answered to a group staged on a group whose write failed.
  absl::Status last_write_error_ ABSL_GUARDED_BY(pipeline_mu_);
  bool closing_ ABSL_GUARDED_BY(pipeline_mu_) = false;
  std::thread write_thread_;
  // The write thread's alone.
  CounterTableWriter counter_tables_;

  // Groups written (or failed), waiting for their answers to be sent.
  mutable absl::Mutex completion_mu_;
  std::vector<std::unique_ptr<Staged>> completions_
      ABSL_GUARDED_BY(completion_mu_);
  bool completions_closing_ ABSL_GUARDED_BY(completion_mu_) = false;
  std::thread completion_thread_;

  std::atomic<uint64_t> last_position_{0};
  // Whether the log may hold idempotency records without a scope (written
  // before scopes existed, or by an append without one): found at opening,
  // set before such a record is staged. Until then a request looked up in
  // its scope is not looked up again among them, a read fewer per request.
  std::atomic<bool> unscoped_requests_{false};
  // Released after each commit so that WaitForPosition re-checks.
  mutable absl::Mutex position_mu_;
  // Last: its thread stops first.
  std::unique_ptr<GroupCommitter<AppendRequest, AppendResult>> writer_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_EVENT_LOG_H_
