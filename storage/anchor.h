// Signed anchors of the log: the position and hash of the log's head,
// signed with an Ed25519 key kept outside the store. The hash chain alone
// shows an event altered in place; a forger who also rehashes every event
// from the altered one to the end leaves a chain that holds together, but
// not one that matches the hashes signed before: the verifier then names
// the event at the first anchor that no longer matches.
//
//   ASSIGN_OR_RETURN(AnchorKey key, AnchorKey::FromPem(pem));
//   ASSIGN_OR_RETURN(LogAnchor anchor, key.Sign(position, hash, now));
//   bool genuine = key.Verify(anchor);
//
// Thread safety: AnchorKey is immutable; share it freely.
#ifndef MEDIATION_STORAGE_ANCHOR_H_
#define MEDIATION_STORAGE_ANCHOR_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace mediation {

struct LogAnchor {
  uint64_t position = 0;
  std::string hash;  // The event's SHA-256 (32 bytes).
  absl::Time signed_at;
  std::string key_id;
  std::string signature;  // Ed25519 over AnchorMessage (64 bytes).
};

// What an anchor signs: "mediation/ancre/v1\n<position>\n<hash hex>\n
// <signed_at, Unix microseconds>".
std::string AnchorMessage(const LogAnchor& anchor);

class AnchorKey {
 public:
  // An Ed25519 private key (signs and verifies) or public key (verifies
  // only), PEM. INVALID_ARGUMENT for anything else.
  static absl::StatusOr<AnchorKey> FromPem(const std::string& pem);
  // The key in the PEM file `path`; UNAVAILABLE when it cannot be read.
  static absl::StatusOr<AnchorKey> FromFile(const std::string& path);

  bool can_sign() const { return can_sign_; }

  // The anchor of (`position`, `hash`) at `now`. FAILED_PRECONDITION for a
  // public key.
  absl::StatusOr<LogAnchor> Sign(uint64_t position, std::string hash,
                                 absl::Time now) const;

  // True when `anchor` names this key and its signature verifies.
  bool Verify(const LogAnchor& anchor) const;

  // The first 16 hex digits of SHA-256 of the raw public key.
  const std::string& id() const { return id_; }

 private:
  AnchorKey() = default;
  std::shared_ptr<EVP_PKEY> key_;
  bool can_sign_ = false;
  std::string id_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ANCHOR_H_
