// Key encodings shared by the store and its projections. Fixed-width
// big-endian integers sort in numeric order under RocksDB's bytewise
// comparator.
#ifndef MEDIATION_STORAGE_KEYS_H_
#define MEDIATION_STORAGE_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace mediation {

void AppendBigEndian64(uint64_t value, std::string* out);
std::string BigEndian64(uint64_t value);
// nullopt unless `bytes` is exactly 8 bytes.
std::optional<uint64_t> DecodeBigEndian64(absl::string_view bytes);

// The smallest key greater than every key starting with `prefix`, or "" when
// there is none (prefix all 0xFF).
std::string PrefixEnd(absl::string_view prefix);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_KEYS_H_
