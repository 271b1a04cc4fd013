// NirIndexKey: the secret key of the requester index. The index and the
// consultation journal store HMAC-SHA256(key, NIR), never the NIR nor a bare
// hash of it: the NIRs are few enough (about 10^11 valid ones) for a bare
// SHA-256 to be reversed in minutes, while the HMAC cannot be computed
// without the key, which is kept outside the store (a file readable by the
// service only, or a secret of the orchestrator).
//
//   ASSIGN_OR_RETURN(NirIndexKey key, NirIndexKey::FromFile(path));
//   std::string digest = key.Digest(nir);  // 64 hex digits.
//
// Thread safety: immutable; share freely.
#ifndef MEDIATION_STORAGE_NIR_INDEX_KEY_H_
#define MEDIATION_STORAGE_NIR_INDEX_KEY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mediation {

class NirIndexKey {
 public:
  static constexpr size_t kMinKeyBytes = 32;

  // The key in `path`: at least kMinKeyBytes bytes (trailing whitespace
  // ignored, so that `openssl rand -hex 32 > FILE` works).
  // INVALID_ARGUMENT naming the file when it is shorter; UNAVAILABLE when
  // it cannot be read.
  static absl::StatusOr<NirIndexKey> FromFile(const std::string& path);
  // REQUIRES: key.size() >= kMinKeyBytes. Tests, and FromFile.
  static NirIndexKey FromBytes(std::string key);

  // HMAC-SHA256 of `nir` (canonical form) under the key, in lowercase hex.
  std::string Digest(absl::string_view nir) const;

  // Names the key without revealing it (the first 16 hex digits of its
  // digest of a fixed label): a projection built under another key is
  // rebuilt.
  const std::string& id() const { return id_; }

 private:
  // SHA-256 states after the key's inner and outer pads (RFC 2104): a
  // digest copies them rather than deriving them again from the key.
  struct Pads;

  explicit NirIndexKey(std::string key);
  std::shared_ptr<const Pads> pads_;
  std::string id_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_NIR_INDEX_KEY_H_
