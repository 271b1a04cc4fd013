// Small bridges between RocksDB and Abseil types.
#ifndef MEDIATION_STORAGE_ROCKSDB_UTIL_H_
#define MEDIATION_STORAGE_ROCKSDB_UTIL_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "rocksdb/write_batch.h"

namespace mediation {

// I/O errors, a full disk, a busy or locked database: UNAVAILABLE (the caller
// may retry). Corruption: DATA_LOSS. Anything else: INTERNAL. `what` prefixes
// the message.
absl::Status FromRocksDb(const rocksdb::Status& status, absl::string_view what);

// A view of a slice's bytes (Debian's Abseil has its own string_view type).
inline absl::string_view View(const rocksdb::Slice& slice) {
  return absl::string_view(slice.data(), slice.size());
}
inline rocksdb::Slice ToSlice(absl::string_view view) {
  return rocksdb::Slice(view.data(), view.size());
}

// One batch holding the records of `batches`, in order (moved from when
// there is only one): written at once, they are applied all or none.
rocksdb::WriteBatch JoinBatches(std::vector<rocksdb::WriteBatch>& batches);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_UTIL_H_
