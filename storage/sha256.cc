#include "storage/sha256.h"

#include <cstdlib>

#include "openssl/evp.h"

namespace mediation {

std::string Sha256(absl::string_view bytes) {
  // Shared by every thread (an EVP_MD is immutable once fetched); kept for
  // the process's life.
  static EVP_MD* const kSha256 = [] {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (md == nullptr) std::abort();  // No SHA-256 in this OpenSSL.
    return md;
  }();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, kSha256, nullptr) !=
      1) {
    std::abort();  // Out of memory.
  }
  return std::string(reinterpret_cast<const char*>(digest), size);
}

}  // namespace mediation
