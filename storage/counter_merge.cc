#include "storage/counter_merge.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "rocksdb/slice.h"

namespace mediation {
namespace {

constexpr char kTableVersion = 1;

absl::string_view View(const rocksdb::Slice& slice) {
  return absl::string_view(slice.data(), slice.size());
}

void PutFixed64(std::string& out, int64_t value) {
  const auto u = static_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i) out += static_cast<char>((u >> (8 * i)) & 0xFF);
}

int64_t GetFixed64(const char* p) {
  uint64_t u = 0;
  for (int i = 7; i >= 0; --i) u = (u << 8) | static_cast<unsigned char>(p[i]);
  return static_cast<int64_t>(u);
}

// An encoded table of the (name, count) pairs of `counters`, which come in
// name order, each name once.
template <typename Counters>
std::string EncodeSorted(const Counters& counters) {
  std::string out(1, kTableVersion);
  for (const auto& [name, count] : counters) {
    // Varint length (names are short: one or two bytes).
    uint64_t n = name.size();
    while (n >= 0x80) {
      out += static_cast<char>((n & 0x7F) | 0x80);
      n >>= 7;
    }
    out += static_cast<char>(n);
    out.append(name.data(), name.size());
    PutFixed64(out, count);
  }
  return out;
}

// Calls `each(name, count)` for the counters of an encoded table, in order,
// the names pointing into `bytes`. false when `bytes` is not an encoded
// table (another version, a truncated entry, names out of order or
// repeated); `each` may then have been called for the entries before.
template <typename Each>
bool ForEachCounter(absl::string_view bytes, Each each) {
  if (bytes.empty() || bytes[0] != kTableVersion) return false;
  size_t at = 1;
  std::optional<absl::string_view> previous;
  while (at < bytes.size()) {
    uint64_t n = 0;
    int shift = 0;
    for (;;) {
      if (at >= bytes.size() || shift > 28) return false;
      const auto byte = static_cast<unsigned char>(bytes[at++]);
      n |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) break;
      shift += 7;
    }
    if (bytes.size() - at < n + 8) return false;
    const absl::string_view name = bytes.substr(at, n);
    at += n;
    // In name order, each once: the encoding is canonical.
    if (previous.has_value() && !(*previous < name)) return false;
    each(name, GetFixed64(bytes.data() + at));
    previous = name;
    at += 8;
  }
  return true;
}

// Sums a value and its operands in one pass: a key read with many operands
// pending decodes each once and encodes the sum once.
class CounterAdd final : public rocksdb::MergeOperator {
 public:
  bool FullMergeV2(const MergeOperationInput& in,
                   MergeOperationOutput* out) const override {
    return Sum(in.key, in.existing_value, in.operand_list, &out->new_value);
  }
  bool PartialMergeMulti(const rocksdb::Slice& key,
                         const std::deque<rocksdb::Slice>& operands,
                         std::string* new_value,
                         rocksdb::Logger*) const override {
    return Sum(key, nullptr, operands, new_value);
  }
  const char* Name() const override { return "mediation.CounterAdd"; }

 private:
  // false when a value does not decode: RocksDB reports corruption.
  template <typename Operands>
  static bool Sum(const rocksdb::Slice& key, const rocksdb::Slice* existing,
                  const Operands& operands, std::string* out) {
    if (absl::StartsWith(View(key), kCounterTablePrefix)) {
      // Names are read in place (the operands outlive the call): a key
      // read with hundreds of operands pending allocates nothing per
      // counter, and sorts its distinct names once.
      absl::flat_hash_map<absl::string_view, int64_t> sums;
      auto add = [&sums](const rocksdb::Slice& bytes) {
        return ForEachCounter(View(bytes),
                              [&sums](absl::string_view name, int64_t count) {
                                sums[name] += count;
                              });
      };
      if (existing != nullptr && !add(*existing)) return false;
      for (const rocksdb::Slice& operand : operands) {
        if (!add(operand)) return false;
      }
      std::vector<std::pair<absl::string_view, int64_t>> sorted(sums.begin(),
                                                                sums.end());
      std::sort(sorted.begin(), sorted.end());
      *out = EncodeSorted(sorted);
      return true;
    }
    int64_t sum = 0;
    auto add = [&sum](const rocksdb::Slice& bytes) {
      std::optional<int64_t> value = DecodeCounter(View(bytes));
      if (!value.has_value()) return false;
      sum += *value;
      return true;
    };
    if (existing != nullptr && !add(*existing)) return false;
    for (const rocksdb::Slice& operand : operands) {
      if (!add(operand)) return false;
    }
    *out = EncodeCounter(sum);
    return true;
  }
};

}  // namespace

std::string EncodeCounter(int64_t value) {
  std::string bytes;
  PutFixed64(bytes, value);
  return bytes;
}

std::optional<int64_t> DecodeCounter(absl::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  return GetFixed64(bytes.data());
}

std::string EncodeCounterTable(const CounterTable& table) {
  return EncodeSorted(table);
}

std::optional<CounterTable> DecodeCounterTable(absl::string_view bytes) {
  CounterTable table;
  if (!ForEachCounter(bytes, [&table](absl::string_view name, int64_t count) {
        table.emplace_hint(table.end(), name, count);
      })) {
    return std::nullopt;
  }
  return table;
}

std::shared_ptr<rocksdb::MergeOperator> CounterMergeOperator() {
  static const auto* const kOperator =
      new std::shared_ptr<rocksdb::MergeOperator>(
          std::make_shared<CounterAdd>());
  return *kOperator;
}

}  // namespace mediation
