#include "storage/rocksdb_projections.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <filesystem>
#include <new>
#include <thread>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/log.h"
#include "base/memory.h"
#include "base/status_macros.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "mediation/v1/events.pb.h"
#include "rocksdb/convenience.h"
#include "rocksdb/sst_file_writer.h"
#include "storage/chunk_arena.h"
#include "storage/codec.h"
#include "storage/counter_merge.h"
#include "storage/keys.h"
#include "storage/rocksdb_util.h"

namespace mediation {
namespace {

constexpr char kScratchFamily[] = "projections_verify";
// Under the database's directory: the files a build writes, then ingests.
constexpr char kBuildDirectory[] = "projections-build";
// Threads folding partitions of the streams at once, and the size of log
// from which they share it.
constexpr uint64_t kBuildThreads = 2;
constexpr uint64_t kEventsToShare = 10000;
// A build's files are cut at about this size.
constexpr uint64_t kBuildFileBytes = 64ull << 20;
// What a partition's sink is sized for at first, per event of its range: a
// saisine's state and its index keys (up to five) come from its stream's
// first event, once. Reserved, not touched: the pages a sink does not fill
// are never faulted in, where growing it in the first partition copied its
// entries and faulted in every buffer it grew through.
constexpr uint64_t kEntriesPerEvent = 6;

using CounterTables = absl::flat_hash_map<std::string, CounterTable>;

// Reads that go through a whole family once: read ahead, and leave the
// block cache to what is served.
rocksdb::ReadOptions ScanOptions() {
  rocksdb::ReadOptions scan;
  scan.fill_cache = false;
  scan.readahead_size = 2 << 20;
  return scan;
}

// Where a stored v1::EventRecord belongs: its stream (field 2) and its
// version there (field 3), read without parsing the rest.
struct StreamPlace {
  absl::string_view stream_id;
  uint64_t version = 0;
};
absl::StatusOr<StreamPlace> StreamPlaceOf(absl::string_view record) {
  using google::protobuf::internal::WireFormatLite;
  constexpr uint32_t kStreamIdTag =
      WireFormatLite::MakeTag(v1::EventRecord::kStreamIdFieldNumber,
                              WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
  constexpr uint32_t kVersionTag =
      WireFormatLite::MakeTag(v1::EventRecord::kStreamVersionFieldNumber,
                              WireFormatLite::WIRETYPE_VARINT);
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t*>(record.data()),
      static_cast<int>(record.size()));
  StreamPlace place;
  bool has_stream = false;
  while (uint32_t tag = input.ReadTag()) {
    if (tag == kStreamIdTag) {
      uint32_t size = 0;
      if (!input.ReadVarint32(&size) ||
          size > record.size() - input.CurrentPosition()) {
        break;
      }
      place.stream_id = record.substr(input.CurrentPosition(), size);
      has_stream = true;
      if (!input.Skip(static_cast<int>(size))) break;
    } else if (tag == kVersionTag) {
      if (!input.ReadVarint64(&place.version)) break;
    } else if (!WireFormatLite::SkipField(&input, tag)) {
      break;
    }
    // Both come before the payload: a record's fields are written in
    // number order.
    if (has_stream && place.version != 0) return place;
  }
  return absl::DataLossError("stored event: no stream id or version");
}

}  // namespace

// The stored records of a partition's streams, copied as the log is
// scanned and chained stream by stream, so that each stream is then folded
// in one go: one state at a time, warm in cache, instead of a state per
// stream held until the end (several times the size of the records). Its
// memory is kept from one partition to the next.
class RocksDbProjections::StreamRecords {
 public:
  // Begins a stream with its first record, `record`, whose stream id is
  // `stream_id` (a view into it). INTERNAL if the stream was begun.
  absl::Status Begin(absl::string_view record, absl::string_view stream_id) {
    Node* node = Copy(record);
    const absl::string_view id(
        node->data() + (stream_id.data() - record.data()), stream_id.size());
    if (!index_.try_emplace(id, chains_.size()).second) {
      return absl::InternalError(absl::StrCat("stream '",
                                              absl::CHexEscape(stream_id),
                                              "' begins twice in the log"));
    }
    chains_.push_back({node, node});
    return absl::OkStatus();
  }
  // Adds `record` to stream `stream_id` when it was begun; false otherwise.
  bool Continue(absl::string_view stream_id, absl::string_view record) {
    const auto it = index_.find(stream_id);
    if (it == index_.end()) return false;
    Chain& chain = chains_[it->second];
    Node* node = Copy(record);
    chain.last->next = node;
    chain.last = node;
    return true;
  }
  // Calls visit(record) for each record of each stream, and end() after
  // the last of each, the streams in the order they began; stops at the
  // first error.
  template <typename Visit, typename End>
  absl::Status ForEach(const Visit& visit, const End& end) const {
    for (const Chain& chain : chains_) {
      for (const Node* node = chain.first; node != nullptr; node = node->next) {
        RETURN_IF_ERROR(visit(absl::string_view(node->data(), node->size)));
      }
      RETURN_IF_ERROR(end());
    }
    return absl::OkStatus();
  }
  // Calls visit(stream_id) for each stream begun, in no particular order.
  template <typename Visit>
  void ForEachStreamId(const Visit& visit) const {
    for (const auto& [id, chain] : index_) visit(id);
  }
  // Forgets the records, keeping the memory.
  void Clear() {
    index_.clear();
    chains_.clear();
    arena_.Clear();
  }

 private:
  struct Node {
    Node* next;
    size_t size;
    char* data() { return reinterpret_cast<char*>(this + 1); }
    const char* data() const { return reinterpret_cast<const char*>(this + 1); }
  };
  struct Chain {
    Node* first;
    Node* last;
  };

  Node* Copy(absl::string_view record) {
    char* memory = arena_.Allocate(sizeof(Node) + record.size(), alignof(Node));
    Node* node = new (memory) Node{nullptr, record.size()};
    std::memcpy(node->data(), record.data(), record.size());
    return node;
  }

  absl::flat_hash_map<absl::string_view, size_t> index_;
  std::vector<Chain> chains_;
  ChunkArena arena_;
};

// Where the events are that continue, in a range of the log, streams
// begun in an earlier range. The ranges are scanned from the log's end
// backwards, each noting these events here as it goes; a partition then
// reads its streams' later events where this says they are, rather than
// scanning the log from its range to the end (which made a rebuild's reads
// grow with the square of the log's length: 20.5 records read per event at
// 10M events, in ranges of 250,000). What is noted stays until the end of
// the build: 16 bytes per event, and a map entry per stream.
//
// A stream is known here by a 64-bit hash of its id: a partition may be
// told of another stream's event (a collision), which it reads and leaves.
class RocksDbProjections::LaterEvents {
 public:
  explicit LaterEvents(uint64_t ranges) : scanned_(ranges, false) {}

  static uint64_t HashOf(absl::string_view stream_id) {
    return absl::Hash<absl::string_view>{}(stream_id);
  }

  // Notes that range `range` was scanned, and that it holds the events at
  // `found` (a stream id's HashOf, a position), of streams begun before it.
  void Scanned(uint64_t range,
               const std::vector<std::pair<uint64_t, uint64_t>>& found) {
    absl::MutexLock lock(&mu_);
    for (const auto& [hash, position] : found) {
      auto [it, inserted] = last_.try_emplace(hash, kNone);
      positions_.push_back({position, it->second});
      it->second = positions_.size() - 1;
    }
    scanned_[range] = true;
  }

  // Wakes those waiting in After: the build is given up.
  void Abandon() {
    absl::MutexLock lock(&mu_);
    abandoned_ = true;
  }

  // Waits until every range after `range` was scanned, then returns the
  // positions, in increasing order, noted for streams whose ids hash as
  // `hashes` (and perhaps a few others). CANCELLED when the build was given
  // up meanwhile.
  absl::StatusOr<std::vector<uint64_t>> After(
      uint64_t range, const std::vector<uint64_t>& hashes) {
    auto ready = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return abandoned_ ||
             std::all_of(scanned_.begin() + static_cast<ptrdiff_t>(range) + 1,
                         scanned_.end(), [](bool scanned) { return scanned; });
    };
    std::vector<uint64_t> positions;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(&ready));
      if (abandoned_) return absl::CancelledError("the rebuild was given up");
      for (uint64_t hash : hashes) {
        const auto it = last_.find(hash);
        if (it == last_.end()) continue;
        for (uint64_t i = it->second; i != kNone; i = positions_[i].previous) {
          positions.push_back(positions_[i].position);
        }
      }
    }
    std::sort(positions.begin(), positions.end());
    // Two streams of the range whose ids hash alike have the same list.
    positions.erase(std::unique(positions.begin(), positions.end()),
                    positions.end());
    return positions;
  }

 private:
  static constexpr uint64_t kNone = ~uint64_t{0};
  struct Noted {
    uint64_t position;
    uint64_t previous;  // The one noted before it for the same hash.
  };
  absl::Mutex mu_;
  std::vector<bool> scanned_ ABSL_GUARDED_BY(mu_);
  bool abandoned_ ABSL_GUARDED_BY(mu_) = false;
  // Each hash's last noted event, chained back to its first.
  absl::flat_hash_map<uint64_t, uint64_t> last_ ABSL_GUARDED_BY(mu_);
  std::vector<Noted> positions_ ABSL_GUARDED_BY(mu_);
};

void RocksDbProjections::Digest::Add(absl::string_view key,
                                     absl::string_view value) {
  sum += absl::Hash<std::pair<absl::string_view, absl::string_view>>{}(
      std::make_pair(key, value));
  ++count;
}

RocksDbProjections::Digest& RocksDbProjections::Digest::operator+=(
    const Digest& other) {
  sum += other.sum;
  count += other.count;
  return *this;
}

// What the builders put, kept in memory until written sorted into files
// (or only digested), and the counter tables they added.
class RocksDbProjections::SortedSink final : public ProjectionSink {
 public:
  // `keep`: whether what is put is kept to be written, or only digested.
  // What is kept is only counted (Digest::sum stays 0): the files written
  // are what is compared, when they are.
  explicit SortedSink(bool keep = true) : keep_(keep) {}

  // The digest of what was put since the last call.
  Digest TakeDigest() { return std::exchange(digest_, Digest()); }

  // Room for `entries` puts without growing (when kept).
  void Reserve(size_t entries) {
    if (keep_) entries_.reserve(entries);
  }

  void Put(std::string key, std::string value) override {
    if (!keep_) {
      digest_.Add(key, value);
      return;
    }
    ++digest_.count;
    // Read back in key order, entries whose keys begin alike (a kind of
    // index, the states) sit together, over fewer pages than all of them.
    char* data =
        arenas_[static_cast<unsigned char>(key.empty() ? 0 : key[0])].Allocate(
            key.size() + value.size());
    std::memcpy(data, key.data(), key.size());
    std::memcpy(data + key.size(), value.data(), value.size());
    entries_.push_back(Entry(data, static_cast<uint32_t>(key.size()),
                             static_cast<uint32_t>(value.size())));
  }
  void Add(const std::string& key, const std::string& name,
           int64_t delta) override {
    counters_[key][name] += delta;
  }

  // Adds the counter tables summed so far to `total`, and forgets them.
  void MoveCountersTo(CounterTables& total) {
    for (auto& [key, table] : counters_) {
      CounterTable& sum = total[key];
      for (const auto& [name, value] : table) sum[name] += value;
    }
    counters_.clear();
  }

  // Writes what was put, sorted, into files `prefix`-0.sst, -1.sst… and
  // forgets it, keeping its memory for what is put next (fresh memory costs
  // a page fault per page at first touch). INTERNAL when a key was put
  // twice.
  absl::StatusOr<std::vector<std::string>> WriteSorted(
      const rocksdb::Options& options, const std::string& prefix) {
    absl::Cleanup forget = [this] {
      entries_.clear();
      for (auto& [first, arena] : arenas_) arena.Clear();
    };
    std::vector<Entry>& entries = entries_;
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.Before(b); });
    std::vector<std::string> files;
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options);
    bool open = false;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i > 0 && !entries[i - 1].Before(entries[i])) {
        return absl::InternalError(
            absl::StrCat("projection key '", absl::CHexEscape(entries[i].key()),
                         "' built twice"));
      }
      if (!open) {
        files.push_back(absl::StrCat(prefix, "-", files.size(), ".sst"));
        RETURN_IF_ERROR(
            FromRocksDb(writer.Open(files.back()), "open a build file"));
        open = true;
      }
      RETURN_IF_ERROR(FromRocksDb(
          writer.Put(ToSlice(entries[i].key()), ToSlice(entries[i].value())),
          "write a build file"));
      if (writer.FileSize() >= kBuildFileBytes) {
        RETURN_IF_ERROR(FromRocksDb(writer.Finish(), "finish a build file"));
        open = false;
      }
    }
    if (open) {
      RETURN_IF_ERROR(FromRocksDb(writer.Finish(), "finish a build file"));
    }
    return files;
  }

 private:
  // A key and its value, one after the other in a chunk, and the key's
  // first bytes beside them: a sort compares those without reaching into
  // the chunks (scattered in memory) but for keys that begin alike.
  class Entry {
   public:
    Entry(const char* data, uint32_t key_size, uint32_t value_size)
        : data_(data), key_size_(key_size), value_size_(value_size) {
      char head[sizeof(head_)] = {};
      std::memcpy(head, data, std::min<size_t>(key_size, sizeof(head)));
      for (size_t i = 0; i < kHeadWords; ++i) {
        uint64_t word;
        std::memcpy(&word, head + 8 * i, sizeof(word));
        head_[i] = std::endian::native == std::endian::little
                       ? __builtin_bswap64(word)
                       : word;
      }
    }
    absl::string_view key() const { return {data_, key_size_}; }
    absl::string_view value() const { return {data_ + key_size_, value_size_}; }
    // Whether this key sorts before `other`'s. The heads order keys as
    // their bytes do, but for a key that is a prefix of another within
    // them (padded with zeros): equal heads compare the keys.
    bool Before(const Entry& other) const {
      for (size_t i = 0; i < kHeadWords; ++i) {
        if (head_[i] != other.head_[i]) return head_[i] < other.head_[i];
      }
      return key() < other.key();
    }

   private:
    static constexpr size_t kHeadWords = 4;
    uint64_t head_[kHeadWords];
    const char* data_;
    uint32_t key_size_;
    uint32_t value_size_;
  };
  const bool keep_;
  Digest digest_;
  // What entries_ point to, by the first byte of their keys.
  absl::flat_hash_map<unsigned char, ChunkArena> arenas_;
  std::vector<Entry> entries_;
  CounterTables counters_;
};

namespace {

// The first key where two families differ, as DATA_LOSS; OK when equal.
absl::Status Compare(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* stored,
                     rocksdb::ColumnFamilyHandle* rebuilt) {
  std::unique_ptr<rocksdb::Iterator> a(
      db.NewIterator(rocksdb::ReadOptions(), stored));
  std::unique_ptr<rocksdb::Iterator> b(
      db.NewIterator(rocksdb::ReadOptions(), rebuilt));
  for (a->SeekToFirst(), b->SeekToFirst(); a->Valid() || b->Valid();
       a->Next(), b->Next()) {
    if (!a->Valid() || !b->Valid() || a->key() != b->key() ||
        a->value() != b->value()) {
      // The first key in order where they differ: a key one side lacks is
      // the smaller of the two.
      const bool stored_first =
          a->Valid() && (!b->Valid() || a->key().compare(b->key()) <= 0);
      const rocksdb::Slice key = stored_first ? a->key() : b->key();
      return absl::DataLossError(
          absl::StrCat("projection key '", absl::CHexEscape(View(key)),
                       "' differs from a rebuild from the log"));
    }
  }
  RETURN_IF_ERROR(FromRocksDb(a->status(), "read projections"));
  return FromRocksDb(b->status(), "read rebuilt projections");
}

}  // namespace

RocksDbProjections::RocksDbProjections(
    RocksDbDatabase& database,
    std::vector<std::unique_ptr<Projection>> projections)
    : database_(database), projections_(std::move(projections)) {}

std::string RocksDbProjections::Ids() const {
  std::vector<std::string> ids;
  for (const auto& projection : projections_) ids.push_back(projection->Id());
  return absl::StrJoin(ids, ",");
}

absl::StatusOr<bool> RocksDbProjections::Stale() const {
  std::string stored;
  rocksdb::Status status =
      database_.db()->Get(rocksdb::ReadOptions(), kIdsKey, &stored);
  if (status.IsNotFound()) return true;
  RETURN_IF_ERROR(FromRocksDb(status, "read projection ids"));
  return stored != Ids();
}

absl::Status RocksDbProjections::RebuildIfChanged() {
  ASSIGN_OR_RETURN(const bool stale, Stale());
  if (!stale) return absl::OkStatus();
  return Rebuild();  // Which stores the ids at the end.
}

absl::Status RocksDbProjections::Apply(const RecordedEvent& event,
                                       ProjectionWriter& writer) {
  for (const auto& projection : projections_) {
    RETURN_IF_ERROR(projection->Apply(event, writer));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> RocksDbProjections::Get(
    const std::string& key) const {
  std::string value;
  rocksdb::Status status = database_.db()->Get(
      rocksdb::ReadOptions(), database_.projections(), key, &value);
  if (status.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksDb(status, "read projection"));
  return value;
}

absl::Status RocksDbProjections::Scan(const std::string& begin,
                                      const std::string& end, bool reverse,
                                      const ScanVisitor& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(database_.db()->NewIterator(
      rocksdb::ReadOptions(), database_.projections()));
  auto in_range = [&](const rocksdb::Slice& key) {
    return key.compare(begin) >= 0 && (end.empty() || key.compare(end) < 0);
  };
  if (reverse) {
    end.empty() ? it->SeekToLast() : it->SeekForPrev(end);
    if (it->Valid() && !end.empty() && it->key().compare(end) >= 0) it->Prev();
  } else {
    it->Seek(begin);
  }
  for (; it->Valid() && in_range(it->key());
       reverse ? it->Prev() : it->Next()) {
    if (!visit(View(it->key()), View(it->value()))) break;
  }
  return FromRocksDb(it->status(), "scan projections");
}

absl::StatusOr<RocksDbProjections::Digest> RocksDbProjections::BuildInto(
    rocksdb::ColumnFamilyHandle* target) {
  absl::StatusOr<Digest> digest = BuildWritten(target);
  // The build's memory (hundreds of MB, in the folding threads' arenas)
  // goes back to the system rather than staying in the server's RSS.
  ReleaseFreeMemory();
  return digest;
}

absl::StatusOr<RocksDbProjections::Digest> RocksDbProjections::BuildWritten(
    rocksdb::ColumnFamilyHandle* target) {
  if (target == nullptr) return BuildPasses(nullptr, "");
  const std::filesystem::path directory =
      std::filesystem::path(database_.path()) / kBuildDirectory;
  std::error_code error;
  std::filesystem::remove_all(directory, error);  // A build cut short's.
  if (!std::filesystem::create_directories(directory, error) && error) {
    return absl::UnavailableError(
        absl::StrCat("create ", directory.string(), ": ", error.message()));
  }
  absl::StatusOr<Digest> digest = BuildPasses(target, directory.string());
  std::filesystem::remove_all(directory, error);
  return digest;
}

absl::StatusOr<RocksDbProjections::Digest> RocksDbProjections::DigestOf(
    rocksdb::ColumnFamilyHandle* family) const {
  const rocksdb::ReadOptions scan = ScanOptions();
  std::unique_ptr<rocksdb::Iterator> it(
      database_.db()->NewIterator(scan, family));
  Digest digest;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    digest.Add(View(it->key()), View(it->value()));
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "read projections"));
  return digest;
}

absl::StatusOr<std::vector<std::string>> RocksDbProjections::BuildPartition(
    uint64_t range, uint64_t first, uint64_t end, LaterEvents& later,
    StreamRecords& records, SortedSink& sink, const rocksdb::Options& options,
    const std::string& prefix) {
  rocksdb::DB* db = database_.db();
  records.Clear();
  // The range: the partition's streams are those whose version 1 lies in
  // it (no event of theirs comes before it); the other events there
  // continue streams begun before it.
  std::vector<std::pair<uint64_t, uint64_t>> earlier_streams;
  {
    rocksdb::ReadOptions scan = ScanOptions();
    const std::string end_key = BigEndian64(end);
    const rocksdb::Slice upper_bound(end_key);
    scan.iterate_upper_bound = &upper_bound;
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(scan, database_.events()));
    for (it->Seek(BigEndian64(first)); it->Valid(); it->Next()) {
      const absl::string_view record = View(it->value());
      ASSIGN_OR_RETURN(const StreamPlace place, StreamPlaceOf(record));
      if (place.version == 1) {
        RETURN_IF_ERROR(records.Begin(record, place.stream_id));
      } else if (!records.Continue(place.stream_id, record)) {
        const std::optional<uint64_t> position =
            DecodeBigEndian64(View(it->key()));
        if (!position.has_value()) {
          return absl::DataLossError("stored event: bad position key");
        }
        earlier_streams.emplace_back(LaterEvents::HashOf(place.stream_id),
                                     *position);
      }
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), "read the log"));
  }
  later.Scanned(range, earlier_streams);
  earlier_streams = {};
  // Their events after the range, in log order.
  std::vector<uint64_t> hashes;
  records.ForEachStreamId([&](absl::string_view stream_id) {
    hashes.push_back(LaterEvents::HashOf(stream_id));
  });
  ASSIGN_OR_RETURN(const std::vector<uint64_t> positions,
                   later.After(range, hashes));
  hashes = {};
  if (!positions.empty()) {
    rocksdb::ReadOptions reads;
    reads.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(reads, database_.events()));
    // The position the iterator is at; 0 before any.
    uint64_t at = 0;
    auto position_of = [&]() -> absl::StatusOr<uint64_t> {
      if (!it->Valid()) return 0;
      const std::optional<uint64_t> position =
          DecodeBigEndian64(View(it->key()));
      if (!position.has_value()) {
        return absl::DataLossError("stored event: bad position key");
      }
      return *position;
    };
    for (const uint64_t position : positions) {
      // Close ahead: step there rather than seek (a seek searches anew
      // from the top of each level).
      constexpr uint64_t kStepsRatherThanSeek = 16;
      if (at != 0 && position > at && position - at <= kStepsRatherThanSeek) {
        while (at != 0 && at < position) {
          it->Next();
          ASSIGN_OR_RETURN(at, position_of());
        }
      } else {
        it->Seek(BigEndian64(position));
        ASSIGN_OR_RETURN(at, position_of());
      }
      if (at != position) {
        RETURN_IF_ERROR(FromRocksDb(it->status(), "read the log"));
        return absl::DataLossError(absl::StrCat(
            "stored event at position ", position, ": read once, then gone"));
      }
      const absl::string_view record = View(it->value());
      ASSIGN_OR_RETURN(const StreamPlace place, StreamPlaceOf(record));
      // Another stream's, when two ids hash alike: left.
      records.Continue(place.stream_id, record);
    }
  }
  std::vector<std::unique_ptr<ProjectionBuilder>> builders;
  for (const auto& projection : projections_) {
    builders.push_back(projection->NewBuilder());
  }
  // One record parsed after the other into the same message, which keeps
  // the memory of its top-level fields (a parse deletes the payload's
  // message, and makes another), and decoded into the same event, which
  // keeps its metadata's.
  v1::EventRecord parsed;
  RecordedEvent event;
  RETURN_IF_ERROR(records.ForEach(
      [&](absl::string_view record) -> absl::Status {
        RETURN_IF_ERROR(ParseStored(record, "event", &parsed));
        RETURN_IF_ERROR(FromRecord(parsed, event));
        for (const auto& builder : builders) {
          RETURN_IF_ERROR(builder->Add(event, sink));
        }
        return absl::OkStatus();
      },
      [&]() -> absl::Status {
        for (const auto& builder : builders) {
          RETURN_IF_ERROR(builder->EndStream(sink));
        }
        return absl::OkStatus();
      }));
  records.Clear();
  for (const auto& builder : builders) RETURN_IF_ERROR(builder->Finish(sink));
  return sink.WriteSorted(options, prefix);
}

absl::StatusOr<RocksDbProjections::Digest> RocksDbProjections::BuildPasses(
    rocksdb::ColumnFamilyHandle* target, const std::string& directory) {
  rocksdb::DB* db = database_.db();
  ASSIGN_OR_RETURN(const uint64_t events, LogSize());
  // The log is cut into ranges of about rebuild_events_per_pass positions;
  // a partition folds the streams that begin in one. Up to kBuildThreads
  // threads take the partitions in turn, from the log's end backwards: a
  // partition reads its streams' events after its range where the scans of
  // the ranges after it saw them (LaterEvents).
  const uint64_t per_partition =
      std::max<uint64_t>(1, database_.options().rebuild_events_per_pass);
  const uint64_t threads = std::max<uint64_t>(
      1,
      std::min<uint64_t>(kBuildThreads, std::thread::hardware_concurrency()));
  // A multiple of the threads, so that they end about together.
  const uint64_t sharing = events >= kEventsToShare ? threads : 1;
  const uint64_t needed =
      std::max<uint64_t>(1, (events + per_partition - 1) / per_partition);
  const uint64_t partitions = (needed + sharing - 1) / sharing * sharing;
  const rocksdb::Options options =
      target != nullptr
          ? rocksdb::Options(db->GetDBOptions(), db->GetOptions(target))
          : rocksdb::Options();
  // Partition p: the streams beginning at positions [Start(p), Start(p+1)).
  auto start = [&](uint64_t partition) {
    return 1 + partition * events / partitions;
  };
  absl::Mutex mu;
  Digest digest;
  CounterTables counters;
  absl::Status failed;
  LaterEvents later(partitions);
  std::atomic<int64_t> next{static_cast<int64_t>(partitions) - 1};
  auto work = [&] {
    // Their memory serves each partition in turn.
    StreamRecords records;
    SortedSink sink(target != nullptr);
    sink.Reserve(kEntriesPerEvent * (events / partitions + 1));
    for (int64_t taken = next--; taken >= 0; taken = next--) {
      const auto partition = static_cast<uint64_t>(taken);
      absl::StatusOr<std::vector<std::string>> files = BuildPartition(
          partition, start(partition), start(partition + 1), later, records,
          sink, options, absl::StrCat(directory, "/", partition));
      // A partition's files do not overlap one another; those of the
      // partitions do (their keys interleave), and are ingested one above
      // the other.
      absl::Status status = files.status();
      if (status.ok() && !files->empty()) status = Ingest(target, *files);
      if (!status.ok()) later.Abandon();
      absl::MutexLock lock(&mu);
      if (!status.ok()) {
        // The first failure, not a partition given up because of it.
        if (failed.ok() || absl::IsCancelled(failed)) failed = status;
        next = -1;  // The other threads stop after theirs.
        return;
      }
      digest += sink.TakeDigest();
      sink.MoveCountersTo(counters);
    }
  };
  {
    std::vector<std::thread> workers;
    for (uint64_t i = 1; i < std::min(threads, partitions); ++i) {
      workers.emplace_back(work);
    }
    work();
    for (std::thread& worker : workers) worker.join();
  }
  RETURN_IF_ERROR(failed);
  // The counter tables, summed over every partition.
  SortedSink last(target != nullptr);
  for (auto& [key, table] : counters) last.Put(key, EncodeCounterTable(table));
  digest += last.TakeDigest();
  ASSIGN_OR_RETURN(std::vector<std::string> files,
                   last.WriteSorted(options, absl::StrCat(directory, "/c")));
  if (!files.empty()) RETURN_IF_ERROR(Ingest(target, files));
  return digest;
}

absl::Status RocksDbProjections::Ingest(rocksdb::ColumnFamilyHandle* target,
                                        const std::vector<std::string>& files) {
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;
  return FromRocksDb(database_.db()->IngestExternalFile(target, files, ingest),
                     "ingest rebuilt projections");
}

absl::Status RocksDbProjections::Rebuild() {
  absl::MutexLock lock(&database_.commit_mu());
  database_.AwaitWritesFinished();
  return RebuildLocked();
}

absl::Status RocksDbProjections::RebuildLocked() {
  rocksdb::DB* db = database_.db();
  rocksdb::WriteOptions write_options;
  write_options.sync = database_.options().sync;
  // Until the rebuild is over, the stored projection ids say nothing: a
  // crash half way makes the next open rebuild again.
  RETURN_IF_ERROR(
      FromRocksDb(db->Delete(write_options, kIdsKey), "forget projection ids"));
  // The operator is told of a rebuild that has something to fold: it may
  // take a while at start (a new store's first open builds nothing).
  ASSIGN_OR_RETURN(const uint64_t events, LogSize());
  if (events > 0) {
    Log(LogLevel::kInfo, "rebuilding the projections from the log",
        {{"event", "projections_rebuild_started"},
         {"events", static_cast<int64_t>(events)},
         {"data_dir", database_.path()}});
  }
  const absl::Time start = absl::Now();
  // Empty the family, then compact the emptiness away, so that later scans
  // do not step over a range deletion. Every projection key is printable
  // ASCII, so below "\xff".
  const rocksdb::Slice first(""), last("\xff");
  RETURN_IF_ERROR(FromRocksDb(
      rocksdb::DeleteFilesInRange(db, database_.projections(), &first, &last),
      "drop projection files"));
  RETURN_IF_ERROR(FromRocksDb(
      db->DeleteRange(write_options, database_.projections(), first, last),
      "clear projections"));
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForce;
  RETURN_IF_ERROR(FromRocksDb(
      db->CompactRange(compact, database_.projections(), nullptr, nullptr),
      "compact projections"));
  ASSIGN_OR_RETURN(const Digest built, BuildInto(database_.projections()));
  RETURN_IF_ERROR(FromRocksDb(db->Put(write_options, kIdsKey, Ids()),
                              "write projection ids"));
  if (events > 0) {
    Log(LogLevel::kInfo, "projections rebuilt from the log",
        {{"event", "projections_rebuilt"},
         {"events", static_cast<int64_t>(events)},
         {"keys", static_cast<int64_t>(built.count)},
         {"seconds", absl::ToDoubleSeconds(absl::Now() - start)},
         {"data_dir", database_.path()}});
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> RocksDbProjections::LogSize() const {
  // The log's positions run 1, 2, 3… without gaps: the last is its size.
  std::unique_ptr<rocksdb::Iterator> last(
      database_.db()->NewIterator(rocksdb::ReadOptions(), database_.events()));
  last->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(last->status(), "read the log's end"));
  if (!last->Valid()) return 0;
  return DecodeBigEndian64(View(last->key())).value_or(0);
}

absl::Status RocksDbProjections::Verify() {
  absl::MutexLock lock(&database_.commit_mu());
  database_.AwaitWritesFinished();
  ASSIGN_OR_RETURN(const Digest built, BuildInto(nullptr));
  ASSIGN_OR_RETURN(const Digest stored, DigestOf(database_.projections()));
  if (built == stored) return absl::OkStatus();
  // They differ: a build written out, compared key by key, names where.
  rocksdb::DB* db = database_.db();
  rocksdb::ColumnFamilyHandle* scratch = nullptr;
  RETURN_IF_ERROR(
      FromRocksDb(db->CreateColumnFamily(FamilyOptions(rocksdb::Options()),
                                         kScratchFamily, &scratch),
                  "create scratch family"));
  absl::Status status = BuildInto(scratch).status();
  if (status.ok()) status = Compare(*db, database_.projections(), scratch);
  db->DropColumnFamily(scratch).PermitUncheckedError();
  db->DestroyColumnFamilyHandle(scratch).PermitUncheckedError();
  if (status.ok()) {
    // Two builds of the same log disagree: the build is not a function of
    // the log, which is a fault of its own.
    return absl::DataLossError(absl::StrCat(
        "the projections' digest differs from a rebuild from the log (",
        stored.count, " keys stored, ", built.count,
        " built), but a second rebuild equals them"));
  }
  return status;
}

}  // namespace mediation
