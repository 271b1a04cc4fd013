#include "storage/integrity.h"

#include "openssl/sha.h"
#include "storage/codec.h"

namespace mediation {

std::string HashOf(const v1::EventRecord& record) {
  v1::EventRecord copy = record;
  copy.clear_hash();
  const std::string bytes = SerializeDeterministic(copy);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

}  // namespace mediation
