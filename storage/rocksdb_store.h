// RocksDbStore: a whole store on one local RocksDB database, made of parts
// with one job each that share the database:
//   database()      the database, its column families, the guarded write
//                   (disk reserve, resume after a failure)   rocksdb_database.h
//   events()        the event log and its group-commit writer
//                                                            rocksdb_event_log.h
//   projections()   the projections: read, rebuild, verify
//   rocksdb_projections.h journal()       the consultation journal and its
//   writer
//                                                 rocksdb_consultation_journal.h
//   integrity()     the hash chains' verification           rocksdb_integrity.h
//   backup()        consistent copies while serving rocksdb_integrity.h
//
//   auto store = RocksDbStore::Open(dir, options, std::move(projections));
//   (*store)->events().Append(std::move(request));
//
// Thread safety: every part may be used concurrently.
#ifndef MEDIATION_STORAGE_ROCKSDB_STORE_H_
#define MEDIATION_STORAGE_ROCKSDB_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/rocksdb_consultation_journal.h"
#include "storage/rocksdb_database.h"
#include "storage/rocksdb_event_log.h"
#include "storage/rocksdb_integrity.h"
#include "storage/rocksdb_projections.h"

namespace mediation {

class RocksDbStore {
 public:
  // Opens (creating if needed) the store in directory `path`; rebuilds the
  // projections when the stored projection ids differ from `projections`'
  // (unless options.rebuild_stale_projections is false).
  // Errors: UNAVAILABLE when RocksDB cannot open the directory (locked by
  // another process, I/O error); DATA_LOSS when stored data does not decode.
  static absl::StatusOr<std::unique_ptr<RocksDbStore>> Open(
      const std::string& path, RocksDbStoreOptions options,
      std::vector<std::unique_ptr<Projection>> projections);

  // Answers the queued writes, then closes the database (the members'
  // order does it: the writers go before the database).
  ~RocksDbStore() = default;

  RocksDbDatabase& database() { return *database_; }
  RocksDbEventLog& events() { return *events_; }
  RocksDbProjections& projections() { return *projections_; }
  RocksDbConsultationJournal& journal() { return *journal_; }
  const RocksDbIntegrity& integrity() const { return *integrity_; }
  const RocksDbBackup& backup() const { return *backup_; }

 private:
  RocksDbStore() = default;

  // Declared in the order they are built; destroyed the other way round:
  // the writers stop before the database closes.
  std::unique_ptr<RocksDbDatabase> database_;
  std::unique_ptr<RocksDbProjections> projections_;
  std::unique_ptr<RocksDbIntegrity> integrity_;
  std::unique_ptr<RocksDbBackup> backup_;
  std::unique_ptr<RocksDbEventLog> events_;
  std::unique_ptr<RocksDbConsultationJournal> journal_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_STORE_H_
