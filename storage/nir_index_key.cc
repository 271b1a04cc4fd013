#include "storage/nir_index_key.h"

#include <cstdlib>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/files.h"
#include "openssl/evp.h"
#include "openssl/hmac.h"

namespace mediation {
namespace {

std::string Hmac(const std::string& key, absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest,
       &size);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

}  // namespace

NirIndexKey::NirIndexKey(std::string key)
    : key_(std::move(key)),
      id_(Hmac(key_, "mediation/index-nir/id").substr(0, 16)) {}

NirIndexKey NirIndexKey::FromBytes(std::string key) {
  if (key.size() < kMinKeyBytes) std::abort();  // A broken REQUIRES.
  return NirIndexKey(std::move(key));
}

absl::StatusOr<NirIndexKey> NirIndexKey::FromFile(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return absl::UnavailableError(bytes.status().message());
  std::string key(absl::StripTrailingAsciiWhitespace(*bytes));
  if (key.size() < kMinKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the NIR index key ", path, " must hold at least ",
                     kMinKeyBytes, " bytes (openssl rand -hex 32 > FILE)"));
  }
  return NirIndexKey(std::move(key));
}

std::string NirIndexKey::Digest(absl::string_view nir) const {
  return Hmac(key_, nir);
}

}  // namespace mediation
