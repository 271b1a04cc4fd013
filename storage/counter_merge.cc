#include "storage/counter_merge.h"

#include <cstring>

#include "rocksdb/slice.h"

namespace mediation {
namespace {

class CounterAdd final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger*) const override {
    int64_t sum = 0;
    if (existing != nullptr) {
      std::optional<int64_t> before =
          DecodeCounter(absl::string_view(existing->data(), existing->size()));
      if (!before.has_value()) return false;  // Corrupt: RocksDB reports it.
      sum = *before;
    }
    std::optional<int64_t> delta =
        DecodeCounter(absl::string_view(value.data(), value.size()));
    if (!delta.has_value()) return false;
    *new_value = EncodeCounter(sum + *delta);
    return true;
  }
  const char* Name() const override { return "mediation.CounterAdd"; }
};

}  // namespace

std::string EncodeCounter(int64_t value) {
  std::string bytes(8, '\0');
  const auto u = static_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i)
    bytes[i] = static_cast<char>((u >> (8 * i)) & 0xFF);
  return bytes;
}

std::optional<int64_t> DecodeCounter(absl::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t u = 0;
  for (int i = 7; i >= 0; --i)
    u = (u << 8) | static_cast<unsigned char>(bytes[i]);
  return static_cast<int64_t>(u);
}

std::shared_ptr<rocksdb::MergeOperator> CounterMergeOperator() {
  static const auto* const kOperator =
      new std::shared_ptr<rocksdb::MergeOperator>(
          std::make_shared<CounterAdd>());
  return *kOperator;
}

}  // namespace mediation
