// Tamper evidence of the log: every event carries the SHA-256 of the
// previous event of its stream and of the whole log, and its own, so that a
// value altered behind the service's back breaks the chain where it was
// altered.
#ifndef MEDIATION_STORAGE_INTEGRITY_H_
#define MEDIATION_STORAGE_INTEGRITY_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "mediation/v1/events.pb.h"
#include "storage/anchor.h"

namespace mediation {

// The result of checking the hash chain: the first event that does not
// match, when one does not.
struct IntegrityReport {
  uint64_t events_verified = 0;
  bool intact = true;
  uint64_t first_bad_position = 0;
  std::string first_bad_stream;
  uint64_t first_bad_version = 0;
  std::string reason;
  // Signed anchors of the log head checked (whole log, with an anchor key),
  // and the position of the last one.
  uint64_t anchors_verified = 0;
  uint64_t last_anchor_position = 0;
};

// Checks the hash chains of a log. Thread safe.
class IntegrityVerifier {
 public:
  virtual ~IntegrityVerifier() = default;
  // Checks the hash chain of the whole log (stream_id empty) or of one
  // stream: each event's hash, and its links to the previous event of its
  // stream and of the log. NOT_FOUND for an unknown stream.
  // For the whole log, with an anchor key, also checks every signed anchor
  // of the key: its signature, and that the event at its position still
  // has the hash it signed (a log rewritten from an altered event on is
  // named at the first anchor that no longer matches; a log cut short
  // before an anchor too). Anchors of another key are skipped.
  virtual absl::StatusOr<IntegrityReport> VerifyIntegrity(
      const std::string& stream_id) const = 0;

  // Signs the position and hash of the log's last event now, stores the
  // anchor and returns it. FAILED_PRECONDITION without a signing key or
  // with an empty log; UNAVAILABLE when it cannot be stored.
  virtual absl::StatusOr<LogAnchor> AnchorHead() const = 0;
};

// SHA-256 of the deterministic serialisation of `record` without its `hash`.
std::string HashOf(const v1::EventRecord& record);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_INTEGRITY_H_
