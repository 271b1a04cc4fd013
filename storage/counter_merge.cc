#include "storage/counter_merge.h"

#include <cstring>
#include <deque>
#include <vector>

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
      CounterTable sum;
      auto add = [&sum](const rocksdb::Slice& bytes) {
        std::optional<CounterTable> table = DecodeCounterTable(View(bytes));
        if (!table.has_value()) return false;
        for (const auto& [name, count] : *table) sum[name] += count;
        return true;
      };
      if (existing != nullptr && !add(*existing)) return false;
      for (const rocksdb::Slice& operand : operands) {
        if (!add(operand)) return false;
      }
      *out = EncodeCounterTable(sum);
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
  std::string out(1, kTableVersion);
  for (const auto& [name, count] : table) {
    // Varint length (names are short: one or two bytes).
    uint64_t n = name.size();
    while (n >= 0x80) {
      out += static_cast<char>((n & 0x7F) | 0x80);
      n >>= 7;
    }
    out += static_cast<char>(n);
    out += name;
    PutFixed64(out, count);
  }
  return out;
}

std::optional<CounterTable> DecodeCounterTable(absl::string_view bytes) {
  if (bytes.empty() || bytes[0] != kTableVersion) return std::nullopt;
  CounterTable table;
  size_t at = 1;
  while (at < bytes.size()) {
    uint64_t n = 0;
    int shift = 0;
    for (;;) {
      if (at >= bytes.size() || shift > 28) return std::nullopt;
      const auto byte = static_cast<unsigned char>(bytes[at++]);
      n |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) break;
      shift += 7;
    }
    if (bytes.size() - at < n + 8) return std::nullopt;
    std::string name(bytes.substr(at, n));
    at += n;
    // In name order, each once: the encoding is canonical.
    if (!table.empty() && !(table.rbegin()->first < name)) return std::nullopt;
    table.emplace_hint(table.end(), std::move(name),
                       GetFixed64(bytes.data() + at));
    at += 8;
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
