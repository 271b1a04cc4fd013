// Counters kept as RocksDB merge operands: a projection adds a delta without
// reading the current value, RocksDB sums the operands when the key is read
// or compacted. Values are 8-byte little-endian int64.
#ifndef MEDIATION_STORAGE_COUNTER_MERGE_H_
#define MEDIATION_STORAGE_COUNTER_MERGE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "rocksdb/merge_operator.h"

namespace mediation {

std::string EncodeCounter(int64_t value);
// nullopt unless `bytes` is 8 bytes.
std::optional<int64_t> DecodeCounter(absl::string_view bytes);

// The operator of the projections column family. Thread safe.
std::shared_ptr<rocksdb::MergeOperator> CounterMergeOperator();

}  // namespace mediation

#endif  // MEDIATION_STORAGE_COUNTER_MERGE_H_
