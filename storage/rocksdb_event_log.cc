#include "storage/rocksdb_event_log.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/thread_name.h"
#include "mediation/v1/events.pb.h"
#include "storage/codec.h"
#include "storage/integrity.h"
#include "storage/keys.h"
#include "storage/overlay.h"
#include "storage/proto_arena.h"
#include "storage/rocksdb_util.h"
#include "storage/store_observer.h"

namespace mediation {
namespace {

constexpr size_t kMaxEventsPerAppend = 1000;

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

}  // namespace

// Stages the appends of one group into one batch.
class RocksDbEventLog::Group {
 public:
  // `base`: the writes of the groups handed over and not yet written,
  // newest first.
  Group(RocksDbEventLog& log, uint64_t next_position, absl::Time recorded_at,
        std::string last_hash, Overlay::Layers base)
      : log_(log),
        overlay_(log.database_.db(), std::move(base)),
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

  // Ends staging: puts every append staged into `batch`, adds their counter
  // deltas into `counters`, and returns what it writes, for the next group
  // to read while this one is written.
  std::shared_ptr<const Overlay::Layer> Finish(
      rocksdb::WriteBatch& batch, Overlay::CounterDeltas& counters) {
    return overlay_.Flush(batch, counters);
  }
  uint64_t next_position() const { return next_position_; }
  const std::string& last_hash() const { return last_hash_; }

 private:
  const RocksDbDatabase& database() const { return log_.database_; }

  // The stored result when `request` retries an earlier one.
  absl::StatusOr<std::optional<AppendResult>> EarlierResult(
      const AppendRequest& request) {
    if (request.request_id.empty()) return std::nullopt;
    ASSIGN_OR_RETURN(std::optional<std::string> stored,
                     overlay_.Get(database().idempotency(),
                                  IdempotencyKey(request.request_scope,
                                                 request.request_id)));
    if (!stored.has_value() && !request.request_scope.empty() &&
        log_.unscoped_requests_.load()) {
      ASSIGN_OR_RETURN(
          stored, overlay_.Get(database().idempotency(), request.request_id));
    }
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
                     overlay_.Get(database().streams(), HeadKey(stream_id)));
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
    OverlayProjectionWriter writer(overlay_, database().projections());
    for (size_t i = 0; i < request.events.size(); ++i) {
      RecordedEvent event{
          Metadata(request, i, head + 1 + i, next_position_ + i),
          request.events[i].event};
      // Encoded, hashed and serialised once, on an arena: its submessages
      // and string objects are not allocated one by one (proto_arena.h).
      ProtoArena<4096> arena;
      v1::EventRecord& record = *arena.Create<v1::EventRecord>();
      ToRecord(event, &record);
      record.set_hash_precedent_flux(stream_chain);
      record.set_hash_precedent_journal(chain);
      record.set_hash(HashOf(record));
      chain = stream_chain = event.metadata.hash = record.hash();
      const uint64_t position = event.metadata.global_position;
      overlay_.Put(database().events(), BigEndian64(position),
                   record.SerializeAsString());
      overlay_.Put(database().streams(),
                   VersionKey(request.stream_id, event.metadata.stream_version),
                   BigEndian64(position));
      RETURN_IF_ERROR(log_.projections_.Apply(event, writer));
    }
    overlay_.Put(database().streams(), HeadKey(request.stream_id),
                 EncodeHead({result.last_version, stream_chain}));
    if (!request.request_id.empty()) {
      if (request.request_scope.empty()) log_.unscoped_requests_.store(true);
      overlay_.Put(database().idempotency(),
                   IdempotencyKey(request.request_scope, request.request_id),
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

  RocksDbEventLog& log_;
  Overlay overlay_;
  uint64_t next_position_;
  const absl::Time recorded_at_;
  std::string last_hash_;
};

RocksDbEventLog::RocksDbEventLog(RocksDbDatabase& database,
                                 RocksDbProjections& projections)
    : database_(database),
      projections_(projections),
      counter_tables_(
          database.db(),
          std::max<uint32_t>(1, database.options().max_counter_operands)) {}

absl::StatusOr<std::unique_ptr<RocksDbEventLog>> RocksDbEventLog::Open(
    RocksDbDatabase& database, RocksDbProjections& projections) {
  std::unique_ptr<RocksDbEventLog> log(
      new RocksDbEventLog(database, projections));
  RETURN_IF_ERROR(log->Recover());
  RocksDbEventLog* self = log.get();
  log->completion_thread_ = std::thread([self] { self->CompletionLoop(); });
  NameThread(log->completion_thread_, "mdn-answers");
  log->write_thread_ = std::thread([self] { self->WriteLoop(); });
  NameThread(log->write_thread_, "mdn-wal-writer");
  log->writer_ = std::make_unique<GroupCommitter<AppendRequest, AppendResult>>(
      GroupCommitter<AppendRequest, AppendResult>::Options{
          database.options().max_pending_appends,
          database.options().max_group_size, "mdn-stager"},
      [self](std::vector<AppendRequest>& group,
             std::vector<AppendCallback>& dones) {
        self->StageGroup(group, dones);
      });
  return log;
}

RocksDbEventLog::~RocksDbEventLog() {
  // The stager answers or hands over what is queued; the write thread then
  // writes the last group handed over, and stops.
  writer_.reset();
  {
    absl::MutexLock lock(&pipeline_mu_);
    closing_ = true;
  }
  if (write_thread_.joinable()) write_thread_.join();
  {
    absl::MutexLock lock(&completion_mu_);
    completions_closing_ = true;
  }
  if (completion_thread_.joinable()) completion_thread_.join();
}

void RocksDbEventLog::AppendAsync(AppendRequest request, AppendCallback done) {
  StoreObserver* observer = database_.options().observer;
  if (observer == nullptr) {
    writer_->Submit(std::move(request), std::move(done));
    return;
  }
  writer_->Submit(std::move(request), [observer, done = std::move(done)](
                                          absl::StatusOr<AppendResult> result) {
    AppendRefusal refusal;
    if (RefusalOf(result.status(), &refusal)) {
      observer->AppendRefused(refusal);
    }
    done(std::move(result));
  });
}

uint64_t RocksDbEventLog::LastPosition() const { return last_position_.load(); }

absl::Status RocksDbEventLog::Recover() {
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db()->NewIterator(rocksdb::ReadOptions(), database_.events()));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(it->status(), "recover"));
  absl::MutexLock lock(&database_.commit_mu());
  absl::MutexLock pipeline(&pipeline_mu_);
  committed_ = Chain{1, "", absl::UnixEpoch()};
  if (it->Valid()) {
    std::optional<uint64_t> position = DecodeBigEndian64(View(it->key()));
    v1::EventRecord record;
    if (!position.has_value()) return absl::DataLossError("bad event key");
    RETURN_IF_ERROR(ParseStored(View(it->value()), "last event", &record));
    last_position_.store(*position);
    committed_ = Chain{*position + 1, record.hash(),
                       absl::FromUnixMicros(record.recorded_at_micros())};
  }
  staged_ = committed_;
  // Request ids are printable (CheckIdentifier): a record without a scope
  // sorts after the scoped ones.
  std::unique_ptr<rocksdb::Iterator> requests(database_.db()->NewIterator(
      rocksdb::ReadOptions(), database_.idempotency()));
  requests->Seek(PrefixEnd(kScopedRequestPrefix));
  const bool unscoped = requests->Valid();
  RETURN_IF_ERROR(FromRocksDb(requests->status(), "recover request ids"));
  unscoped_requests_.store(unscoped);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<StoredRequest>> RocksDbEventLog::FindRequest(
    const std::string& request_scope, const std::string& request_id) const {
  std::string bytes;
  rocksdb::Status status =
      database_.db()->Get(rocksdb::ReadOptions(), database_.idempotency(),
                          IdempotencyKey(request_scope, request_id), &bytes);
  if (status.IsNotFound() && !request_scope.empty() &&
      unscoped_requests_.load()) {
    status = database_.db()->Get(rocksdb::ReadOptions(),
                                 database_.idempotency(), request_id, &bytes);
  }
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(status, "read idempotency record"));
  v1::IdempotencyRecord record;
  RETURN_IF_ERROR(ParseStored(bytes, "idempotency record", &record));
  return StoredRequest{record.fingerprint(), ResultOf(record)};
}

bool RocksDbEventLog::WaitForPosition(uint64_t position,
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

// What the stager hands to the write thread: one group, or several staged
// one after the other while the write thread was busy, written together.
struct RocksDbEventLog::Staged {
  // One per group, in the order staged; written as one batch.
  std::vector<rocksdb::WriteBatch> batches;
  // Their writes, oldest first, read by the groups staged meanwhile.
  std::vector<std::shared_ptr<const Overlay::Layer>> layers;
  // Their counter deltas, summed: one entry per table when written
  // (CounterTableWriter).
  Overlay::CounterDeltas counters;
  std::vector<absl::StatusOr<AppendResult>> results;
  std::vector<AppendCallback> dones;
  Chain end;  // The log's chain once the batches are written.

  // Takes `later`'s groups after its own.
  void Take(Staged& later) {
    for (auto& batch : later.batches) batches.push_back(std::move(batch));
    for (auto& layer : later.layers) layers.push_back(std::move(layer));
    AddCounterDeltas(later.counters, counters);
    for (auto& result : later.results) results.push_back(std::move(result));
    for (auto& done : later.dones) dones.push_back(std::move(done));
    end = later.end;
  }
};

void RocksDbEventLog::StageGroup(std::vector<AppendRequest>& group,
                                 std::vector<AppendCallback>& dones) {
  auto staged = std::make_unique<Staged>();
  staged->dones = std::move(dones);
  {
    absl::MutexLock lock(&database_.commit_mu());
    Overlay::Layers base;
    uint64_t failures = 0;
    {
      absl::MutexLock pipeline(&pipeline_mu_);
      // The group staged last was lost: start again from what is stored.
      if (write_failures_ != failures_seen_) RestartFromStored();
      // Newest first: the groups waiting, then those being written.
      for (const std::vector<std::shared_ptr<const Overlay::Layer>>* layers :
           {next_ != nullptr ? &next_->layers : nullptr, &writing_layers_}) {
        if (layers != nullptr)
          base.insert(base.end(), layers->rbegin(), layers->rend());
      }
      failures = write_failures_;
    }
    // recorded_at never decreases along the log, even if the clock steps
    // back.
    const absl::Time recorded_at =
        std::max(staged_.recorded_at, database_.clock().Now());
    Group staging(*this, staged_.next_position, recorded_at, staged_.hash,
                  std::move(base));
    staged->results.reserve(group.size());
    for (const AppendRequest& request : group) {
      staged->results.push_back(staging.Stage(request));
    }
    rocksdb::WriteBatch& batch = staged->batches.emplace_back();
    staged->layers.push_back(staging.Finish(batch, staged->counters));
    const bool writes = batch.Count() > 0;
    staged->end =
        Chain{staging.next_position(), staging.last_hash(), recorded_at};

    absl::MutexLock pipeline(&pipeline_mu_);
    // At most max_group_size appends wait for the write thread (one write):
    // beyond, the stager waits as well, and the queue behind it refuses
    // what exceeds its own bound (back-pressure while the disk is slow).
    const size_t max_waiting = database_.options().max_group_size;
    auto fits = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(pipeline_mu_) {
      return next_ == nullptr ||
             next_->results.size() + staged->results.size() <= max_waiting;
    };
    pipeline_mu_.Await(absl::Condition(&fits));
    if (write_failures_ != failures) {
      // Staged on a group whose write failed: nothing of it may be written
      // or answered as done.
      RestartFromStored();
      for (auto& result : staged->results) result = last_write_error_;
    } else if (next_ != nullptr) {
      // The write thread is busy: written with the groups waiting.
      staged_ = staged->end;
      next_->Take(*staged);
      return;
    } else if (writes || !writing_layers_.empty()) {
      // Answered once written, or once the write it may have read is.
      staged_ = staged->end;
      database_.WriteHandedOff();
      next_ = std::move(staged);
      return;
    }
  }
  // Nothing to write, nothing read that is not stored: every answer stands.
  Answer(*staged);
}

void RocksDbEventLog::RestartFromStored() {
  staged_ = committed_;
  failures_seen_ = write_failures_;
}

void RocksDbEventLog::Answer(Staged& staged) {
  for (size_t i = 0; i < staged.dones.size(); ++i) {
    staged.dones[i](std::move(staged.results[i]));
  }
}

void RocksDbEventLog::WriteLoop() {
  for (;;) {
    std::unique_ptr<Staged> staged;
    {
      absl::MutexLock lock(&pipeline_mu_);
      pipeline_mu_.Await(absl::Condition(this, &RocksDbEventLog::HasWork));
      if (next_ == nullptr) return;  // Closing, and everything written.
      staged = std::move(next_);
      writing_layers_ = staged->layers;
    }
    const absl::Time write_start = absl::Now();
    rocksdb::WriteBatch batch = JoinBatches(staged->batches);
    counter_tables_.Write(staged->counters, batch);
    const absl::Status written = batch.Count() == 0
                                     ? absl::OkStatus()
                                     : database_.Write(batch, "append");
    if (StoreObserver* observer = database_.options().observer;
        observer != nullptr && written.ok() && batch.Count() > 0) {
      size_t appends = 0;
      for (const auto& result : staged->results) {
        if (result.ok() && !result->replayed) ++appends;
      }
      observer->GroupWritten(appends, absl::Now() - write_start);
    }
    // Staged on this write, which failed: nothing of it is written.
    std::unique_ptr<Staged> lost;
    {
      absl::MutexLock lock(&pipeline_mu_);
      if (written.ok()) {
        committed_ = staged->end;
        absl::MutexLock wake(&position_mu_);
        last_position_.store(staged->end.next_position - 1);
      } else {
        ++write_failures_;
        last_write_error_ = written;
        lost = std::move(next_);
      }
      // Readable in the database now, or lost.
      writing_layers_.clear();
    }
    database_.WriteFinished();
    if (lost != nullptr) database_.WriteFinished();
    for (Staged* failed : {staged.get(), lost.get()}) {
      if (failed == nullptr || written.ok()) continue;
      // Nothing of the batch is stored: every accepted append failed.
      for (auto& result : failed->results) {
        if (result.ok()) result = written;
      }
    }
    // Answered by the completion thread: sending the answers would delay
    // the next write.
    absl::MutexLock lock(&completion_mu_);
    completions_.push_back(std::move(staged));
    if (lost != nullptr) completions_.push_back(std::move(lost));
  }
}

void RocksDbEventLog::CompletionLoop() {
  for (;;) {
    std::vector<std::unique_ptr<Staged>> ready;
    {
      absl::MutexLock lock(&completion_mu_);
      completion_mu_.Await(
          absl::Condition(this, &RocksDbEventLog::HasCompletions));
      if (completions_.empty()) return;  // Closing, and all answered.
      ready.swap(completions_);
    }
    for (const std::unique_ptr<Staged>& staged : ready) Answer(*staged);
  }
}

bool RocksDbEventLog::HasCompletions() const {
  return !completions_.empty() || completions_closing_;
}

bool RocksDbEventLog::HasWork() const { return next_ != nullptr || closing_; }

absl::StatusOr<std::vector<RecordedEvent>> RocksDbEventLog::ReadPositions(
    const std::vector<uint64_t>& positions) const {
  std::vector<RecordedEvent> events;
  events.reserve(positions.size());
  for (uint64_t position : positions) {
    std::string bytes;
    RETURN_IF_ERROR(FromRocksDb(
        database_.db()->Get(rocksdb::ReadOptions(), database_.events(),
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

absl::StatusOr<std::vector<RecordedEvent>> RocksDbEventLog::ReadStream(
    const std::string& stream_id, uint64_t from_version,
    size_t max_count) const {
  const std::string prefix = absl::StrCat("v", stream_id, std::string(1, '\0'));
  std::vector<uint64_t> positions;
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db()->NewIterator(rocksdb::ReadOptions(), database_.streams()));
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

absl::StatusOr<std::vector<RecordedEvent>> RocksDbEventLog::ReadAll(
    uint64_t from_position, size_t max_count) const {
  std::vector<RecordedEvent> events;
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db()->NewIterator(rocksdb::ReadOptions(), database_.events()));
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

}  // namespace mediation
