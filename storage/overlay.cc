#include "storage/overlay.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "storage/counter_merge.h"
#include "storage/rocksdb_util.h"

namespace mediation {

absl::StatusOr<std::optional<std::string>> Overlay::Get(
    rocksdb::ColumnFamilyHandle* family, absl::string_view key) const {
  const Value* found = nullptr;
  for (const Entries* entries : {&staged_, &committed_}) {
    if (found == nullptr) found = FindIn(*entries, family, key);
  }
  for (const std::shared_ptr<const Layer>& layer : base_) {
    if (found == nullptr) found = layer->Find(family, key);
  }
  if (found != nullptr) {
    if (!found->has_value()) return std::nullopt;
    return std::string(**found);
  }
  std::string value;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), family, ToSlice(key), &value);
  if (status.IsNotFound()) return std::nullopt;
  if (!status.ok()) return FromRocksDb(status, "read");
  return value;
}

void Overlay::Stage(rocksdb::ColumnFamilyHandle* family, absl::string_view key,
                    Value value) {
  // A key staged again keeps its first copy.
  if (auto it = staged_.find(KeyView{family, key}); it != staged_.end()) {
    it->second = value;
  } else {
    staged_.emplace(KeyView{family, bytes_.Copy(key)}, value);
  }
}

void Overlay::Put(rocksdb::ColumnFamilyHandle* family, absl::string_view key,
                  absl::string_view value) {
  Stage(family, key, bytes_.Copy(value));
}

void Overlay::Delete(rocksdb::ColumnFamilyHandle* family,
                     absl::string_view key) {
  Stage(family, key, std::nullopt);
}

void Overlay::AddCounter(rocksdb::ColumnFamilyHandle* family,
                         const std::string& key, const std::string& name,
                         int64_t delta) {
  staged_counters_.push_back(
      CounterDelta{family, bytes_.Copy(key), bytes_.Copy(name), delta});
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
  for (const auto& [key, value] : staged_) {
    committed_.insert_or_assign(key, value);
  }
  staged_.clear();
  for (const CounterDelta& staged : staged_counters_) {
    auto table = committed_counters_.find(KeyView{staged.family, staged.table});
    if (table == committed_counters_.end()) {
      table = committed_counters_
                  .try_emplace(Key{staged.family, std::string(staged.table)})
                  .first;
    }
    if (auto counter = table->second.find(staged.name);
        counter != table->second.end()) {
      counter->second += staged.delta;
    } else {
      table->second.emplace(std::string(staged.name), staged.delta);
    }
  }
  staged_counters_.clear();
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
    return std::make_pair(a->first.first->GetID(),
                          absl::string_view(a->first.second)) <
           std::make_pair(b->first.first->GetID(),
                          absl::string_view(b->first.second));
  });
  return entries;
}

}  // namespace

std::shared_ptr<const Overlay::Layer> Overlay::Flush(rocksdb::WriteBatch& batch,
                                                     CounterDeltas& counters) {
  for (const auto* entry : InKeyOrder(committed_)) {
    const auto& [family, key] = entry->first;
    if (entry->second.has_value()) {
      batch.Put(family, ToSlice(key), ToSlice(*entry->second))
          .PermitUncheckedError();
    } else {
      batch.Delete(family, ToSlice(key)).PermitUncheckedError();
    }
  }
  AddCounterDeltas(committed_counters_, counters);
  auto layer = std::make_shared<Layer>();
  layer->entries_ = std::move(committed_);
  layer->bytes_ = std::move(bytes_);
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
  bytes_ = ChunkArena(kChunkBytes);
  staged_counters_.clear();
  committed_counters_.clear();
}

}  // namespace mediation
