// tamper_event: alters one stored event behind the service's back, as an
// intruder with access to the disk would (tests only). The service must be
// stopped: RocksDB allows one process at a time.
//
//   tamper_event DATA_DIR POSITION NIR_INDEX_KEY_FILE [--rehash]
//
// The NIR index key is the server's, so that opening the store leaves its
// projections as they are. With --rehash the forger also recomputes the
// hashes and links of every event from POSITION to the end, so that the
// hash chain holds together: only the signed anchors catch that.
#include <cstdlib>
#include <iostream>
#include <string>

#include "domain/caisse.h"
#include "storage/forgery_testing.h"
#include "storage/rocksdb_store.h"
#include "storage/saisine_projection.h"

int main(int argc, char** argv) {
  const bool rehash = argc == 5 && std::string(argv[4]) == "--rehash";
  if (argc != 4 && !rehash) {
    std::cerr << "usage: tamper_event DATA_DIR POSITION NIR_INDEX_KEY_FILE "
                 "[--rehash]\n";
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
  const uint64_t position = std::strtoull(argv[2], nullptr, 10);
  bool found = false;
  absl::Status forged =
      mediation::testing::Forge((*store)->database(), position,
                                [&](mediation::v1::EventRecord& record) {
                                  found = true;
                                  record.set_actor("quelqu'un d'autre");
                                },
                                rehash);
  if (!forged.ok() || !found) {
    std::cerr << (forged.ok() ? "no event at that position" : forged.ToString())
              << "\n";
    return 1;
  }
  return 0;
}
