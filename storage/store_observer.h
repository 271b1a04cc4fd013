// What the store tells whoever watches it (metrics): each group written, each
// append refused and why. Storage knows nothing of how it is exported.
#ifndef MEDIATION_STORAGE_STORE_OBSERVER_H_
#define MEDIATION_STORAGE_STORE_OBSERVER_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace mediation {

// Why an append was refused.
enum class AppendRefusal {
  kConflict,      // ABORTED: another version, or a request id reused.
  kDiskReserve,   // UNAVAILABLE: free space below the reserve.
  kWriteFailure,  // UNAVAILABLE: RocksDB failed to write, or not resumed.
  kOverload,      // RESOURCE_EXHAUSTED: too many appends waiting.
  kClosing,       // UNAVAILABLE: the store is closing.
};

// "conflict", "disk_reserve", "write_failure", "overload", "closing".
absl::string_view AppendRefusalName(AppendRefusal refusal);

// Called on the writer thread (GroupWritten) or the appending thread
// (AppendRefused); implementations must be thread safe and must not block.
class StoreObserver {
 public:
  virtual ~StoreObserver() = default;
  // One WriteBatch of `appends` appends written (and synced) in `write`.
  virtual void GroupWritten(size_t appends, absl::Duration write) = 0;
  virtual void AppendRefused(AppendRefusal refusal) = 0;
};

// The store marks the UNAVAILABLE statuses of its refused writes with this
// payload, whose value is the AppendRefusalName.
inline constexpr absl::string_view kRefusalPayload =
    "type.mediation/storage.refusal";

// The cause of a refused append, from its status: ABORTED is a conflict,
// RESOURCE_EXHAUSTED an overload, UNAVAILABLE what its payload names (a
// write failure without one). False for other statuses (invalid requests
// are the caller's errors, not refusals).
bool RefusalOf(const absl::Status& status, AppendRefusal* refusal);

// `status` with the payload naming `refusal`.
absl::Status WithRefusal(absl::Status status, AppendRefusal refusal);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_STORE_OBSERVER_H_
