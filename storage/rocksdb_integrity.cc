#include "storage/rocksdb_integrity.h"

#include <filesystem>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "mediation/v1/securite.pb.h"
#include "rocksdb/snapshot.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/write_batch.h"
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

absl::StatusOr<v1::EventRecord> ReadRecord(
    rocksdb::DB& db, rocksdb::ColumnFamilyHandle* events, uint64_t position,
    const rocksdb::ReadOptions& options = rocksdb::ReadOptions()) {
  std::string bytes;
  rocksdb::Status status =
      db.Get(options, events, BigEndian64(position), &bytes);
  if (status.IsNotFound()) {
    return absl::DataLossError(absl::StrCat("event ", position, " is missing"));
  }
  RETURN_IF_ERROR(FromRocksDb(status, "read event"));
  v1::EventRecord record;
  RETURN_IF_ERROR(
      ParseStored(bytes, absl::StrCat("event ", position), &record));
  return record;
}

// Where each stream's last event so far lies in the log, for a pass over
// the whole log in order (see RocksDbIntegrity): a position per stream
// keyed by a hash of its id, plus, by id, the streams whose id hash was
// already another stream's.
class StreamHeads {
 public:
  // Not owned; must outlive this. Reads through `snapshot`.
  StreamHeads(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* events,
              const rocksdb::Snapshot* snapshot,
              RocksDbIntegrity::StreamIdHash hash)
      : db_(db), events_(events), hash_(hash) {
    read_options_.snapshot = snapshot;
  }

  // The last event of `stream_id` before this one (cleared when it has
  // none), and its slot for Advance.
  absl::Status Previous(const std::string& stream_id,
                        v1::EventRecord& previous) {
    previous.Clear();
    slot_ = nullptr;
    if (!by_id_.empty()) {
      auto it = by_id_.find(stream_id);
      if (it != by_id_.end()) {
        slot_ = &it->second;
        return Read(*slot_, previous);
      }
    }
    auto [it, inserted] = by_hash_.try_emplace(
        hash_ != nullptr ? hash_(stream_id)
                         : absl::Hash<absl::string_view>{}(stream_id),
        0);
    if (inserted) {
      slot_ = &it->second;
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(Read(it->second, previous));
    if (previous.stream_id() == stream_id) {
      slot_ = &it->second;
      return absl::OkStatus();
    }
    previous.Clear();  // Another stream's id has the same hash.
    slot_ = &by_id_[stream_id];
    return absl::OkStatus();
  }

  // Records `position` as the last event of Previous's stream.
  void Advance(uint64_t position) { *slot_ = position; }

 private:
  absl::Status Read(uint64_t position, v1::EventRecord& record) const {
    ASSIGN_OR_RETURN(record, ReadRecord(db_, events_, position, read_options_));
    return absl::OkStatus();
  }

  rocksdb::DB& db_;
  rocksdb::ColumnFamilyHandle* events_;
  RocksDbIntegrity::StreamIdHash hash_;
  rocksdb::ReadOptions read_options_;
  absl::flat_hash_map<uint64_t, uint64_t> by_hash_;
  absl::flat_hash_map<std::string, uint64_t> by_id_;
  uint64_t* slot_ = nullptr;
};

}  // namespace

absl::StatusOr<IntegrityReport> RocksDbIntegrity::VerifyIntegrity(
    const std::string& stream_id) const {
  if (!stream_id.empty()) return VerifyStream(stream_id);
  ASSIGN_OR_RETURN(IntegrityReport report, VerifyLog());
  const AnchorKey* key = database_.options().anchor_key;
  if (report.intact && key != nullptr) {
    RETURN_IF_ERROR(VerifyAnchors(*key, report));
  }
  return report;
}

absl::StatusOr<LogAnchor> RocksDbIntegrity::AnchorHead() const {
  const AnchorKey* key = database_.options().anchor_key;
  if (key == nullptr || !key->can_sign()) {
    return absl::FailedPreconditionError(
        "no anchor signing key (mediationd --cle_ancrage)");
  }
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db()->NewIterator(rocksdb::ReadOptions(), database_.events()));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(it->status(), "read the log head"));
  if (!it->Valid()) {
    return absl::FailedPreconditionError("the log is empty: nothing to anchor");
  }
  v1::EventRecord head;
  RETURN_IF_ERROR(ParseStored(View(it->value()), "log head", &head));
  ASSIGN_OR_RETURN(
      LogAnchor anchor,
      key->Sign(head.global_position(), head.hash(), database_.clock().Now()));
  v1::LogAnchorRecord record;
  record.set_position(anchor.position);
  record.set_hash(anchor.hash);
  record.set_signed_at_micros(absl::ToUnixMicros(anchor.signed_at));
  record.set_key_id(anchor.key_id);
  record.set_signature(anchor.signature);
  rocksdb::WriteBatch batch;
  batch
      .Put(database_.anchors(), BigEndian64(anchor.position),
           record.SerializeAsString())
      .PermitUncheckedError();
  RETURN_IF_ERROR(database_.Write(batch, "store an anchor"));
  return anchor;
}

absl::Status RocksDbIntegrity::VerifyAnchors(const AnchorKey& key,
                                             IntegrityReport& report) const {
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db()->NewIterator(rocksdb::ReadOptions(), database_.anchors()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    v1::LogAnchorRecord record;
    RETURN_IF_ERROR(ParseStored(View(it->value()), "anchor", &record));
    LogAnchor anchor{record.position(), record.hash(),
                     absl::FromUnixMicros(record.signed_at_micros()),
                     record.key_id(), record.signature()};
    if (anchor.key_id != key.id()) continue;  // Another key's.
    auto bad = [&](absl::string_view reason, const v1::EventRecord* event) {
      report.intact = false;
      report.first_bad_position = anchor.position;
      report.first_bad_stream = event != nullptr ? event->stream_id() : "";
      report.first_bad_version = event != nullptr ? event->stream_version() : 0;
      report.reason = std::string(reason);
      return absl::OkStatus();
    };
    if (!key.Verify(anchor)) {
      return bad("a signed anchor at this position does not verify", nullptr);
    }
    absl::StatusOr<v1::EventRecord> event =
        ReadRecord(*database_.db(), database_.events(), anchor.position);
    if (absl::IsDataLoss(event.status())) {
      return bad("the log ends before this signed anchor: it was cut", nullptr);
    }
    RETURN_IF_ERROR(event.status());
    if (event->hash() != anchor.hash) {
      return bad(absl::StrCat("it differs from the hash signed on ",
                              absl::FormatTime(anchor.signed_at),
                              ": the log was rewritten up to here"),
                 &*event);
    }
    ++report.anchors_verified;
    report.last_anchor_position = anchor.position;
  }
  return FromRocksDb(it->status(), "verify anchors");
}

absl::StatusOr<IntegrityReport> RocksDbIntegrity::VerifyLog() const {
  // The whole log, in order, each event checked against the previous one
  // of the log and of its stream, all read in one snapshot: an append
  // during the pass is not seen.
  IntegrityReport report;
  rocksdb::DB& db = *database_.db();
  rocksdb::ManagedSnapshot snapshot(&db);
  StreamHeads heads(db, database_.events(), snapshot.snapshot(),
                    stream_id_hash_);
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot.snapshot();
  std::unique_ptr<rocksdb::Iterator> it(
      db.NewIterator(read_options, database_.events()));
  std::string previous_in_log;
  v1::EventRecord record;
  v1::EventRecord previous_in_stream;
  uint64_t position = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++position;
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
    RETURN_IF_ERROR(heads.Previous(record.stream_id(), previous_in_stream));
    if (!Check(record, position, previous_in_log, previous_in_stream.hash(),
               previous_in_stream.stream_version(), report)) {
      return report;
    }
    heads.Advance(position);
    previous_in_log = record.hash();
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "verify log"));
  return report;
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
