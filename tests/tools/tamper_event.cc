// tamper_event: alters one stored event behind the service's back, as an
// intruder with access to the disk would (tests only). The service must be
// stopped: RocksDB allows one process at a time.
//
//   tamper_event DATA_DIR POSITION NIR_INDEX_KEY_FILE
// (the server's NIR index key, so that opening the store leaves its
// projections as they are).
#include <cstdlib>
#include <iostream>

#include "domain/caisse.h"
#include "mediation/v1/events.pb.h"
#include "storage/keys.h"
#include "storage/rocksdb_store.h"
#include "storage/saisine_projection.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: tamper_event DATA_DIR POSITION NIR_INDEX_KEY_FILE\n";
    return 2;
  }
  auto nir_key = mediation::NirIndexKey::FromFile(argv[3]);
  if (!nir_key.ok()) {
    std::cerr << nir_key.status() << "\n";
    return 2;
  }
  std::vector<std::unique_ptr<mediation::Projection>> projections;
  projections.push_back(std::make_unique<mediation::SaisineProjection>(
      mediation::CaisseReferentielParDefaut(), *nir_key));
  auto store = mediation::RocksDbStore::Open(
      argv[1], mediation::RocksDbStoreOptions(), std::move(projections));
  if (!store.ok()) {
    std::cerr << store.status() << "\n";
    return 1;
  }
  const std::string key =
      mediation::BigEndian64(std::strtoull(argv[2], nullptr, 10));
  std::string bytes;
  mediation::v1::EventRecord record;
  if (!(*store)
           ->database()
           .db()
           ->Get({}, (*store)->database().events(), key, &bytes)
           .ok() ||
      !record.ParseFromString(bytes)) {
    std::cerr << "no event at that position\n";
    return 1;
  }
  record.set_actor("quelqu'un d'autre");
  return (*store)->database()
                 .db()
                 ->Put({}, (*store)->database().events(), key,
                       record.SerializeAsString())
                 .ok()
             ? 0
             : 1;
}
