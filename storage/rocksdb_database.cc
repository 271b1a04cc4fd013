#include "storage/rocksdb_database.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "storage/counter_merge.h"
#include "storage/rocksdb_util.h"

namespace mediation {
namespace {

const std::vector<std::string>& FamilyNames() {
  static const auto* const kNames =
      new std::vector<std::string>{rocksdb::kDefaultColumnFamilyName,
                                   "events",
                                   "streams",
                                   "idempotency",
                                   "projections",
                                   "consultations",
                                   "anchors"};
  return *kNames;
}

rocksdb::Options DatabaseOptions() {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  // All memtables together stay under this bound, whatever the families.
  options.db_write_buffer_size = 128 << 20;
  options.max_background_jobs = 2;
  options.keep_log_file_num = 5;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(64 << 20);
  // Most point reads of the writer miss (a new request id, a new saisine's
  // head and state): a Bloom filter per file answers them without a read.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

}  // namespace

rocksdb::ColumnFamilyOptions FamilyOptions(const rocksdb::Options& db_options) {
  rocksdb::ColumnFamilyOptions options(db_options);
  // Projections keep counters as merge operands; harmless elsewhere.
  options.merge_operator = CounterMergeOperator();
  // No count of a key's operands at each merge (a seek and a walk of the
  // memtable per merge operand): the store's writer bounds the operands of
  // a counter table itself, writing it in full every max_counter_operands
  // writes (CounterTableWriter).
  options.max_successive_merges = 0;
  // Small memtables: cheaper inserts (a shallower skiplist that stays in
  // cache), less memory, a smaller write-ahead log preallocated at each
  // switch. The writer inserts every entry of a group into the memtables
  // on its own: RocksDB's perf context gave, for groups of 18 deposits,
  // 980 us of memtable inserts at 16 MiB and 560 us at 4 MiB (the WAL
  // write and sync about 900 us either way).
  options.write_buffer_size = 4 << 20;
  // The same for the memtables.
  options.memtable_whole_key_filtering = true;
  options.memtable_prefix_bloom_size_ratio = 0.02;
  // Keys arrive in random order (saisine ids, index keys): every file
  // flushed to level 0 overlaps all of level 1, so each L0 -> L1 compaction
  // rewrites the whole of level 1. With RocksDB's default 256 MiB for level
  // 1, that level grew by a few MiB per compaction and was rewritten each
  // time, a cost that grew with the store (at 175,000 deposits, 69 MiB of
  // projections every 2 s). A level 1 of a few L0 compactions' size and
  // small files keep each compaction small: level 1 files move down one at
  // a time into the key range of level 2 they overlap.
  options.max_bytes_for_level_base = 32 << 20;
  options.target_file_size_base = 4 << 20;
  return options;
}

RocksDbDatabase::RocksDbDatabase(std::string path, RocksDbStoreOptions options)
    : path_(std::move(path)),
      options_(options),
      clock_(options.clock != nullptr ? *options.clock : system_clock_) {}

absl::StatusOr<std::unique_ptr<RocksDbDatabase>> RocksDbDatabase::Open(
    const std::string& path, RocksDbStoreOptions options) {
  std::unique_ptr<RocksDbDatabase> database(new RocksDbDatabase(path, options));
  const rocksdb::Options db_options = DatabaseOptions();
  std::vector<std::string> names = FamilyNames();
  // A scratch family left by a verification that was interrupted must be
  // opened (RocksDB opens all or nothing), then it is dropped.
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, path, &existing).ok()) {
    for (const std::string& name : existing) {
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(name);
      }
    }
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) {
    families.emplace_back(name, FamilyOptions(db_options));
  }
  rocksdb::DB* db = nullptr;
  RETURN_IF_ERROR(FromRocksDb(
      rocksdb::DB::Open(db_options, path, families, &database->handles_, &db),
      absl::StrCat("open ", path)));
  database->db_.reset(db);
  while (database->handles_.size() > FamilyNames().size()) {
    RETURN_IF_ERROR(FromRocksDb(db->DropColumnFamily(database->handles_.back()),
                                "drop leftover scratch family"));
    db->DestroyColumnFamilyHandle(database->handles_.back())
        .PermitUncheckedError();
    database->handles_.pop_back();
  }
  return database;
}

RocksDbDatabase::~RocksDbDatabase() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  if (db_ != nullptr) db_->Close().PermitUncheckedError();
}

std::optional<uint64_t> RocksDbDatabase::FreeBytes() const {
  struct statvfs fs;
  if (statvfs(path_.c_str(), &fs) != 0) return std::nullopt;
  return static_cast<uint64_t>(fs.f_bavail) *
         static_cast<uint64_t>(fs.f_frsize);
}

absl::Status RocksDbDatabase::CheckFreeSpace() const {
  if (options_.reserve_bytes == 0) return absl::OkStatus();
  const std::optional<uint64_t> free = FreeBytes();
  if (!free.has_value()) return absl::OkStatus();  // Unknown.
  const uint64_t free_bytes = *free;
  const bool reached = free_bytes < options_.reserve_bytes;
  if (reserve_reached_.exchange(reached) != reached) {
    Log(reached ? LogLevel::kError : LogLevel::kInfo,
        reached ? "disk reserve reached: writes are refused until space is "
                  "freed on the data directory's file system"
                : "disk reserve left: writes are accepted again",
        {{"event", reached ? "disk_reserve_reached" : "disk_reserve_left"},
         {"free_mib", static_cast<int64_t>(free_bytes >> 20)},
         {"reserve_mib", static_cast<int64_t>(options_.reserve_bytes >> 20)},
         {"data_dir", path_}});
  }
  if (!reached) return absl::OkStatus();
  return WithRefusal(
      absl::UnavailableError(absl::StrCat(
          "disk almost full: ", free_bytes >> 20, " MiB free where the store ",
          "keeps ", options_.reserve_bytes >> 20,
          " MiB in reserve; writes resume once space is freed")),
      AppendRefusal::kDiskReserve);
}

RocksDbStats RocksDbDatabase::Stats() const {
  RocksDbStats stats;
  const auto sum = [&](const std::string& property) {
    uint64_t total = 0;
    for (rocksdb::ColumnFamilyHandle* handle : handles_) {
      uint64_t value = 0;
      if (db_->GetIntProperty(handle, property, &value)) total += value;
    }
    return total;
  };
  stats.pending_compaction_bytes =
      sum(rocksdb::DB::Properties::kEstimatePendingCompactionBytes);
  stats.memtable_bytes = sum(rocksdb::DB::Properties::kCurSizeAllMemTables);
  stats.sst_bytes = sum(rocksdb::DB::Properties::kTotalSstFilesSize);
  db_->GetIntProperty(rocksdb::DB::Properties::kIsWriteStopped,
                      &stats.write_stopped);
  db_->GetIntProperty(rocksdb::DB::Properties::kActualDelayedWriteRate,
                      &stats.delayed_write_rate);
  stats.free_bytes = FreeBytes().value_or(0);
  stats.reserve_bytes = options_.reserve_bytes;
  return stats;
}

absl::Status RocksDbDatabase::WritesAccepted() const {
  RETURN_IF_ERROR(CheckFreeSpace());
  absl::MutexLock lock(&guard_mu_);
  if (resumed_) return absl::OkStatus();
  return WithRefusal(absl::UnavailableError(absl::StrCat(
                         "the store cannot write since its last failure: ",
                         last_error_.message())),
                     AppendRefusal::kWriteFailure);
}

absl::Status RocksDbDatabase::ResumeIfFailed() {
  absl::MutexLock lock(&guard_mu_);
  if (resumed_) return absl::OkStatus();
  // After a failed write (disk full, I/O error) RocksDB refuses writes
  // until resumed: try again, at most once a second.
  const absl::Time now = clock_.Now();
  absl::Status resumed = absl::UnavailableError(
      absl::StrCat("the store cannot write since its last failure: ",
                   last_error_.message()));
  if (now - last_resume_attempt_ >= absl::Seconds(1)) {
    last_resume_attempt_ = now;
    resumed = FromRocksDb(db_->Resume(), "resume after a failed write");
  }
  if (!resumed.ok()) {
    return WithRefusal(absl::UnavailableError(resumed.message()),
                       AppendRefusal::kWriteFailure);
  }
  resumed_ = true;
  Log(LogLevel::kInfo, "the store resumed writing after a failed write",
      {{"event", "store_resumed"}, {"data_dir", path_}});
  return absl::OkStatus();
}

absl::Status RocksDbDatabase::Write(rocksdb::WriteBatch& batch,
                                    absl::string_view what) {
  RETURN_IF_ERROR(CheckFreeSpace());
  RETURN_IF_ERROR(ResumeIfFailed());
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  absl::Status written =
      options_.write_fault ? options_.write_fault() : absl::OkStatus();
  if (written.ok()) {
    written = FromRocksDb(db_->Write(write_options, &batch), what);
  }
  if (written.ok()) return written;
  absl::MutexLock lock(&guard_mu_);
  resumed_ = false;
  last_error_ = written;
  last_resume_attempt_ = absl::InfinitePast();
  Log(LogLevel::kError,
      "RocksDB write failed: writes are refused until the store resumes "
      "(free space, check the disk)",
      {{"event", "store_write_failed"},
       {"error", written.message()},
       {"data_dir", path_}});
  return WithRefusal(absl::UnavailableError(written.message()),
                     AppendRefusal::kWriteFailure);
}

void RocksDbDatabase::WriteHandedOff() {
  absl::MutexLock lock(&in_flight_mu_);
  ++writes_in_flight_;
}

void RocksDbDatabase::WriteFinished() {
  absl::MutexLock lock(&in_flight_mu_);
  --writes_in_flight_;
}

void RocksDbDatabase::AwaitWritesFinished() {
  absl::MutexLock lock(&in_flight_mu_);
  in_flight_mu_.Await(absl::Condition(
      +[](int* in_flight) { return *in_flight == 0; }, &writes_in_flight_));
}

}  // namespace mediation
