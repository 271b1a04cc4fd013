// What a forger with access to the disk can do to the log (tests and the
// tamper tool only): alter an event and, to hide it from the hash chain,
// rehash every event from it to the end so that the chain holds together.
// Only signed anchors (storage/anchor.h) catch the second.
#ifndef MEDIATION_STORAGE_FORGERY_TESTING_H_
#define MEDIATION_STORAGE_FORGERY_TESTING_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "mediation/v1/events.pb.h"
#include "rocksdb/db.h"
#include "storage/integrity.h"
#include "storage/keys.h"
#include "storage/rocksdb_database.h"

namespace mediation::testing {

// Applies `alter` to the event at `position`; with `rehash`, recomputes the
// hashes and links of every event from there to the end as the service
// would have. The store must not be serving.
inline absl::Status Forge(RocksDbDatabase& database, uint64_t position,
                          const std::function<void(v1::EventRecord&)>& alter,
                          bool rehash) {
  rocksdb::DB& db = *database.db();
  std::map<std::string, std::string> stream_hash;  // Last hash per stream.
  std::string previous;
  std::unique_ptr<rocksdb::Iterator> it(
      db.NewIterator(rocksdb::ReadOptions(), database.events()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    v1::EventRecord record;
    if (!record.ParseFromArray(it->value().data(),
                               static_cast<int>(it->value().size()))) {
      return absl::DataLossError("not an event");
    }
    const uint64_t at = record.global_position();
    if (at == position) alter(record);
    if (rehash && at >= position) {
      record.set_hash_precedent_journal(previous);
      record.set_hash_precedent_flux(stream_hash[record.stream_id()]);
      record.set_hash(HashOf(record));
    }
    if (at == position || (rehash && at > position)) {
      if (!db.Put(rocksdb::WriteOptions(), database.events(), BigEndian64(at),
                  record.SerializeAsString())
               .ok()) {
        return absl::UnavailableError("cannot write");
      }
    }
    previous = stream_hash[record.stream_id()] = record.hash();
  }
  return absl::OkStatus();
}

}  // namespace mediation::testing

#endif  // MEDIATION_STORAGE_FORGERY_TESTING_H_
