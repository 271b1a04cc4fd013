#include "storage/rocksdb_store.h"

#include <utility>

#include "base/status_macros.h"

namespace mediation {

absl::StatusOr<std::unique_ptr<RocksDbStore>> RocksDbStore::Open(
    const std::string& path, RocksDbStoreOptions options,
    std::vector<std::unique_ptr<Projection>> projections) {
  std::unique_ptr<RocksDbStore> store(new RocksDbStore());
  ASSIGN_OR_RETURN(store->database_, RocksDbDatabase::Open(path, options));
  RocksDbDatabase& database = *store->database_;
  store->projections_ =
      std::make_unique<RocksDbProjections>(database, std::move(projections));
  if (options.rebuild_stale_projections) {
    RETURN_IF_ERROR(store->projections_->RebuildIfChanged());
  }
  store->integrity_ = std::make_unique<RocksDbIntegrity>(database);
  store->backup_ = std::make_unique<RocksDbBackup>(database);
  ASSIGN_OR_RETURN(store->events_,
                   RocksDbEventLog::Open(database, *store->projections_));
  ASSIGN_OR_RETURN(store->journal_, RocksDbConsultationJournal::Open(database));
  return store;
}

}  // namespace mediation
