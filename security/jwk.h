// JSON Web Keys (RFC 7517) and the JWS signatures (RFC 7515, 7518, 8037)
// that the service accepts, on OpenSSL's EVP interface.
//
// Only three algorithms exist here: EdDSA (Ed25519), ES256 (P-256, SHA-256)
// and RS256 (RSA of 2048 bits or more, PKCS#1 v1.5, SHA-256). "none" and
// the HMAC algorithms are not representable: a token naming them cannot
// select a key (RFC 8725 §3.1, §2.1's "alg confusion").
//
// A JWK Set keeps the signature keys of those algorithms and drops the rest
// (encryption keys, symmetric keys, other curves, short RSA keys), so that
// an identity provider's full JWKS document can be loaded as is.
//
//   ASSIGN_OR_RETURN(Jwks keys, Jwks::Parse(json));
//   ASSIGN_OR_RETURN(const Jwk* key, keys.Select(kid, JwsAlgorithm::kEdDSA));
//   bool good = VerifyJws(key->algorithm, key->key.get(), input, signature);
//
// Thread safety: a Jwks is immutable once parsed; share it freely.
#ifndef MEDIATION_SECURITY_JWK_H_
#define MEDIATION_SECURITY_JWK_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace mediation {

enum class JwsAlgorithm { kEdDSA, kES256, kRS256 };

// "EdDSA", "ES256", "RS256"; nullopt for every other name.
std::optional<JwsAlgorithm> ParseJwsAlgorithm(absl::string_view name);
const char* JwsAlgorithmName(JwsAlgorithm algorithm);

struct Jwk {
  std::string kid;  // May be empty.
  JwsAlgorithm algorithm = JwsAlgorithm::kEdDSA;
  std::shared_ptr<EVP_PKEY> key;
};

class Jwks {
 public:
  // A JWK Set {"keys": [...]}. INVALID_ARGUMENT when the JSON is malformed,
  // two usable keys share a kid, or no usable key remains. A key is usable
  // when its kty and crv give one of our algorithms, its "alg" (if given)
  // names that algorithm, its "use" (if given) is "sig", its "key_ops" (if
  // given) include "verify", and its material is a valid public key.
  static absl::StatusOr<Jwks> Parse(absl::string_view json);

  // The key for a token whose header names `kid` (empty when absent) and
  // `algorithm`: the key of that kid, whose algorithm must be the same; a
  // token without kid is accepted only when exactly one key has its
  // algorithm. UNAUTHENTICATED otherwise; `unknown_kid` (if not null) is
  // set when the kid is not in the set, a sign that keys have rotated.
  absl::StatusOr<const Jwk*> Select(absl::string_view kid,
                                    JwsAlgorithm algorithm,
                                    bool* unknown_kid = nullptr) const;

  const std::vector<Jwk>& keys() const { return keys_; }

 private:
  std::vector<Jwk> keys_;
};

// True when `signature` (as JWS carries it: raw r||s for ES256) is a valid
// `algorithm` signature of `input` under the public key `key`.
bool VerifyJws(JwsAlgorithm algorithm, EVP_PKEY* key, absl::string_view input,
               absl::string_view signature);

// The JWS signature of `input` under the private key `key` (raw r||s for
// ES256). INVALID_ARGUMENT when the key does not fit the algorithm.
absl::StatusOr<std::string> SignJws(JwsAlgorithm algorithm, EVP_PKEY* key,
                                    absl::string_view input);

// The public JWK (JSON object) of an Ed25519, P-256 or RSA key, with its
// RFC 7638 thumbprint as "kid", "alg" and "use": "sig".
struct PublicJwk {
  std::string kid;
  std::string json;
};
absl::StatusOr<PublicJwk> ToPublicJwk(EVP_PKEY* key);

// The key a PEM holds (a private key, else a public key); INVALID_ARGUMENT
// when it holds neither.
absl::StatusOr<std::shared_ptr<EVP_PKEY>> ReadPemKey(const std::string& pem);

// The algorithm a key signs with; INVALID_ARGUMENT for another key type.
absl::StatusOr<JwsAlgorithm> AlgorithmOf(EVP_PKEY* key);

// A new private key (PEM, PKCS#8) for `algorithm`: Ed25519, P-256 or RSA
// 2048 bits. For tests and development credentials; an identity provider
// keeps its own keys.
absl::StatusOr<std::string> GeneratePrivateKeyPem(JwsAlgorithm algorithm);

// The JWK Set document {"keys":[...]} of the public halves of `keys`.
std::string JwksDocument(const std::vector<PublicJwk>& keys);

}  // namespace mediation

#endif  // MEDIATION_SECURITY_JWK_H_
