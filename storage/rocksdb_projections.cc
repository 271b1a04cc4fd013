#include "storage/rocksdb_projections.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "mediation/v1/events.pb.h"
#include "rocksdb/convenience.h"
#include "storage/codec.h"
#include "storage/overlay.h"
#include "storage/rocksdb_util.h"

namespace mediation {
namespace {

constexpr size_t kReplayChunk = 4096;
constexpr char kScratchFamily[] = "projections_verify";

// The first key where two families differ, as DATA_LOSS; OK when equal.
absl::Status Compare(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* stored,
                     rocksdb::ColumnFamilyHandle* rebuilt) {
  std::unique_ptr<rocksdb::Iterator> a(
      db.NewIterator(rocksdb::ReadOptions(), stored));
  std::unique_ptr<rocksdb::Iterator> b(
      db.NewIterator(rocksdb::ReadOptions(), rebuilt));
  for (a->SeekToFirst(), b->SeekToFirst(); a->Valid() || b->Valid();
       a->Next(), b->Next()) {
    if (!a->Valid() || !b->Valid() || a->key() != b->key() ||
        a->value() != b->value()) {
      const rocksdb::Slice key = a->Valid() ? a->key() : b->key();
      return absl::DataLossError(
          absl::StrCat("projection key '", absl::CHexEscape(View(key)),
                       "' differs from a rebuild from the log"));
    }
  }
  RETURN_IF_ERROR(FromRocksDb(a->status(), "read projections"));
  return FromRocksDb(b->status(), "read rebuilt projections");
}

}  // namespace

RocksDbProjections::RocksDbProjections(
    RocksDbDatabase& database,
    std::vector<std::unique_ptr<Projection>> projections)
    : database_(database), projections_(std::move(projections)) {}

std::string RocksDbProjections::Ids() const {
  std::vector<std::string> ids;
  for (const auto& projection : projections_) ids.push_back(projection->Id());
  return absl::StrJoin(ids, ",");
}

absl::Status RocksDbProjections::RebuildIfChanged() {
  std::string stored;
  rocksdb::Status status =
      database_.db()->Get(rocksdb::ReadOptions(), kIdsKey, &stored);
  if (status.ok() && stored == Ids()) return absl::OkStatus();
  if (!status.ok() && !status.IsNotFound()) {
    return FromRocksDb(status, "read projection ids");
  }
  return Rebuild();  // Which stores the ids at the end.
}

absl::Status RocksDbProjections::Apply(const RecordedEvent& event,
                                       ProjectionWriter& writer) {
  for (const auto& projection : projections_) {
    RETURN_IF_ERROR(projection->Apply(event, writer));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> RocksDbProjections::Get(
    const std::string& key) const {
  std::string value;
  rocksdb::Status status = database_.db()->Get(
      rocksdb::ReadOptions(), database_.projections(), key, &value);
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(status, "read projection"));
  return value;
}

absl::Status RocksDbProjections::Scan(const std::string& begin,
                                      const std::string& end, bool reverse,
                                      const ScanVisitor& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(database_.db()->NewIterator(
      rocksdb::ReadOptions(), database_.projections()));
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

absl::Status RocksDbProjections::ReplayInto(
    rocksdb::ColumnFamilyHandle* target) {
  rocksdb::DB* db = database_.db();
  rocksdb::WriteBatch batch;
  Overlay overlay(db);
  OverlayProjectionWriter writer(overlay, target);
  rocksdb::WriteOptions write_options;
  write_options.sync = database_.options().sync;
  // Not through the disk reserve: a store that is being verified (or whose
  // projections are rebuilt at open) must not be refused for it.
  auto flush = [&]() -> absl::Status {
    overlay.Flush(batch);
    RETURN_IF_ERROR(FromRocksDb(db->Write(write_options, &batch), "replay"));
    batch.Clear();
    return absl::OkStatus();
  };
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), database_.events()));
  size_t in_batch = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    v1::EventRecord record;
    RETURN_IF_ERROR(ParseStored(View(it->value()), "event", &record));
    ASSIGN_OR_RETURN(RecordedEvent event, FromRecord(record));
    overlay.Begin();
    RETURN_IF_ERROR(Apply(event, writer));
    overlay.Commit();
    if (++in_batch == kReplayChunk) {
      RETURN_IF_ERROR(flush());
      in_batch = 0;
    }
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "replay"));
  return flush();
}

absl::Status RocksDbProjections::Rebuild() {
  absl::MutexLock lock(&database_.commit_mu());
  database_.AwaitWritesFinished();
  return RebuildLocked();
}

absl::Status RocksDbProjections::RebuildLocked() {
  rocksdb::DB* db = database_.db();
  rocksdb::WriteOptions write_options;
  write_options.sync = database_.options().sync;
  // Until the rebuild is over, the stored projection ids say nothing: a
  // crash half way makes the next open rebuild again.
  RETURN_IF_ERROR(
      FromRocksDb(db->Delete(write_options, kIdsKey), "forget projection ids"));
  // Empty the family, then compact the emptiness away, so that the replay's
  // reads (most miss) and later scans do not step over a range deletion.
  // Every projection key is printable ASCII, so below "\xff".
  const rocksdb::Slice first(""), last("\xff");
  RETURN_IF_ERROR(FromRocksDb(
      rocksdb::DeleteFilesInRange(db, database_.projections(), &first, &last),
      "drop projection files"));
  RETURN_IF_ERROR(FromRocksDb(
      db->DeleteRange(write_options, database_.projections(), first, last),
      "clear projections"));
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForce;
  RETURN_IF_ERROR(FromRocksDb(
      db->CompactRange(compact, database_.projections(), nullptr, nullptr),
      "compact projections"));
  RETURN_IF_ERROR(ReplayInto(database_.projections()));
  return FromRocksDb(db->Put(write_options, kIdsKey, Ids()),
                     "write projection ids");
}

absl::Status RocksDbProjections::Verify() {
  absl::MutexLock lock(&database_.commit_mu());
  database_.AwaitWritesFinished();
  rocksdb::DB* db = database_.db();
  rocksdb::ColumnFamilyHandle* scratch = nullptr;
  RETURN_IF_ERROR(
      FromRocksDb(db->CreateColumnFamily(FamilyOptions(rocksdb::Options()),
                                         kScratchFamily, &scratch),
                  "create scratch family"));
  absl::Status status = ReplayInto(scratch);
  if (status.ok()) status = Compare(*db, database_.projections(), scratch);
  db->DropColumnFamily(scratch).PermitUncheckedError();
  db->DestroyColumnFamilyHandle(scratch).PermitUncheckedError();
  return status;
}

}  // namespace mediation
