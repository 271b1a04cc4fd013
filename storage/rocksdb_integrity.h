// The hash-chain verification and the backups of a RocksDbDatabase.
#ifndef MEDIATION_STORAGE_ROCKSDB_INTEGRITY_H_
#define MEDIATION_STORAGE_ROCKSDB_INTEGRITY_H_

#include <string>

#include "storage/backup.h"
#include "storage/integrity.h"
#include "storage/rocksdb_database.h"

namespace mediation {

// Walks the events family (the log in order) or a stream's version index.
class RocksDbIntegrity final : public IntegrityVerifier {
 public:
  // Not owned; must outlive this.
  explicit RocksDbIntegrity(RocksDbDatabase& database) : database_(database) {}
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
