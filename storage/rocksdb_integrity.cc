#include "storage/rocksdb_integrity.h"

#include <filesystem>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "rocksdb/utilities/checkpoint.h"
#include "storage/codec.h"
#include "storage/keys.h"
#include "storage/rocksdb_util.h"

namespace mediation {
namespace {

// Checks one record against what precedes it; false (and `report` filled)
// at the first mismatch.
bool Check(const v1::EventRecord& record, uint64_t position,
           const std::string& previous_in_log,
           const std::string& previous_in_stream, uint64_t previous_version,
           IntegrityReport& report) {
  auto bad = [&](absl::string_view reason) {
    report.intact = false;
    report.first_bad_position = position;
    report.first_bad_stream = record.stream_id();
    report.first_bad_version = record.stream_version();
    report.reason = std::string(reason);
    return false;
  };
  if (record.global_position() != position) {
    return bad("its position differs from where it is stored");
  }
  if (record.stream_version() != previous_version + 1) {
    return bad("its version does not follow its stream's");
  }
  if (record.hash_precedent_journal() != previous_in_log) {
    return bad("it does not chain to the previous event of the log");
  }
  if (record.hash_precedent_flux() != previous_in_stream) {
    return bad("it does not chain to the previous event of its saisine");
  }
  if (record.hash() != HashOf(record)) {
    return bad("its content does not match its hash");
  }
  ++report.events_verified;
  return true;
}

absl::StatusOr<v1::EventRecord> ReadRecord(rocksdb::DB& db,
                                           rocksdb::ColumnFamilyHandle* events,
                                           uint64_t position) {
  std::string bytes;
  rocksdb::Status status =
      db.Get(rocksdb::ReadOptions(), events, BigEndian64(position), &bytes);
  if (status.IsNotFound()) {
    return absl::DataLossError(absl::StrCat("event ", position, " is missing"));
  }
  RETURN_IF_ERROR(FromRocksDb(status, "read event"));
  v1::EventRecord record;
  RETURN_IF_ERROR(
      ParseStored(bytes, absl::StrCat("event ", position), &record));
  return record;
}

}  // namespace

absl::StatusOr<IntegrityReport> RocksDbIntegrity::VerifyIntegrity(
    const std::string& stream_id) const {
  return stream_id.empty() ? VerifyLog() : VerifyStream(stream_id);
}

absl::StatusOr<IntegrityReport> RocksDbIntegrity::VerifyLog() const {
  IntegrityReport report;
  {
    // The whole log, in order, with the last hash and version of each stream.
    absl::flat_hash_map<std::string, std::pair<std::string, uint64_t>> streams;
    std::string previous;
    std::unique_ptr<rocksdb::Iterator> it(database_.db()->NewIterator(
        rocksdb::ReadOptions(), database_.events()));
    uint64_t position = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++position;
      v1::EventRecord record;
      if (!record.ParseFromArray(it->value().data(),
                                 static_cast<int>(it->value().size())) ||
          DecodeBigEndian64(View(it->key())) != position) {
        report = IntegrityReport{report.events_verified,
                                 false,
                                 position,
                                 "",
                                 0,
                                 "the stored bytes are not an event"};
        return report;
      }
      auto& [stream_hash, version] = streams[record.stream_id()];
      if (!Check(record, position, previous, stream_hash, version, report)) {
        return report;
      }
      previous = stream_hash = record.hash();
      version = record.stream_version();
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), "verify log"));
    return report;
  }
}

// One stream: its chain, and each event's link to the log.
absl::StatusOr<IntegrityReport> RocksDbIntegrity::VerifyStream(
    const std::string& stream_id) const {
  IntegrityReport report;
  const std::string prefix = absl::StrCat("v", stream_id, std::string(1, '\0'));
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db()->NewIterator(rocksdb::ReadOptions(), database_.streams()));
  std::string previous_in_stream;
  uint64_t version = 0;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);
       it->Next()) {
    const std::optional<uint64_t> position =
        DecodeBigEndian64(View(it->value()));
    if (!position.has_value()) return absl::DataLossError("bad stream index");
    ASSIGN_OR_RETURN(
        v1::EventRecord record,
        ReadRecord(*database_.db(), database_.events(), *position));
    std::string previous_in_log;
    if (*position > 1) {
      ASSIGN_OR_RETURN(
          v1::EventRecord before,
          ReadRecord(*database_.db(), database_.events(), *position - 1));
      previous_in_log = before.hash();
    }
    if (!Check(record, *position, previous_in_log, previous_in_stream, version,
               report)) {
      return report;
    }
    previous_in_stream = record.hash();
    version = record.stream_version();
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "verify stream"));
  if (version == 0) {
    return absl::NotFoundError(
        absl::StrCat("no saisine with id '", stream_id, "'"));
  }
  return report;
}

absl::Status RocksDbBackup::Checkpoint(const std::string& directory) const {
  std::error_code error;  // Never an exception into the server.
  if (std::filesystem::exists(directory, error) || error) {
    return absl::FailedPreconditionError(
        absl::StrCat("the backup directory ", directory, " already exists"));
  }
  rocksdb::Checkpoint* raw = nullptr;
  RETURN_IF_ERROR(FromRocksDb(rocksdb::Checkpoint::Create(database_.db(), &raw),
                              "checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return FromRocksDb(checkpoint->CreateCheckpoint(directory), "checkpoint");
}

}  // namespace mediation
