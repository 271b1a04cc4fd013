#include "storage/rocksdb_util.h"

#include <cstdint>
#include <string>
#include <utility>

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

rocksdb::WriteBatch JoinBatches(std::vector<rocksdb::WriteBatch>& batches) {
  if (batches.empty()) return rocksdb::WriteBatch();
  if (batches.size() == 1) return std::move(batches.front());
  // A batch's bytes (RocksDB's db/write_batch.cc; the write-ahead log's
  // record format): a sequence number (fixed64) and a count of records
  // (fixed32), both set by the write, then the records.
  constexpr size_t kHeader = 12;
  size_t size = kHeader;
  uint32_t count = 0;
  for (const rocksdb::WriteBatch& batch : batches) {
    size += batch.GetDataSize() - kHeader;
    count += batch.Count();
  }
  std::string bytes(kHeader, '\0');
  bytes.reserve(size);
  for (const rocksdb::WriteBatch& batch : batches) {
    bytes.append(batch.Data(), kHeader);
  }
  for (int i = 0; i < 4; ++i) {  // Little-endian.
    bytes[8 + i] = static_cast<char>((count >> (8 * i)) & 0xff);
  }
  return rocksdb::WriteBatch(std::move(bytes));
}

}  // namespace mediation
