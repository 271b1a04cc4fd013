#include "storage/rocksdb_util.h"

#include "absl/strings/str_cat.h"

namespace mediation {

absl::Status FromRocksDb(const rocksdb::Status& status,
                         absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat(what, ": ", status.ToString());
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsIOError() || status.IsBusy() || status.IsTimedOut() ||
      status.IsTryAgain() || status.IsShutdownInProgress() ||
      status.IsIncomplete() || status.IsAborted()) {
    return absl::UnavailableError(message);
  }
  return absl::InternalError(message);
}

}  // namespace mediation
