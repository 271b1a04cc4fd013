#include "storage/overlay.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "storage/counter_merge.h"
#include "storage/rocksdb_util.h"

namespace mediation {

absl::StatusOr<std::optional<std::string>> Overlay::Get(
    rocksdb::ColumnFamilyHandle* family, const std::string& key) const {
  const Key k{family, key};
  for (const auto* staged : {&staged_, &committed_}) {
    if (auto it = staged->find(k); it != staged->end()) return it->second;
  }
  for (const std::shared_ptr<const Layer>& layer : base_) {
    if (auto it = layer->find(k); it != layer->end()) return it->second;
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
  staged_[Key{family, key}] = std::move(value);
}

void Overlay::Delete(rocksdb::ColumnFamilyHandle* family,
                     const std::string& key) {
  staged_[Key{family, key}] = std::nullopt;
}

void Overlay::AddCounter(rocksdb::ColumnFamilyHandle* family,
                         const std::string& key, const std::string& name,
                         int64_t delta) {
  staged_counters_[Key{family, key}][name] += delta;
}

void OverlayProjectionWriter::Add(const std::string& key,
                                  const std::string& name, int64_t delta) {
  overlay_.AddCounter(family_, key, name, delta);
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
  AddCounterDeltas(staged_counters_, committed_counters_);
}

void AddCounterDeltas(Overlay::CounterDeltas& from,
                      Overlay::CounterDeltas& into) {
  if (into.empty()) {
    into.swap(from);
    return;
  }
  for (auto& [key, table] : from) {
    CounterTable& sum = into[key];
    if (sum.empty()) {
      sum = std::move(table);
      continue;
    }
    for (const auto& [name, delta] : table) sum[name] += delta;
  }
  from.clear();
}

void Overlay::Rollback() {
  staged_.clear();
  staged_counters_.clear();
}

namespace {

// The entries of `map` by family id, then key: ascending inserts keep
// RocksDB's skiplist insertion cheap.
template <typename Map>
std::vector<const typename Map::value_type*> InKeyOrder(const Map& map) {
  std::vector<const typename Map::value_type*> entries;
  entries.reserve(map.size());
  for (const auto& entry : map) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) {
    return std::make_pair(a->first.first->GetID(), std::cref(a->first.second)) <
           std::make_pair(b->first.first->GetID(), std::cref(b->first.second));
  });
  return entries;
}

}  // namespace

std::shared_ptr<const Overlay::Layer> Overlay::Flush(rocksdb::WriteBatch& batch,
                                                     CounterDeltas& counters) {
  for (const auto* entry : InKeyOrder(committed_)) {
    const auto& [family, key] = entry->first;
    if (entry->second.has_value()) {
      batch.Put(family, key, *entry->second).PermitUncheckedError();
    } else {
      batch.Delete(family, key).PermitUncheckedError();
    }
  }
  AddCounterDeltas(committed_counters_, counters);
  auto layer = std::make_shared<const Layer>(std::move(committed_));
  Clear();
  return layer;
}

void CounterTableWriter::Write(const Overlay::CounterDeltas& counters,
                               rocksdb::WriteBatch& batch) {
  if (operands_.size() > kMaxTables) operands_.clear();
  for (const auto* entry : InKeyOrder(counters)) {
    const auto& [family, key] = entry->first;
    uint32_t& pending = operands_[entry->first];
    if (pending >= max_operands_) {
      if (std::optional<std::string> full =
              FullValue(family, key, entry->second)) {
        batch.Put(family, key, *full).PermitUncheckedError();
        pending = 0;
        continue;
      }
    }
    batch.Merge(family, key, EncodeCounterTable(entry->second))
        .PermitUncheckedError();
    ++pending;
  }
}

std::optional<std::string> CounterTableWriter::FullValue(
    rocksdb::ColumnFamilyHandle* family, const std::string& key,
    const CounterTable& deltas) const {
  std::string stored;
  const rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), family, key, &stored);
  CounterTable table;
  if (status.ok()) {
    std::optional<CounterTable> decoded = DecodeCounterTable(stored);
    if (!decoded.has_value()) return std::nullopt;
    table = *std::move(decoded);
  } else if (!status.IsNotFound()) {
    return std::nullopt;
  }
  for (const auto& [name, delta] : deltas) table[name] += delta;
  return EncodeCounterTable(table);
}

void Overlay::Clear() {
  staged_.clear();
  committed_.clear();
  staged_counters_.clear();
  committed_counters_.clear();
}

}  // namespace mediation
