// Signed bearer tokens: "<base64url(claims JSON)>.<base64url(Ed25519 sig)>".
//
// The claims are a mediation.v1.JetonAcces in proto3 JSON; the signature is
// Ed25519 (OpenSSL) over the first part as sent. The service holds only the
// public key; an identity provider (or `mediationctl jeton` for development)
// holds the private one.
//
//   auto verifier = TokenVerifier::FromPublicKeyPem(pem);
//   absl::StatusOr<Principal> who = verifier->Verify(token, clock.Now());
//
// Thread safety: Sign and Verify may be called concurrently.
#ifndef MEDIATION_SECURITY_TOKEN_H_
#define MEDIATION_SECURITY_TOKEN_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "security/principal.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace mediation {

struct EvpKeyDeleter {
  void operator()(EVP_PKEY* key) const;
};
using EvpKey = std::unique_ptr<EVP_PKEY, EvpKeyDeleter>;

class TokenSigner {
 public:
  // INVALID_ARGUMENT unless `pem` is an Ed25519 private key.
  static absl::StatusOr<TokenSigner> FromPrivateKeyPem(const std::string& pem);

  // A token for `principal`, issued at `now`, valid until `expiry`.
  absl::StatusOr<std::string> Sign(const Principal& principal, absl::Time now,
                                   absl::Time expiry) const;

 private:
  explicit TokenSigner(EvpKey key) : key_(std::move(key)) {}
  EvpKey key_;
};

class TokenVerifier {
 public:
  // INVALID_ARGUMENT unless `pem` is an Ed25519 public key.
  static absl::StatusOr<TokenVerifier> FromPublicKeyPem(const std::string& pem);

  // The principal a valid token names. UNAUTHENTICATED when the token is
  // malformed, badly signed, not yet valid or expired at `now`, or names an
  // invalid principal. The message never echoes the token.
  //
  // A token whose signature verified is remembered (up to kMaxCachedTokens,
  // the token itself as key): its next uses skip the Ed25519 verification
  // (~100 µs) but not the check of its validity window at `now`.
  absl::StatusOr<Principal> Verify(absl::string_view token,
                                   absl::Time now) const;

  static constexpr size_t kMaxCachedTokens = 10000;

 private:
  struct Cache;
  explicit TokenVerifier(EvpKey key);
  EvpKey key_;
  std::shared_ptr<Cache> cache_;  // Shared by copies, which verify alike.
};

// A new Ed25519 key pair as PEM (private, public): for tests and for the
// development credentials.
absl::StatusOr<std::pair<std::string, std::string>> GenerateEd25519KeyPair();

}  // namespace mediation

#endif  // MEDIATION_SECURITY_TOKEN_H_
