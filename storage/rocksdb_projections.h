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

#include <cstdint>
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

  // Whether the ids stored differ from theirs (a format change, another
  // caisse referential or NIR index key, or a rebuild that did not finish):
  // the projections stored are not what these would build.
  absl::StatusOr<bool> Stale() const;

  // Rebuilds the projections when they are Stale(). DATA_LOSS when the log
  // does not decode.
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

  // Builds the projections from the log and compares them with those
  // stored: OK when equal byte for byte (as their digests say), DATA_LOSS
  // naming the first key that differs otherwise (found by a second build,
  // into a scratch family, compared key by key).
  absl::Status Verify();

 private:
  std::string Ids() const;
  absl::Status RebuildLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(database_.commit_mu());
  class SortedSink;
  class StreamRecords;
  class LaterEvents;
  // An order-independent digest of keys and values: the sum of a 64-bit
  // hash of each pair (this process's), and their count. Two different
  // sets of pairs agree by accident with a chance of about 2^-64.
  struct Digest {
    uint64_t sum = 0;
    uint64_t count = 0;
    void Add(absl::string_view key, absl::string_view value);
    // The digest of both sets (disjoint).
    Digest& operator+=(const Digest& other);
    friend bool operator==(const Digest&, const Digest&) = default;
  };
  // Folds the log through the projections' builders into `target`, empty:
  // sorted files written under the database's directory, then ingested.
  // With a null `target`, writes nothing. Returns the digest of what it
  // built: with a target, its count only (sum 0).
  absl::StatusOr<Digest> BuildInto(rocksdb::ColumnFamilyHandle* target)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(database_.commit_mu());
  absl::StatusOr<Digest> BuildWritten(rocksdb::ColumnFamilyHandle* target)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(database_.commit_mu());
  absl::StatusOr<Digest> BuildPasses(rocksdb::ColumnFamilyHandle* target,
                                     const std::string& directory)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(database_.commit_mu());
  // The number of events in the log.
  absl::StatusOr<uint64_t> LogSize() const;
  // The digest of what a family holds.
  absl::StatusOr<Digest> DigestOf(rocksdb::ColumnFamilyHandle* family) const;
  // Folds the streams whose first event lies at a position in [first,
  // end) of the log, range `range` of `later`'s, and writes what they
  // build, but their counters, into sorted files `prefix`-0.sst… Their
  // records are gathered in `records`, then folded stream by stream: those
  // of the range by scanning it (noting in `later` the events there of
  // streams begun before it), then, once every range after it was scanned,
  // their events after it, read where `later` says they are.
  absl::StatusOr<std::vector<std::string>> BuildPartition(
      uint64_t range, uint64_t first, uint64_t end, LaterEvents& later,
      StreamRecords& records, SortedSink& sink, const rocksdb::Options& options,
      const std::string& prefix);
  absl::Status Ingest(rocksdb::ColumnFamilyHandle* target,
                      const std::vector<std::string>& files);

  RocksDbDatabase& database_;
  const std::vector<std::unique_ptr<Projection>> projections_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_PROJECTIONS_H_
