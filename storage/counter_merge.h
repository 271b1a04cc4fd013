// Counters kept as RocksDB merge operands: a projection adds a delta without
// reading the current value, RocksDB sums the operands when the key is read
// or compacted (and the store's writer writes a table's full value now and
// then, which bounds the operands a read sums: CounterTableWriter).
//
// Two formats, told apart by the key:
//   - a counter table (keys "s/…"): named counters in one value, so that
//     what an event moves in one scope and month is one merge operand, not
//     one per figure. Encoded as a version byte (1), then per counter, in
//     name order: varint length, name, 8-byte little-endian int64. A
//     counter once touched stays, at 0 if its deltas cancel, so that the
//     bytes do not depend on how the events were grouped into writes.
//   - a single counter (other keys; the statistics before the tables): an
//     8-byte little-endian int64. Kept so that a store written before the
//     tables still compacts until its projections are rebuilt.
#ifndef MEDIATION_STORAGE_COUNTER_MERGE_H_
#define MEDIATION_STORAGE_COUNTER_MERGE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "rocksdb/merge_operator.h"

namespace mediation {

// Keys holding counter tables start with this.
inline constexpr char kCounterTablePrefix[] = "s/";

std::string EncodeCounter(int64_t value);
// nullopt unless `bytes` is 8 bytes.
std::optional<int64_t> DecodeCounter(absl::string_view bytes);

// Ordered by name; looked up by any string-like name without a copy.
using CounterTable = std::map<std::string, int64_t, std::less<>>;
std::string EncodeCounterTable(const CounterTable& table);
// nullopt when `bytes` is not an encoded table.
std::optional<CounterTable> DecodeCounterTable(absl::string_view bytes);

// The operator of the projections column family. Thread safe.
std::shared_ptr<rocksdb::MergeOperator> CounterMergeOperator();

}  // namespace mediation

#endif  // MEDIATION_STORAGE_COUNTER_MERGE_H_
