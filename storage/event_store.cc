#include "storage/event_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"

namespace mediation {
namespace {

bool IsIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
}

}  // namespace

absl::Status CheckIdentifier(const std::string& id, absl::string_view field) {
  if (id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  if (id.size() > 128 || !std::all_of(id.begin(), id.end(), IsIdCharacter)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": 1 to 128 characters among A-Z a-z 0-9 - _ . :"));
  }
  return absl::OkStatus();
}

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
