#include "storage/store_observer.h"

#include <optional>

#include "absl/strings/cord.h"

namespace mediation {

absl::string_view AppendRefusalName(AppendRefusal refusal) {
  switch (refusal) {
    case AppendRefusal::kConflict:
      return "conflict";
    case AppendRefusal::kDiskReserve:
      return "disk_reserve";
    case AppendRefusal::kWriteFailure:
      return "write_failure";
    case AppendRefusal::kOverload:
      return "overload";
    case AppendRefusal::kClosing:
      return "closing";
  }
  return "write_failure";
}

absl::Status WithRefusal(absl::Status status, AppendRefusal refusal) {
  status.SetPayload(kRefusalPayload, absl::Cord(AppendRefusalName(refusal)));
  return status;
}

bool RefusalOf(const absl::Status& status, AppendRefusal* refusal) {
  switch (status.code()) {
    case absl::StatusCode::kAborted:
      *refusal = AppendRefusal::kConflict;
      return true;
    case absl::StatusCode::kResourceExhausted:
      *refusal = AppendRefusal::kOverload;
      return true;
    case absl::StatusCode::kUnavailable: {
      *refusal = AppendRefusal::kWriteFailure;
      const auto payload = status.GetPayload(kRefusalPayload);
      if (!payload.has_value()) return true;
      for (const AppendRefusal named :
           {AppendRefusal::kDiskReserve, AppendRefusal::kClosing,
            AppendRefusal::kOverload, AppendRefusal::kConflict}) {
        if (*payload == AppendRefusalName(named)) *refusal = named;
      }
      return true;
    }
    default:
      return false;
  }
}

}  // namespace mediation
