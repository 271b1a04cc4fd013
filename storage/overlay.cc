#include "storage/overlay.h"

#include <algorithm>
#include <vector>

#include "storage/counter_merge.h"
#include "storage/rocksdb_util.h"

namespace mediation {

absl::StatusOr<std::optional<std::string>> Overlay::Get(
    rocksdb::ColumnFamilyHandle* family, const std::string& key) const {
  const Key k{family->GetID(), key};
  for (const auto* staged : {&staged_, &committed_}) {
    if (auto it = staged->find(k); it != staged->end()) {
      return it->second.bytes;
    }
  }
  std::string value;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), family, key, &value);
  if (status.IsNotFound()) return std::nullopt;
  if (!status.ok()) return FromRocksDb(status, "read");
  return value;
}

void Overlay::Put(rocksdb::ColumnFamilyHandle* family, const std::string& key,
                  std::string value) {
  staged_[Key{family->GetID(), key}] = Value{family, std::move(value)};
}

void Overlay::Delete(rocksdb::ColumnFamilyHandle* family,
                     const std::string& key) {
  staged_[Key{family->GetID(), key}] = Value{family, std::nullopt};
}

void Overlay::AddCounter(rocksdb::ColumnFamilyHandle* family,
                         const std::string& key, int64_t delta) {
  auto [it, inserted] = staged_counters_.try_emplace(Key{family->GetID(), key},
                                                     Counter{family, 0});
  it->second.sum += delta;
}

void OverlayProjectionWriter::Add(const std::string& key, int64_t delta) {
  overlay_.AddCounter(family_, key, delta);
}

void Overlay::Begin() {
  staged_.clear();
  staged_counters_.clear();
}

void Overlay::Commit() {
  for (auto& [key, value] : staged_) {
    committed_.insert_or_assign(key, std::move(value));
  }
  staged_.clear();
  for (const auto& [key, counter] : staged_counters_) {
    auto [it, inserted] = committed_counters_.try_emplace(key, counter);
    if (!inserted) it->second.sum += counter.sum;
  }
  staged_counters_.clear();
}

void Overlay::Rollback() {
  staged_.clear();
  staged_counters_.clear();
}

namespace {

// The entries of `map` by family, then key: ascending inserts keep
// RocksDB's skiplist insertion cheap.
template <typename Map>
std::vector<const typename Map::value_type*> InKeyOrder(const Map& map) {
  std::vector<const typename Map::value_type*> entries;
  entries.reserve(map.size());
  for (const auto& entry : map) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  return entries;
}

}  // namespace

void Overlay::Flush(rocksdb::WriteBatch& batch) {
  for (const auto* entry : InKeyOrder(committed_)) {
    const Value& value = entry->second;
    if (value.bytes.has_value()) {
      batch.Put(value.family, entry->first.second, *value.bytes)
          .PermitUncheckedError();
    } else {
      batch.Delete(value.family, entry->first.second).PermitUncheckedError();
    }
  }
  for (const auto* entry : InKeyOrder(committed_counters_)) {
    batch
        .Merge(entry->second.family, entry->first.second,
               EncodeCounter(entry->second.sum))
        .PermitUncheckedError();
  }
  Clear();
}

void Overlay::Clear() {
  staged_.clear();
  committed_.clear();
  staged_counters_.clear();
  committed_counters_.clear();
}

}  // namespace mediation
