// Projections: state derived from the log, written in the same atomic batch as
// the events they derive from, and rebuildable from the log byte for byte.
#ifndef MEDIATION_STORAGE_PROJECTION_H_
#define MEDIATION_STORAGE_PROJECTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/event_store.h"

namespace mediation {

// The key-value state a projection reads and writes while an event is
// applied. Reads see earlier writes of the same batch. Not thread safe; valid
// only during Projection::Apply.
class ProjectionWriter {
 public:
  virtual ~ProjectionWriter() = default;
  // nullopt when the key is absent; an error status on I/O failure.
  virtual absl::StatusOr<std::optional<std::string>> Get(
      const std::string& key) = 0;
  virtual void Put(const std::string& key, const std::string& value) = 0;
  virtual void Delete(const std::string& key) = 0;
  // Adds `delta` to the counter `name` of the counter table at `key`
  // (storage/counter_merge.h) without reading it. A counter table is never
  // read through the writer.
  virtual void Add(const std::string& key, const std::string& name,
                   int64_t delta) = 0;
};

// Where a ProjectionBuilder puts what it built. Not thread safe.
class ProjectionSink {
 public:
  virtual ~ProjectionSink() = default;
  // The final value of `key`; each key is put once.
  virtual void Put(std::string key, std::string value) = 0;
  // As ProjectionWriter::Add: counter tables are summed over every Add of a
  // rebuild, a counter added is kept even when its deltas sum to zero.
  virtual void Add(const std::string& key, const std::string& name,
                   int64_t delta) = 0;
};

// Folds events in memory into a projection's final keys: a rebuild's fast
// path, which neither reads nor writes the database per event. Not thread
// safe.
class ProjectionBuilder {
 public:
  virtual ~ProjectionBuilder() = default;
  // The events of one stream at a time: every event of the stream, in
  // version order, then EndStream; the streams in any order, each once. A
  // rebuild may give a builder the streams of a subset only: apart from
  // counter tables, what two builders of disjoint subsets put never shares
  // a key. Counters may be added as events come, at EndStream or at Finish.
  virtual absl::Status Add(const RecordedEvent& event,
                           ProjectionSink& sink) = 0;
  // After the last event of a stream: the builder may put that stream's
  // keys now and forget it.
  virtual absl::Status EndStream(ProjectionSink& sink) = 0;
  // Puts every key the projection holds after the streams added that it
  // has not put yet, in any order, as Apply would have left them (byte for
  // byte), then forgets them.
  virtual absl::Status Finish(ProjectionSink& sink) = 0;
};

// A projection folds events, one at a time in log order, into keys of its own
// (each projection owns a distinct key prefix).
class Projection {
 public:
  virtual ~Projection() = default;

  // Names the projection and the version of its format; a store that finds
  // other ids than it was written with rebuilds every projection at open.
  virtual std::string Id() const = 0;

  // Must be a pure function of `event` and what it reads from `writer`, so
  // that a rebuild from the log produces the same bytes. An error aborts the
  // append that carried the event (nothing of it is written).
  virtual absl::Status Apply(const RecordedEvent& event,
                             ProjectionWriter& writer) = 0;

  // A builder whose keys equal those of Apply folding the same events into
  // an empty projection. The projection must outlive it.
  virtual std::unique_ptr<ProjectionBuilder> NewBuilder() const = 0;
};

// Read access to committed projection keys. Thread safe.
class ProjectionReader {
 public:
  using ScanVisitor =
      std::function<bool(absl::string_view key, absl::string_view value)>;

  virtual ~ProjectionReader() = default;
  virtual absl::StatusOr<std::optional<std::string>> Get(
      const std::string& key) const = 0;
  // Visits keys in [begin, end) in key order (descending when `reverse`),
  // until `visit` returns false. An empty `end` means no upper bound.
  virtual absl::Status Scan(const std::string& begin, const std::string& end,
                            bool reverse, const ScanVisitor& visit) const = 0;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_PROJECTION_H_
