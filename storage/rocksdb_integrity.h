// The hash-chain verification and the backups of a RocksDbDatabase.
#ifndef MEDIATION_STORAGE_ROCKSDB_INTEGRITY_H_
#define MEDIATION_STORAGE_ROCKSDB_INTEGRITY_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "storage/backup.h"
#include "storage/integrity.h"
#include "storage/rocksdb_database.h"

namespace mediation {

// Walks the events family (the log in order) or a stream's version index.
//
// The whole-log pass holds 16 bytes per stream (a 64-bit hash of its id and
// the position of its last event so far), not the stream's id and hash: it
// reads a stream's previous event back from the store when the stream
// continues, and checks that event's id, so that two ids of the same hash
// are told apart (the later one is then held by id).
class RocksDbIntegrity final : public IntegrityVerifier {
 public:
  // A hash of a stream id, for the whole-log pass; null for absl::Hash.
  // Tests pass one under which ids collide.
  using StreamIdHash = uint64_t (*)(absl::string_view stream_id);

  // Not owned; must outlive this.
  explicit RocksDbIntegrity(RocksDbDatabase& database,
                            StreamIdHash stream_id_hash = nullptr)
      : database_(database), stream_id_hash_(stream_id_hash) {}
  absl::StatusOr<IntegrityReport> VerifyIntegrity(
      const std::string& stream_id) const override;
  absl::StatusOr<LogAnchor> AnchorHead() const override;

  // Keys: "anchors" family, BigEndian64(position) -> v1::LogAnchorRecord.

 private:
  absl::StatusOr<IntegrityReport> VerifyLog() const;
  // The anchors' part of VerifyLog, once the chain holds.
  absl::Status VerifyAnchors(const AnchorKey& key,
                             IntegrityReport& report) const;
  absl::StatusOr<IntegrityReport> VerifyStream(
      const std::string& stream_id) const;

  RocksDbDatabase& database_;
  StreamIdHash stream_id_hash_;
};

// A RocksDB checkpoint: hard links to immutable files where the file system
// allows, plus the write-ahead log.
class RocksDbBackup final : public StoreBackup {
 public:
  // Not owned; must outlive this.
  explicit RocksDbBackup(const RocksDbDatabase& database)
      : database_(database) {}
  absl::Status Checkpoint(const std::string& directory) const override;

 private:
  const RocksDbDatabase& database_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_INTEGRITY_H_
