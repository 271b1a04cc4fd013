// mediationctl's credentials command: a development access token.
#include <iostream>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/files.h"
#include "cmd/mediationctl/commands.h"
#include "cmd/mediationctl/common.h"
#include "security/principal.h"
#include "security/token.h"

namespace mediation::ctl {

int Jeton() {
  const std::string pem = ReadFileOrEmpty(absl::GetFlag(FLAGS_signing_key));
  absl::StatusOr<TokenSigner> signer = TokenSigner::FromPrivateKeyPem(pem);
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

}  // namespace mediation::ctl
