// OAuth 2.0 / OpenID Connect access tokens as JWTs (RFC 7519, RFC 9068),
// verified as RFC 8725 advises, with OpenSSL's EVP interface (security/jwk.h).
//
// Why not a library: Debian 12's libjwt (1.10) has no EdDSA and no JWKS,
// and libcpp-jwt (1.4) has no EdDSA either; both would still leave the
// checks below to us. OpenSSL, which gRPC's TLS already brings, does the
// cryptography; the rest is a few hundred lines that tests pin down.
//
// A token is accepted when:
//   - it is a JWS compact serialisation "header.payload.signature", at most
//     kMaxTokenBytes, in base64url without padding;
//   - the header's "alg" is EdDSA, ES256 or RS256 (never "none", never an
//     HMAC), it has no "crit", its "typ" (if any) is JWT or at+jwt, and its
//     "kid" selects a key of the JWKS whose algorithm is that alg;
//   - the signature verifies;
//   - "iss" equals the policy's issuer, "aud" (a string or an array)
//     contains the policy's audience, "sub" is present;
//   - "exp" and "iat" are present, now < exp + leeway, iat <= now + leeway,
//     "nbf" (if any) <= now + leeway, and exp - iat <= the maximum lifetime;
//   - the role claim names one of our roles (a string, or an array holding
//     exactly one of them), and the caisse claim is a string. Claim names
//     may be dotted paths ("realm_access.roles").
// The principal carries the token's expiry (streams end then).
//
// Thread safety: Verify, ReplaceKeys and Sign may be called concurrently.
#ifndef MEDIATION_SECURITY_JWT_H_
#define MEDIATION_SECURITY_JWT_H_

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "security/jwk.h"
#include "security/principal.h"

namespace mediation {

struct JwtPolicy {
  std::string issuer;    // Required: the exact "iss".
  std::string audience;  // Required: a value of "aud".
  std::string role_claim = "role";
  std::string caisse_claim = "caisse";
  absl::Duration leeway = absl::Seconds(60);
  absl::Duration max_lifetime = absl::Hours(24);

  // INVALID_ARGUMENT naming the first missing or out-of-range setting.
  absl::Status Validate() const;
};

class JwtVerifier {
 public:
  // INVALID_ARGUMENT when the policy does not validate.
  static absl::StatusOr<std::unique_ptr<JwtVerifier>> Create(JwtPolicy policy,
                                                             Jwks keys);
  ~JwtVerifier();

  // The principal a valid token names; UNAUTHENTICATED saying which rule
  // failed otherwise. The message never echoes the token or its claims.
  //
  // A token whose signature and claims verified is remembered (up to
  // kMaxCachedTokens, until the keys are replaced): its next uses skip the
  // signature (~100 µs) but not the check of its validity window at `now`.
  absl::StatusOr<Principal> Verify(absl::string_view token,
                                   absl::Time now) const;

  // Takes a new key set (a JWKS refresh): tokens are checked against it
  // from now on, cached ones included.
  void ReplaceKeys(Jwks keys);

  // True once per run of tokens naming a kid absent from the keys, since the
  // last call: the refresher then fetches the JWKS early.
  bool TakeUnknownKid() const { return unknown_kid_.exchange(false); }

  const JwtPolicy& policy() const { return policy_; }

  static constexpr size_t kMaxTokenBytes = 8192;
  static constexpr size_t kMaxCachedTokens = 10000;

 private:
  struct Cache;
  struct Window;
  JwtVerifier(JwtPolicy policy, Jwks keys);
  absl::StatusOr<Principal> VerifyUncached(absl::string_view token,
                                           const Jwks& keys,
                                           Window* window) const;
  std::shared_ptr<const Jwks> Keys() const;

  const JwtPolicy policy_;
  mutable absl::Mutex keys_mu_;
  std::shared_ptr<const Jwks> keys_ ABSL_GUARDED_BY(keys_mu_);
  std::unique_ptr<Cache> cache_;
  mutable std::atomic<bool> unknown_kid_{false};
};

// Issues tokens the verifier accepts (development credentials, tests, load
// generator); an identity provider does this in production.
class JwtSigner {
 public:
  // `pem`: an Ed25519, P-256 or RSA (>= 2048 bits) private key. The kid is
  // the RFC 7638 thumbprint of its public key (ToPublicJwk).
  static absl::StatusOr<JwtSigner> FromPrivateKeyPem(const std::string& pem,
                                                     std::string issuer,
                                                     std::string audience);

  // A token for `principal`, issued at `now`, valid until `expiry`, with the
  // claims "role" and "caisse".
  absl::StatusOr<std::string> Sign(const Principal& principal, absl::Time now,
                                   absl::Time expiry) const;

  const std::string& kid() const { return kid_; }

 private:
  JwtSigner() = default;
  std::shared_ptr<EVP_PKEY> key_;
  JwsAlgorithm algorithm_ = JwsAlgorithm::kEdDSA;
  std::string kid_, issuer_, audience_;
};

}  // namespace mediation

#endif  // MEDIATION_SECURITY_JWT_H_
