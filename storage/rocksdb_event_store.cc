// Opening, reading and queueing; the write path is in
// rocksdb_event_store_write.cc.
#include "storage/rocksdb_event_store.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "mediation/v1/events.pb.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "storage/codec.h"
#include "storage/counter_merge.h"
#include "storage/keys.h"
#include "storage/rocksdb_util.h"

namespace mediation {
namespace {

constexpr char kEventsFamily[] = "events";
constexpr char kStreamsFamily[] = "streams";
constexpr char kIdempotencyFamily[] = "idempotency";
constexpr char kProjectionsFamily[] = "projections";
constexpr char kConsultationsFamily[] = "consultations";
constexpr size_t kFamilyCount = 6;

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
  // Without a bound, a hot counter (the nation's count for a month) piles up
  // one operand per event until a compaction, and each read merges them all.
  // Past this many operands in the memtable, the merge happens at write time.
  options.max_successive_merges = 64;
  // Small memtables: cheaper inserts (a shallower skiplist), less memory, a
  // smaller write-ahead log preallocated at each switch.
  options.write_buffer_size = 16 << 20;
  // The same for the memtables.
  options.memtable_whole_key_filtering = true;
  options.memtable_prefix_bloom_size_ratio = 0.02;
  return options;
}

RocksDbEventStore::RocksDbEventStore(
    RocksDbEventStoreOptions options,
    std::vector<std::unique_ptr<Projection>> projections)
    : options_(options),
      clock_(options.clock != nullptr ? *options.clock : system_clock_),
      projections_(std::move(projections)) {}

absl::StatusOr<std::unique_ptr<RocksDbEventStore>> RocksDbEventStore::Open(
    const std::string& path, RocksDbEventStoreOptions options,
    std::vector<std::unique_ptr<Projection>> projections) {
  std::unique_ptr<RocksDbEventStore> store(
      new RocksDbEventStore(options, std::move(projections)));
  store->path_ = path;
  const rocksdb::Options db_options = DatabaseOptions();
  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName,
                                    kEventsFamily,
                                    kStreamsFamily,
                                    kIdempotencyFamily,
                                    kProjectionsFamily,
                                    kConsultationsFamily};
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
      rocksdb::DB::Open(db_options, path, families, &store->handles_, &db),
      absl::StrCat("open ", path)));
  store->db_.reset(db);
  store->families_ =
      Families{store->handles_[1], store->handles_[2], store->handles_[3],
               store->handles_[4], store->handles_[5]};
  while (store->handles_.size() > kFamilyCount) {
    RETURN_IF_ERROR(FromRocksDb(db->DropColumnFamily(store->handles_.back()),
                                "drop leftover scratch family"));
    db->DestroyColumnFamilyHandle(store->handles_.back())
        .PermitUncheckedError();
    store->handles_.pop_back();
  }
  RETURN_IF_ERROR(store->Recover());
  RETURN_IF_ERROR(store->RecoverConsultations());
  RETURN_IF_ERROR(store->CheckProjectionIds());
  store->writer_ = std::thread([s = store.get()] { s->WriterLoop(); });
  store->journal_writer_ = std::thread([s = store.get()] { s->JournalLoop(); });
  return store;
}

RocksDbEventStore::~RocksDbEventStore() {
  if (writer_.joinable()) {
    {
      absl::MutexLock lock(&queue_mu_);
      closing_ = true;
    }
    writer_.join();
  }
  if (journal_writer_.joinable()) {
    {
      absl::MutexLock lock(&journal_mu_);
      journal_closing_ = true;
    }
    journal_writer_.join();
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  if (db_ != nullptr) db_->Close().PermitUncheckedError();
}

absl::Status RocksDbEventStore::Recover() {
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_.events));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(it->status(), "recover"));
  absl::MutexLock lock(&commit_mu_);
  last_recorded_at_ = absl::UnixEpoch();
  if (!it->Valid()) return absl::OkStatus();
  std::optional<uint64_t> position = DecodeBigEndian64(View(it->key()));
  v1::EventRecord record;
  if (!position.has_value()) return absl::DataLossError("bad event key");
  RETURN_IF_ERROR(ParseStored(View(it->value()), "last event", &record));
  last_position_.store(*position);
  last_recorded_at_ = absl::FromUnixMicros(record.recorded_at_micros());
  last_hash_ = record.hash();
  return absl::OkStatus();
}

std::string RocksDbEventStore::ProjectionIds() const {
  std::vector<std::string> ids;
  for (const auto& projection : projections_) ids.push_back(projection->Id());
  return absl::StrJoin(ids, ",");
}

absl::Status RocksDbEventStore::CheckProjectionIds() {
  const std::string expected = ProjectionIds();
  std::string stored;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), kProjectionIdsKey, &stored);
  if (status.ok() && stored == expected) return absl::OkStatus();
  if (!status.ok() && !status.IsNotFound()) {
    return FromRocksDb(status, "read projection ids");
  }
  return RebuildProjections();  // Which stores the ids at the end.
}

void RocksDbEventStore::AppendAsync(AppendRequest request,
                                    AppendCallback done) {
  {
    absl::MutexLock lock(&queue_mu_);
    if (!closing_ && queue_.size() < options_.max_pending_appends) {
      queue_.push_back(std::make_unique<Pending>(
          Pending{std::move(request), std::move(done)}));
      return;
    }
  }
  // Answered outside the lock; `done` may take its time.
  done(absl::ResourceExhaustedError(
      "too many appends waiting for the disk; retry later"));
}

uint64_t RocksDbEventStore::LastPosition() const {
  return last_position_.load();
}

absl::StatusOr<std::vector<RecordedEvent>> RocksDbEventStore::ReadPositions(
    const std::vector<uint64_t>& positions) const {
  std::vector<RecordedEvent> events;
  events.reserve(positions.size());
  for (uint64_t position : positions) {
    std::string bytes;
    RETURN_IF_ERROR(
        FromRocksDb(db_->Get(rocksdb::ReadOptions(), families_.events,
                             BigEndian64(position), &bytes),
                    absl::StrCat("read event ", position)));
    v1::EventRecord record;
    RETURN_IF_ERROR(
        ParseStored(bytes, absl::StrCat("event ", position), &record));
    ASSIGN_OR_RETURN(RecordedEvent event, FromRecord(record));
    events.push_back(std::move(event));
  }
  return events;
}

absl::StatusOr<std::vector<RecordedEvent>> RocksDbEventStore::ReadStream(
    const std::string& stream_id, uint64_t from_version,
    size_t max_count) const {
  const std::string prefix = absl::StrCat("v", stream_id, std::string(1, '\0'));
  std::vector<uint64_t> positions;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_.streams));
  for (it->Seek(prefix + BigEndian64(from_version));
       it->Valid() && it->key().starts_with(prefix) &&
       positions.size() < max_count;
       it->Next()) {
    std::optional<uint64_t> position = DecodeBigEndian64(View(it->value()));
    if (!position.has_value()) {
      return absl::DataLossError("bad stream index entry");
    }
    positions.push_back(*position);
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "read stream"));
  return ReadPositions(positions);
}

absl::StatusOr<std::vector<RecordedEvent>> RocksDbEventStore::ReadAll(
    uint64_t from_position, size_t max_count) const {
  std::vector<RecordedEvent> events;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_.events));
  for (it->Seek(BigEndian64(from_position));
       it->Valid() && events.size() < max_count; it->Next()) {
    v1::EventRecord record;
    RETURN_IF_ERROR(ParseStored(View(it->value()), "event", &record));
    ASSIGN_OR_RETURN(RecordedEvent event, FromRecord(record));
    events.push_back(std::move(event));
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "read log"));
  return events;
}

absl::StatusOr<std::optional<std::string>> RocksDbEventStore::Get(
    const std::string& key) const {
  std::string value;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), families_.projections, key, &value);
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(status, "read projection"));
  return value;
}

absl::Status RocksDbEventStore::Scan(const std::string& begin,
                                     const std::string& end, bool reverse,
                                     const ScanVisitor& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_.projections));
  auto in_range = [&](const rocksdb::Slice& key) {
    return key.compare(begin) >= 0 && (end.empty() || key.compare(end) < 0);
  };
  if (reverse) {
    end.empty() ? it->SeekToLast() : it->SeekForPrev(end);
    if (it->Valid() && !end.empty() && it->key().compare(end) >= 0) it->Prev();
  } else {
    it->Seek(begin);
  }
  for (; it->Valid() && in_range(it->key());
       reverse ? it->Prev() : it->Next()) {
    if (!visit(View(it->key()), View(it->value()))) break;
  }
  return FromRocksDb(it->status(), "scan projections");
}

absl::Status RocksDbEventStore::CheckFreeSpace() const {
  if (options_.reserve_bytes == 0) return absl::OkStatus();
  struct statvfs fs;
  if (statvfs(path_.c_str(), &fs) != 0) return absl::OkStatus();  // Unknown.
  const uint64_t free_bytes =
      static_cast<uint64_t>(fs.f_bavail) * static_cast<uint64_t>(fs.f_frsize);
  if (free_bytes >= options_.reserve_bytes) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat(
      "disk almost full: ", free_bytes >> 20, " MiB free where the store ",
      "keeps ", options_.reserve_bytes >> 20,
      " MiB in reserve; writes resume once space is freed"));
}

}  // namespace mediation
