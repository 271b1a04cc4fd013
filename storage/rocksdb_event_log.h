// RocksDbEventLog: the EventStore on a RocksDbDatabase.
//
// Keys:
//   events       BE64(global position)              -> v1::EventRecord
//   streams      "h" stream_id                      -> BE64(head version)
//                                                      + hash of the head
//                "v" stream_id "\0" BE64(version)   -> BE64(position)
//   idempotency  IdempotencyKey(scope, request_id)  -> v1::IdempotencyRecord
//
// Appends go through one GroupCommitter: the writer takes every queued
// append, checks each against the stream heads and request ids of the store
// plus those staged earlier in the same group, stages the events, the
// projections (RocksDbProjections::Apply) and idempotency records of the
// accepted ones into one WriteBatch, writes it with one WAL sync
// (RocksDbDatabase::Write, which keeps the disk reserve and resumes after a
// failure), and only then answers. A failed write answers UNAVAILABLE to the
// whole group and leaves the store as it was.
//
// Thread safety: all methods may be called concurrently.
#ifndef MEDIATION_STORAGE_ROCKSDB_EVENT_LOG_H_
#define MEDIATION_STORAGE_ROCKSDB_EVENT_LOG_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "storage/event_store.h"
#include "storage/group_commit.h"
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
  ~RocksDbEventLog() override = default;

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

  RocksDbEventLog(RocksDbDatabase& database, RocksDbProjections& projections);
  absl::Status Recover();
  std::vector<absl::StatusOr<AppendResult>> CommitGroup(
      std::vector<AppendRequest>& group);
  absl::StatusOr<std::vector<RecordedEvent>> ReadPositions(
      const std::vector<uint64_t>& positions) const;

  RocksDbDatabase& database_;
  RocksDbProjections& projections_;
  absl::Time last_recorded_at_ ABSL_GUARDED_BY(database_.commit_mu());
  std::string last_hash_ ABSL_GUARDED_BY(database_.commit_mu());
  std::atomic<uint64_t> last_position_{0};
  // Released after each commit so that WaitForPosition re-checks.
  mutable absl::Mutex position_mu_;
  // Last: its thread stops first.
  std::unique_ptr<GroupCommitter<AppendRequest, AppendResult>> writer_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_EVENT_LOG_H_
