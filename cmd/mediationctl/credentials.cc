// mediationctl's credentials commands (a development identity provider):
// `jeton` signs an access token as a JWT, `jwks` publishes the public keys
// that verify them as a JWK Set.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/files.h"
#include "cmd/mediationctl/commands.h"
#include "cmd/mediationctl/common.h"
#include "security/jwk.h"
#include "security/jwt.h"
#include "security/principal.h"

ABSL_FLAG(std::string, issuer, "mediation-dev",
          "jeton: the token's issuer (iss), as mediationd's --jwt_issuer.");
ABSL_FLAG(std::string, audience, "mediation",
          "jeton: the token's audience (aud), as mediationd's --jwt_audience.");
ABSL_FLAG(std::string, cles, "",
          "jwks: comma-separated key files (PEM, private or public) whose "
          "public halves the JWK Set publishes.");

namespace mediation::ctl {

int Jeton() {
  const std::string pem = ReadFileOrEmpty(absl::GetFlag(FLAGS_signing_key));
  absl::StatusOr<JwtSigner> signer = JwtSigner::FromPrivateKeyPem(
      pem, absl::GetFlag(FLAGS_issuer), absl::GetFlag(FLAGS_audience));
  absl::StatusOr<Principal> principal =
      MakePrincipal(absl::GetFlag(FLAGS_sujet), absl::GetFlag(FLAGS_role),
                    absl::GetFlag(FLAGS_caisse_jeton));
  if (!signer.ok() || !principal.ok()) {
    std::cerr << "jeton: "
              << (signer.ok() ? principal.status() : signer.status()).message()
              << "\n";
    return kUsage;
  }
  const absl::Time now = absl::Now();
  absl::StatusOr<std::string> token = signer->Sign(
      *principal, now, now + absl::Hours(absl::GetFlag(FLAGS_validite_heures)));
  if (!token.ok()) {
    std::cerr << "jeton: " << token.status().message() << "\n";
    return kRefused;
  }
  std::cout << *token << "\n";
  return kOk;
}

int Jwks() {
  std::vector<PublicJwk> keys;
  for (absl::string_view path :
       absl::StrSplit(absl::GetFlag(FLAGS_cles), ',', absl::SkipEmpty())) {
    absl::StatusOr<std::shared_ptr<EVP_PKEY>> key =
        ReadPemKey(ReadFileOrEmpty(std::string(path)));
    absl::StatusOr<PublicJwk> jwk =
        key.ok() ? ToPublicJwk(key->get()) : key.status();
    if (!jwk.ok()) {
      std::cerr << "jwks: " << path << ": " << jwk.status().message() << "\n";
      return kUsage;
    }
    keys.push_back(*std::move(jwk));
  }
  if (keys.empty()) {
    std::cerr << "jwks: --cles=KEY.pem[,KEY.pem…] is required\n";
    return kUsage;
  }
  std::cout << JwksDocument(keys) << "\n";
  return kOk;
}

}  // namespace mediation::ctl
