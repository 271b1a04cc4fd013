// The write path of RocksDbEventStore: the writer thread, group commit, and
// projection replay.
#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "mediation/v1/events.pb.h"
#include "rocksdb/convenience.h"
#include "storage/codec.h"
#include "storage/keys.h"
#include "storage/overlay.h"
#include "storage/rocksdb_event_store.h"
#include "storage/rocksdb_util.h"

namespace mediation {
namespace {

constexpr size_t kMaxEventsPerAppend = 1000;
constexpr size_t kReplayChunk = 4096;
constexpr char kScratchFamily[] = "projections_verify";

absl::Status CheckRequest(const AppendRequest& request) {
  RETURN_IF_ERROR(CheckIdentifier(request.stream_id, "stream_id"));
  if (!request.request_id.empty()) {
    RETURN_IF_ERROR(CheckIdentifier(request.request_id, "request_id"));
  }
  if (request.events.empty() || request.events.size() > kMaxEventsPerAppend) {
    return absl::InvalidArgumentError("events: 1 to 1000 per append");
  }
  for (const NewEvent& event : request.events) {
    RETURN_IF_ERROR(CheckIdentifier(event.event_id, "event_id"));
  }
  return absl::OkStatus();
}

// A stream's head: its version and the hash of its last event.
struct StreamHead {
  uint64_t version = 0;
  std::string hash;
};

std::string EncodeHead(const StreamHead& head) {
  return BigEndian64(head.version) + head.hash;
}

absl::StatusOr<StreamHead> DecodeHead(absl::string_view bytes) {
  std::optional<uint64_t> version =
      bytes.size() >= 8 ? DecodeBigEndian64(bytes.substr(0, 8)) : std::nullopt;
  if (!version.has_value()) return absl::DataLossError("bad stream head");
  return StreamHead{*version, std::string(bytes.substr(8))};
}

std::string HeadKey(const std::string& stream_id) {
  return absl::StrCat("h", stream_id);
}

std::string VersionKey(const std::string& stream_id, uint64_t version) {
  std::string key = absl::StrCat("v", stream_id, std::string(1, '\0'));
  AppendBigEndian64(version, &key);
  return key;
}

AppendResult ResultOf(const v1::IdempotencyRecord& record) {
  return AppendResult{record.stream_id(),     record.first_version(),
                      record.last_version(),  record.first_position(),
                      record.last_position(), /*replayed=*/true};
}

absl::Status ApplyProjections(
    const std::vector<std::unique_ptr<Projection>>& projections,
    const RecordedEvent& event, ProjectionWriter& writer) {
  for (const auto& projection : projections) {
    RETURN_IF_ERROR(projection->Apply(event, writer));
  }
  return absl::OkStatus();
}

}  // namespace

// Stages the appends of one group into one batch.
class RocksDbEventStore::Group {
 public:
  Group(RocksDbEventStore& store, uint64_t next_position,
        absl::Time recorded_at, std::string last_hash)
      : store_(store),
        overlay_(store.db_.get()),
        next_position_(next_position),
        recorded_at_(recorded_at),
        last_hash_(std::move(last_hash)) {}

  absl::StatusOr<AppendResult> Stage(const AppendRequest& request) {
    RETURN_IF_ERROR(CheckRequest(request));
    ASSIGN_OR_RETURN(std::optional<AppendResult> earlier,
                     EarlierResult(request));
    if (earlier.has_value()) return *earlier;
    ASSIGN_OR_RETURN(StreamHead head_and_hash, Head(request.stream_id));
    const uint64_t head = head_and_hash.version;
    if (!request.expected.is_any() && request.expected.version() != head) {
      return absl::AbortedError(
          absl::StrCat("stream ", request.stream_id, " is at version ", head,
                       ", the request expected ", request.expected.version()));
    }
    overlay_.Begin();
    std::string chain = last_hash_;
    absl::StatusOr<AppendResult> result =
        StageEvents(request, head_and_hash, chain);
    if (!result.ok()) {
      overlay_.Rollback();
      return result;
    }
    overlay_.Commit();
    next_position_ = result->last_position + 1;
    last_hash_ = std::move(chain);
    return result;
  }

  // Ends staging: the batch of every append staged.
  rocksdb::WriteBatch& Finish() {
    overlay_.Flush(batch_);
    return batch_;
  }
  uint64_t next_position() const { return next_position_; }
  const std::string& last_hash() const { return last_hash_; }

 private:
  const Families& families() const { return store_.families_; }

  // The stored result when `request` retries an earlier one.
  absl::StatusOr<std::optional<AppendResult>> EarlierResult(
      const AppendRequest& request) {
    if (request.request_id.empty()) return std::nullopt;
    ASSIGN_OR_RETURN(std::optional<std::string> stored,
                     overlay_.Get(families().idempotency, request.request_id));
    if (!stored.has_value()) return std::nullopt;
    v1::IdempotencyRecord record;
    RETURN_IF_ERROR(ParseStored(*stored, "idempotency record", &record));
    if (record.fingerprint() != request.fingerprint) {
      return absl::InvalidArgumentError(
          "request_id: already used for a different request");
    }
    return ResultOf(record);
  }

  absl::StatusOr<StreamHead> Head(const std::string& stream_id) {
    ASSIGN_OR_RETURN(std::optional<std::string> stored,
                     overlay_.Get(families().streams, HeadKey(stream_id)));
    if (!stored.has_value()) return StreamHead{};
    return DecodeHead(*stored);
  }

  // Stages the events, chaining each to `chain` (the log's last hash, updated)
  // and to the stream's.
  absl::StatusOr<AppendResult> StageEvents(const AppendRequest& request,
                                           const StreamHead& stream_head,
                                           std::string& chain) {
    const uint64_t head = stream_head.version;
    std::string stream_chain = stream_head.hash;
    AppendResult result{request.stream_id,
                        head + 1,
                        head + request.events.size(),
                        next_position_,
                        next_position_ + request.events.size() - 1,
                        false};
    OverlayProjectionWriter writer(overlay_, families().projections);
    for (size_t i = 0; i < request.events.size(); ++i) {
      RecordedEvent event{
          Metadata(request, i, head + 1 + i, next_position_ + i),
          request.events[i].event};
      v1::EventRecord record = ToRecord(event);
      record.set_hash_precedent_flux(stream_chain);
      record.set_hash_precedent_journal(chain);
      record.set_hash(HashOf(record));
      chain = stream_chain = event.metadata.hash = record.hash();
      const uint64_t position = event.metadata.global_position;
      overlay_.Put(families().events, BigEndian64(position),
                   record.SerializeAsString());
      overlay_.Put(families().streams,
                   VersionKey(request.stream_id, event.metadata.stream_version),
                   BigEndian64(position));
      RETURN_IF_ERROR(ApplyProjections(store_.projections_, event, writer));
    }
    overlay_.Put(families().streams, HeadKey(request.stream_id),
                 EncodeHead({result.last_version, stream_chain}));
    if (!request.request_id.empty()) {
      overlay_.Put(families().idempotency, request.request_id,
                   IdempotencyBytes(request, result));
    }
    return result;
  }

  EventMetadata Metadata(const AppendRequest& request, size_t index,
                         uint64_t version, uint64_t position) const {
    EventMetadata m;
    m.event_id = request.events[index].event_id;
    m.stream_id = request.stream_id;
    m.stream_version = version;
    m.global_position = position;
    m.schema_version = kSchemaVersion;
    m.recorded_at = recorded_at_;
    m.effective_date = EffectiveDate(request.events[index].event);
    m.actor = request.context.actor;
    m.correlation_id = request.context.correlation_id;
    m.causation_id = request.context.causation_id;
    m.request_id = request.request_id;
    return m;
  }

  static std::string IdempotencyBytes(const AppendRequest& request,
                                      const AppendResult& result) {
    v1::IdempotencyRecord record;
    record.set_fingerprint(request.fingerprint);
    record.set_stream_id(result.stream_id);
    record.set_first_version(result.first_version);
    record.set_last_version(result.last_version);
    record.set_first_position(result.first_position);
    record.set_last_position(result.last_position);
    return record.SerializeAsString();
  }

  RocksDbEventStore& store_;
  rocksdb::WriteBatch batch_;
  Overlay overlay_;
  uint64_t next_position_;
  const absl::Time recorded_at_;
  std::string last_hash_;
};

absl::StatusOr<std::optional<StoredRequest>> RocksDbEventStore::FindRequest(
    const std::string& request_id) const {
  std::string bytes;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(),
                                    families_.idempotency, request_id, &bytes);
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(status, "read idempotency record"));
  v1::IdempotencyRecord record;
  RETURN_IF_ERROR(ParseStored(bytes, "idempotency record", &record));
  return StoredRequest{record.fingerprint(), ResultOf(record)};
}

bool RocksDbEventStore::WaitForPosition(uint64_t position,
                                        absl::Duration timeout) const {
  struct Wait {
    const std::atomic<uint64_t>* last;
    uint64_t position;
    bool Reached() const { return last->load() >= position; }
  };
  const Wait wait{&last_position_, position};
  absl::MutexLock lock(&position_mu_);
  return position_mu_.AwaitWithTimeout(absl::Condition(&wait, &Wait::Reached),
                                       timeout);
}

void RocksDbEventStore::WriterLoop() {
  for (;;) {
    std::vector<std::unique_ptr<Pending>> group;
    {
      absl::MutexLock lock(&queue_mu_);
      queue_mu_.Await(absl::Condition(
          +[](RocksDbEventStore* s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(
               s->queue_mu_) { return s->closing_ || !s->queue_.empty(); },
          this));
      if (queue_.empty()) return;  // Closing, and every append answered.
      while (!queue_.empty() && group.size() < options_.max_group_size) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<absl::StatusOr<AppendResult>> results;
    {
      absl::MutexLock lock(&commit_mu_);
      results = CommitGroup(group);
    }
    for (size_t i = 0; i < group.size(); ++i) {
      group[i]->done(std::move(results[i]));
    }
  }
}

std::vector<absl::StatusOr<AppendResult>> RocksDbEventStore::CommitGroup(
    const std::vector<std::unique_ptr<Pending>>& group) {
  if (absl::Status space = CheckFreeSpace(); !space.ok()) {
    return std::vector<absl::StatusOr<AppendResult>>(group.size(), space);
  }
  // After a failed write (disk full, I/O error) RocksDB refuses writes
  // until resumed: try again, at most once a second, before writing.
  if (!resumed_after_error_) {
    const absl::Time now = clock_.Now();
    absl::Status resumed = absl::UnavailableError(
        absl::StrCat("the store cannot write since its last failure: ",
                     last_write_error_.message()));
    if (now - last_resume_attempt_ >= absl::Seconds(1)) {
      last_resume_attempt_ = now;
      resumed = FromRocksDb(db_->Resume(), "resume after a failed write");
    }
    if (!resumed.ok()) {
      return std::vector<absl::StatusOr<AppendResult>>(
          group.size(), absl::UnavailableError(resumed.message()));
    }
    resumed_after_error_ = true;
  }
  // recorded_at never decreases along the log, even if the clock steps back.
  const absl::Time recorded_at = std::max(last_recorded_at_, clock_.Now());
  Group staging(*this, last_position_.load() + 1, recorded_at, last_hash_);
  std::vector<absl::StatusOr<AppendResult>> results;
  results.reserve(group.size());
  for (const auto& pending : group) {
    results.push_back(staging.Stage(pending->request));
  }
  rocksdb::WriteBatch& batch = staging.Finish();
  if (batch.Count() == 0) return results;
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  absl::Status written =
      FromRocksDb(db_->Write(write_options, &batch), "append");
  if (!written.ok()) {
    resumed_after_error_ = false;
    last_write_error_ = written;
    last_resume_attempt_ = absl::InfinitePast();
    // Nothing of the batch is stored: every accepted append failed.
    const absl::Status unavailable = absl::UnavailableError(written.message());
    for (auto& result : results) {
      if (result.ok() && !result->replayed) result = unavailable;
    }
    return results;
  }
  {
    absl::MutexLock wake(&position_mu_);
    last_position_.store(staging.next_position() - 1);
  }
  last_recorded_at_ = recorded_at;
  last_hash_ = staging.last_hash();
  return results;
}

absl::Status RocksDbEventStore::ReplayInto(
    rocksdb::ColumnFamilyHandle* target) {
  rocksdb::WriteBatch batch;
  Overlay overlay(db_.get());
  OverlayProjectionWriter writer(overlay, target);
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  auto flush = [&]() -> absl::Status {
    overlay.Flush(batch);
    RETURN_IF_ERROR(FromRocksDb(db_->Write(write_options, &batch), "replay"));
    batch.Clear();
    return absl::OkStatus();
  };
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_.events));
  size_t in_batch = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    v1::EventRecord record;
    RETURN_IF_ERROR(ParseStored(View(it->value()), "event", &record));
    ASSIGN_OR_RETURN(RecordedEvent event, FromRecord(record));
    overlay.Begin();
    RETURN_IF_ERROR(ApplyProjections(projections_, event, writer));
    overlay.Commit();
    if (++in_batch == kReplayChunk) {
      RETURN_IF_ERROR(flush());
      in_batch = 0;
    }
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "replay"));
  return flush();
}

absl::Status RocksDbEventStore::RebuildProjections() {
  absl::MutexLock lock(&commit_mu_);
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  // Until the rebuild is over, the stored projection ids say nothing: a
  // crash half way makes the next Open rebuild again.
  RETURN_IF_ERROR(FromRocksDb(db_->Delete(write_options, kProjectionIdsKey),
                              "forget projection ids"));
  // Empty the family, then compact the emptiness away, so that the replay's
  // reads (most miss) and later scans do not step over a range deletion.
  // Every projection key is printable ASCII, so below "\xff".
  const rocksdb::Slice first(""), last("\xff");
  RETURN_IF_ERROR(
      FromRocksDb(rocksdb::DeleteFilesInRange(db_.get(), families_.projections,
                                              &first, &last),
                  "drop projection files"));
  RETURN_IF_ERROR(FromRocksDb(
      db_->DeleteRange(write_options, families_.projections, first, last),
      "clear projections"));
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForce;
  RETURN_IF_ERROR(FromRocksDb(
      db_->CompactRange(compact, families_.projections, nullptr, nullptr),
      "compact projections"));
  RETURN_IF_ERROR(ReplayInto(families_.projections));
  return FromRocksDb(
      db_->Put(write_options, kProjectionIdsKey, ProjectionIds()),
      "write projection ids");
}

absl::Status RocksDbEventStore::VerifyProjections() {
  absl::MutexLock lock(&commit_mu_);
  rocksdb::ColumnFamilyHandle* scratch = nullptr;
  RETURN_IF_ERROR(
      FromRocksDb(db_->CreateColumnFamily(FamilyOptions(rocksdb::Options()),
                                          kScratchFamily, &scratch),
                  "create scratch family"));
  absl::Status status = ReplayInto(scratch);
  if (status.ok()) {
    std::unique_ptr<rocksdb::Iterator> stored(
        db_->NewIterator(rocksdb::ReadOptions(), families_.projections));
    std::unique_ptr<rocksdb::Iterator> rebuilt(
        db_->NewIterator(rocksdb::ReadOptions(), scratch));
    stored->SeekToFirst();
    rebuilt->SeekToFirst();
    while (status.ok() && (stored->Valid() || rebuilt->Valid())) {
      if (!stored->Valid() || !rebuilt->Valid() ||
          stored->key() != rebuilt->key() ||
          stored->value() != rebuilt->value()) {
        const rocksdb::Slice key =
            stored->Valid() ? stored->key() : rebuilt->key();
        status = absl::DataLossError(
            absl::StrCat("projection key '", absl::CHexEscape(View(key)),
                         "' differs from a rebuild from the log"));
        break;
      }
      stored->Next();
      rebuilt->Next();
    }
  }
  db_->DropColumnFamily(scratch).PermitUncheckedError();
  db_->DestroyColumnFamilyHandle(scratch).PermitUncheckedError();
  return status;
}

}  // namespace mediation
