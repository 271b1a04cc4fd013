// Test helpers for authenticated calls (tests only).
#ifndef MEDIATION_SERVICES_SECURITY_TESTING_H_
#define MEDIATION_SERVICES_SECURITY_TESTING_H_

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "security/principal.h"
#include "security/token.h"

namespace mediation::testing {

// A key pair made once per test binary, a signer and a verifier.
class TestTokens {
 public:
  TestTokens() {
    auto pair = GenerateEd25519KeyPair();
    EXPECT_TRUE(pair.ok()) << pair.status();
    signer_ = std::make_unique<TokenSigner>(
        *TokenSigner::FromPrivateKeyPem(pair->first));
    verifier_ = std::make_shared<TokenVerifier>(
        *TokenVerifier::FromPublicKeyPem(pair->second));
  }

  std::shared_ptr<const TokenVerifier> verifier() const { return verifier_; }

  // A token for role@caisse valid one day from `now`.
  std::string For(Role role, const std::string& caisse, absl::Time now,
                  const std::string& sujet = "test") const {
    Principal principal{sujet, role, caisse};
    auto token = signer_->Sign(principal, now, now + absl::Hours(24));
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }

  // Puts the token in the call's metadata.
  void Authenticate(grpc::ClientContext& context, Role role,
                    const std::string& caisse, absl::Time now,
                    const std::string& sujet = "test") const {
    context.AddMetadata("authorization",
                        absl::StrCat("Bearer ", For(role, caisse, now, sujet)));
  }

 private:
  std::unique_ptr<TokenSigner> signer_;
  std::shared_ptr<TokenVerifier> verifier_;
};

}  // namespace mediation::testing

#endif  // MEDIATION_SERVICES_SECURITY_TESTING_H_
