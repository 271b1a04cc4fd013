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

// `component` preceded by its length in decimal and ':' ("3:591"): no
// value can extend another's encoding, so a key prefix built from such
// components never matches the keys of a longer or different value.
std::string LengthPrefixed(absl::string_view component);

// The idempotency key of `request_id` within `scope` (see
// AppendRequest::request_scope): "\x01" + LengthPrefixed(scope) +
// request_id, or `request_id` itself for the empty scope (records written
// before scopes existed, whose ids are printable).
std::string IdempotencyKey(absl::string_view scope,
                           absl::string_view request_id);
// What every scoped idempotency key begins with: any other key is a record
// without a scope.
inline constexpr absl::string_view kScopedRequestPrefix = "\x01";

// The smallest key greater than every key starting with `prefix`, or "" when
// there is none (prefix all 0xFF).
std::string PrefixEnd(absl::string_view prefix);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_KEYS_H_
