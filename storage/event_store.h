// EventStore: the append-only log of every saisine's events.
//
// Each saisine is one stream; each event gets a stream version (1, 2, 3… per
// stream) and a global position (1, 2, 3… over the whole log, without gaps).
// An append is atomic: all its events, the projections derived from them and
// its idempotency record are written together or not at all.
//
//   AppendRequest request;
//   request.stream_id = saisine_id;
//   request.expected = ExpectedVersion::NoStream();
//   request.events.push_back({NewEventId(), SaisineEvent{recue}});
//   absl::StatusOr<AppendResult> result = store.Append(std::move(request));
//
// Thread safety: every method may be called concurrently.
#ifndef MEDIATION_STORAGE_EVENT_STORE_H_
#define MEDIATION_STORAGE_EVENT_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "base/ids.h"
#include "domain/saisine.h"

namespace mediation {

// What the writer expects the stream's current version to be.
class ExpectedVersion {
 public:
  static ExpectedVersion Any() { return ExpectedVersion(kAny); }
  static ExpectedVersion NoStream() { return ExpectedVersion(0); }
  // REQUIRES: version > 0.
  static ExpectedVersion Exactly(uint64_t version) {
    return ExpectedVersion(version);
  }

  bool is_any() const { return value_ == kAny; }
  // 0 for NoStream. REQUIRES: !is_any().
  uint64_t version() const { return value_; }

 private:
  static constexpr uint64_t kAny = ~uint64_t{0};
  explicit ExpectedVersion(uint64_t value) : value_(value) {}
  uint64_t value_;
};

// Who and what caused an append; copied onto each of its events.
struct EventContext {
  std::string actor;
  std::string correlation_id;
  std::string causation_id;
};

struct NewEvent {
  std::string event_id;
  SaisineEvent event;
};

struct AppendRequest {
  std::string stream_id;
  ExpectedVersion expected = ExpectedVersion::Any();
  std::vector<NewEvent> events;
  EventContext context;
  // Optional. When set, the first successful append under this id is
  // remembered with `fingerprint`: a later append with the same id and
  // fingerprint appends nothing and returns the first result (replayed), and
  // one with another fingerprint is INVALID_ARGUMENT.
  std::string request_id;
  std::string fingerprint;
  // Where `request_id` is unique: the services give the caisse and the RPC,
  // so that the same id used in another caisse or for another act is
  // another request, and no caller can probe another caisse's ids. A
  // record stored before scopes existed (empty scope) is still found.
  std::string request_scope;
};

struct AppendResult {
  std::string stream_id;
  uint64_t first_version = 0;
  // The stream's version after the append.
  uint64_t last_version = 0;
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  // True when this is the stored result of an earlier append with the same
  // request id.
  bool replayed = false;
};

// What an earlier request id produced.
struct StoredRequest {
  std::string fingerprint;
  AppendResult result;  // result.replayed is true.
};

struct EventMetadata {
  std::string event_id;
  std::string stream_id;
  uint64_t stream_version = 0;
  uint64_t global_position = 0;
  uint32_t schema_version = 0;
  absl::Time recorded_at;
  absl::CivilDay effective_date;
  std::string actor;
  std::string correlation_id;
  std::string causation_id;
  std::string request_id;
  // SHA-256 of the stored record, chained to its predecessors (integrity.h).
  std::string hash;
};

struct RecordedEvent {
  EventMetadata metadata;
  SaisineEvent event;
};

class EventStore {
 public:
  using AppendCallback = std::function<void(absl::StatusOr<AppendResult>)>;

  virtual ~EventStore() = default;

  // Appends `request.events` (at least one) to `request.stream_id` and calls
  // `done` exactly once, from a store thread, once the outcome is durable (or
  // failed). `done` must not block.
  // Outcomes: the result; ABORTED when the stream's version differs from
  // `request.expected` (nothing written); INVALID_ARGUMENT for an empty or
  // malformed request or a request id reused for another request;
  // RESOURCE_EXHAUSTED when too many appends are queued; UNAVAILABLE when the
  // write failed (disk full, I/O error) or the store is closing: nothing of
  // the request is stored, and it can be retried.
  virtual void AppendAsync(AppendRequest request, AppendCallback done) = 0;

  // Synchronous form of AppendAsync.
  absl::StatusOr<AppendResult> Append(AppendRequest request);

  // Events of `stream_id` with version >= `from_version`, oldest first, at
  // most `max_count`. An unknown stream gives an empty vector.
  virtual absl::StatusOr<std::vector<RecordedEvent>> ReadStream(
      const std::string& stream_id, uint64_t from_version,
      size_t max_count) const = 0;

  // Events with global position >= `from_position`, in log order, at most
  // `max_count`.
  virtual absl::StatusOr<std::vector<RecordedEvent>> ReadAll(
      uint64_t from_position, size_t max_count) const = 0;

  // Position of the last event stored (0 when the log is empty).
  virtual uint64_t LastPosition() const = 0;

  // Waits until the log holds an event at `position` or later, at most
  // `timeout`. True when it does. For followers of the log.
  virtual bool WaitForPosition(uint64_t position,
                               absl::Duration timeout) const = 0;

  // What the append under `request_id` produced, or nullopt if none
  // succeeded under it. Lets a caller answer a retry before deciding again
  // on a state that has moved on since.
  // Looks in `request_scope` (AppendRequest::request_scope), then among the
  // records stored without a scope.
  virtual absl::StatusOr<std::optional<StoredRequest>> FindRequest(
      const std::string& request_scope,
      const std::string& request_id) const = 0;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_EVENT_STORE_H_
