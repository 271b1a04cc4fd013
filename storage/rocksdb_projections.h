// RocksDbProjections: the projections of a store, in its `projections`
// column family (each Projection owns a key prefix there), read through
// ProjectionReader and applied by the event log in the same batch as the
// events they derive from; rebuilt from the log when their format changes,
// and verified against a replay of the log.
//
// Thread safety: all methods may be called concurrently; Rebuild and Verify
// hold the database's commit mutex, so appends wait meanwhile.
#ifndef MEDIATION_STORAGE_ROCKSDB_PROJECTIONS_H_
#define MEDIATION_STORAGE_ROCKSDB_PROJECTIONS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/projection.h"
#include "storage/rocksdb_database.h"

namespace mediation {

class RocksDbProjections final : public ProjectionReader {
 public:
  // Key (default family) of the ids of the projections stored, once built.
  static constexpr char kIdsKey[] = "projections";

  // `database` is not owned and must outlive this.
  RocksDbProjections(RocksDbDatabase& database,
                     std::vector<std::unique_ptr<Projection>> projections);

  // Rebuilds the projections when the ids stored differ from theirs (a
  // format change, or a rebuild that did not finish). DATA_LOSS when the
  // log does not decode.
  absl::Status RebuildIfChanged();

  // Applies `event` to every projection. For the event log's writer.
  absl::Status Apply(const RecordedEvent& event, ProjectionWriter& writer);

  // ProjectionReader.
  absl::StatusOr<std::optional<std::string>> Get(
      const std::string& key) const override;
  absl::Status Scan(const std::string& begin, const std::string& end,
                    bool reverse, const ScanVisitor& visit) const override;

  // Replaces every projection by a replay of the whole log. Crash safe: the
  // projections count as built only once the rebuild is over (else the next
  // open rebuilds them).
  absl::Status Rebuild();

  // Replays the log into a scratch family and compares it with the stored
  // projections: OK when equal byte for byte, DATA_LOSS naming the first key
  // that differs otherwise.
  absl::Status Verify();

 private:
  std::string Ids() const;
  absl::Status RebuildLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(database_.commit_mu());
  class SortedSink;
  // Folds the log through the projections' builders into `target`, empty:
  // sorted files written under the database's directory, then ingested.
  absl::Status BuildInto(rocksdb::ColumnFamilyHandle* target)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(database_.commit_mu());
  absl::Status BuildPasses(rocksdb::ColumnFamilyHandle* target,
                           const std::string& directory)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(database_.commit_mu());
  // Folds the streams of one partition (of `partitions`, by hash) and
  // writes what they build, but their counters, into sorted files.
  absl::StatusOr<std::vector<std::string>> BuildPartition(
      uint64_t partition, uint64_t partitions, SortedSink& sink,
      const rocksdb::Options& options, const std::string& directory);
  absl::Status Ingest(rocksdb::ColumnFamilyHandle* target,
                      const std::vector<std::string>& files);

  RocksDbDatabase& database_;
  const std::vector<std::unique_ptr<Projection>> projections_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_PROJECTIONS_H_
