#include "storage/integrity.h"

#include "storage/codec.h"
#include "storage/sha256.h"

namespace mediation {

std::string HashOf(const v1::EventRecord& record) {
  // A record being written has no hash yet: hashed as it is, not copied.
  if (record.hash().empty()) return Sha256(SerializeDeterministic(record));
  v1::EventRecord copy = record;
  copy.clear_hash();
  return Sha256(SerializeDeterministic(copy));
}

}  // namespace mediation
