// Overlay: writes staged for one WriteBatch, readable before they are
// written. Used by the writer to check and project a group of appends, each
// seeing the effects of those staged before it.
//
// An append is staged between Begin() and Commit() or Rollback(); Rollback
// forgets its writes. Flush() then puts the final value of every key written
// by the committed appends into the batch, once and in key order per column
// family: a key rewritten by several appends of a group costs one memtable
// entry, and ascending inserts keep RocksDB's skiplist insertion cheap. Their
// counter deltas are handed over summed instead, so that the groups written
// together write each counter table once (CounterTableWriter).
//
// A group may be staged on top of others that are still being written or
// waiting to be: the earlier groups' writes (the Layers their Flush()
// returned) are then read before the database, as if they were stored
// already.
//
// Not thread safe: owned by one writer at a time. A Layer is immutable, and
// may be read from any thread.
#ifndef MEDIATION_STORAGE_OVERLAY_H_
#define MEDIATION_STORAGE_OVERLAY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/chunk_arena.h"
#include "storage/counter_merge.h"
#include "storage/projection.h"

namespace mediation {

class Overlay {
  // Family and key, or a value (nullopt: deleted), viewing bytes of the
  // overlay's arena.
  using KeyView = std::pair<rocksdb::ColumnFamilyHandle*, absl::string_view>;
  using Value = std::optional<absl::string_view>;
  using Entries = absl::flat_hash_map<KeyView, Value>;
  // The value `entries` holds at `key`, or null.
  static const Value* FindIn(const Entries& entries,
                             rocksdb::ColumnFamilyHandle* family,
                             absl::string_view key) {
    auto it = entries.find(KeyView{family, key});
    return it == entries.end() ? nullptr : &it->second;
  }

 public:
  // Family and key of a counter table. Hashed for staging; sorted once, at
  // Flush().
  using Key = std::pair<rocksdb::ColumnFamilyHandle*, std::string>;

  // The final values a flushed group wrote (counter tables aside), with the
  // bytes they view: freeing a layer frees its arena's chunks, not one
  // string per key and value.
  class Layer {
   public:
    // Null when the group did not write `key`; else the value it wrote,
    // nullopt when it deleted the key.
    const std::optional<absl::string_view>* Find(
        rocksdb::ColumnFamilyHandle* family, absl::string_view key) const {
      return FindIn(entries_, family, key);
    }

   private:
    friend class Overlay;
    ChunkArena bytes_;
    Entries entries_;
  };
  // Writes not yet in the database, newest first.
  using Layers = std::vector<std::shared_ptr<const Layer>>;
  // Hash and equality of Key, also for a KeyView looked up without a copy.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(const KeyView& key) const {
      return absl::Hash<KeyView>()(key);
    }
    size_t operator()(const Key& key) const {
      return (*this)(KeyView{key.first, key.second});
    }
  };
  struct KeyEq {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return a.first == b.first &&
             absl::string_view(a.second) == absl::string_view(b.second);
    }
  };
  // Counter deltas by table, summed over the appends of one or more groups.
  using CounterDeltas = absl::flat_hash_map<Key, CounterTable, KeyHash, KeyEq>;

  // `db` is not owned and must outlive the overlay. `base` holds writes not
  // yet in `db` that reads must see, newest first.
  explicit Overlay(rocksdb::DB* db, Layers base = {})
      : db_(db), base_(std::move(base)) {}

  // The staged value, else that of the newest base layer holding the key,
  // else the value in the database; nullopt when absent.
  absl::StatusOr<std::optional<std::string>> Get(
      rocksdb::ColumnFamilyHandle* family, absl::string_view key) const;
  // The key and value are copied into the overlay's arena.
  void Put(rocksdb::ColumnFamilyHandle* family, absl::string_view key,
           absl::string_view value);
  void Delete(rocksdb::ColumnFamilyHandle* family, absl::string_view key);
  // Adds `delta` to counter `name` of the counter table at `key`
  // (storage/counter_merge.h); such keys are not readable through Get. The
  // deltas of a table are summed, and Flush() hands over one delta table per
  // key: a group of appends that all count in the same scope and month
  // merges it once. A counter touched is kept even when its deltas sum to
  // zero, so that the bytes do not depend on how the events were grouped.
  void AddCounter(rocksdb::ColumnFamilyHandle* family, const std::string& key,
                  const std::string& name, int64_t delta);

  void Begin();
  void Commit();
  void Rollback();

  // Puts what the committed appends wrote into `batch` and adds their
  // counter deltas into `counters` (for CounterTableWriter), then forgets
  // everything staged (as Clear()). Returns those writes, for a group staged
  // while this one is being written.
  std::shared_ptr<const Layer> Flush(rocksdb::WriteBatch& batch,
                                     CounterDeltas& counters);
  // Forgets everything staged.
  void Clear();

 private:
  // Chunks of the arena: a group of a few dozen deposits fits in one.
  static constexpr size_t kChunkBytes = 64 << 10;

  // Stages `value` (in bytes_ already) at `key`, copied into bytes_ unless
  // staged already.
  void Stage(rocksdb::ColumnFamilyHandle* family, absl::string_view key,
             Value value);

  // A delta staged by AddCounter, its table's key and its counter's name in
  // bytes_: an append's deltas are summed into committed_counters_ at
  // Commit, without tables of their own built and freed at each append.
  struct CounterDelta {
    rocksdb::ColumnFamilyHandle* family;
    absl::string_view table;
    absl::string_view name;
    int64_t delta;
  };

  rocksdb::DB* const db_;
  const Layers base_;
  // The bytes of the keys and values staged since the last Flush(), those
  // of appends rolled back included.
  ChunkArena bytes_{kChunkBytes};
  Entries committed_;
  Entries staged_;
  CounterDeltas committed_counters_;
  std::vector<CounterDelta> staged_counters_;
};

// Adds every delta of `from` into `into`, emptying `from`.
void AddCounterDeltas(Overlay::CounterDeltas& from,
                      Overlay::CounterDeltas& into);

// Writes the counter tables of each write, one entry per table, so that
// several groups written as one batch write a table once: the statistics
// of a busy month cost one entry per write, not one per group.
//
// A table's entry is a merge operand holding its deltas (RocksDB sums a
// table's operands when it is read, flushed or compacted), except once
// `max_operands` operands of it have been written since its last full
// value: its entry is then its full value, read from the database with the
// deltas added, a put that supersedes the operands before it. A busy table
// (the nation's for the month) thus keeps at most about max_operands
// operands pending, which bounds what a statistics read merges, however
// long its memtable lives, without RocksDB counting a key's operands at
// each merge (its max_successive_merges: a seek and a walk per merge).
//
// The count per table is an upper bound of the operands written since this
// writer's last full value of it (flushes and compactions merge them too,
// and a failed write counts as written). It starts at zero: after a
// restart, or once the counts are forgotten (past kMaxTables tables), a
// table may have up to twice max_operands pending until its next full
// value. A table whose full value cannot be read gets an operand (the bound
// is exceeded; the read error surfaces where the table is read).
//
// Not thread safe: owned by the write thread, the only writer of counter
// tables (a rebuild waits for its writes to finish).
class CounterTableWriter {
 public:
  static constexpr size_t kMaxTables = 1 << 16;

  // `db` is not owned and must outlive this. REQUIRES: max_operands >= 1.
  CounterTableWriter(rocksdb::DB* db, uint32_t max_operands)
      : db_(db), max_operands_(max_operands) {}

  // Adds one entry per table of `counters` to `batch`, in key order, and
  // counts them as written.
  void Write(const Overlay::CounterDeltas& counters,
             rocksdb::WriteBatch& batch);

 private:
  // The full value of `key` with `deltas` added; nullopt when the stored
  // value cannot be read.
  std::optional<std::string> FullValue(rocksdb::ColumnFamilyHandle* family,
                                       const std::string& key,
                                       const CounterTable& deltas) const;

  rocksdb::DB* const db_;
  const uint32_t max_operands_;
  // Per table: operands written since its last full value, at most.
  absl::flat_hash_map<Overlay::Key, uint32_t> operands_;
};

// The ProjectionWriter of one column family of an Overlay.
class OverlayProjectionWriter final : public ProjectionWriter {
 public:
  OverlayProjectionWriter(Overlay& overlay, rocksdb::ColumnFamilyHandle* family)
      : overlay_(overlay), family_(family) {}

  absl::StatusOr<std::optional<std::string>> Get(
      const std::string& key) override {
    return overlay_.Get(family_, key);
  }
  void Put(const std::string& key, const std::string& value) override {
    overlay_.Put(family_, key, value);
  }
  void Delete(const std::string& key) override {
    overlay_.Delete(family_, key);
  }
  void Add(const std::string& key, const std::string& name,
           int64_t delta) override;

 private:
  Overlay& overlay_;
  rocksdb::ColumnFamilyHandle* const family_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_OVERLAY_H_
