#include "storage/event_store.h"

#include <utility>

#include "absl/synchronization/notification.h"

namespace mediation {
absl::StatusOr<AppendResult> EventStore::Append(AppendRequest request) {
  absl::Notification done;
  absl::StatusOr<AppendResult> outcome;
  AppendAsync(std::move(request), [&](absl::StatusOr<AppendResult> result) {
    outcome = std::move(result);
    done.Notify();
  });
  done.WaitForNotification();
  return outcome;
}

}  // namespace mediation
