// Test helpers for authenticated calls (tests only).
#ifndef MEDIATION_SERVICES_SECURITY_TESTING_H_
#define MEDIATION_SERVICES_SECURITY_TESTING_H_

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "security/jwk.h"
#include "security/jwt.h"
#include "security/principal.h"

namespace mediation::testing {

// A key pair made once per test binary, a signer and a verifier.
class TestTokens {
 public:
  TestTokens() {
    auto pem = GeneratePrivateKeyPem(JwsAlgorithm::kEdDSA);
    EXPECT_TRUE(pem.ok()) << pem.status();
    signer_ = std::make_unique<JwtSigner>(
        *JwtSigner::FromPrivateKeyPem(*pem, kIssuer, kAudience));
    JwtPolicy policy;
    policy.issuer = kIssuer;
    policy.audience = kAudience;
    auto jwk = ToPublicJwk(ReadPemKey(*pem)->get());
    verifier_ =
        *JwtVerifier::Create(policy, *Jwks::Parse(JwksDocument({*jwk})));
  }

  static constexpr char kIssuer[] = "https://idp.test";
  static constexpr char kAudience[] = "mediation";

  std::shared_ptr<const JwtVerifier> verifier() const { return verifier_; }

  // A token for role@caisse valid `validity` from `now`.
  std::string For(Role role, const std::string& caisse, absl::Time now,
                  const std::string& sujet = "test",
                  absl::Duration validity = absl::Hours(24)) const {
    Principal principal{sujet, role, caisse};
    auto token = signer_->Sign(principal, now, now + validity);
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
  std::unique_ptr<JwtSigner> signer_;
  std::shared_ptr<JwtVerifier> verifier_;
};

}  // namespace mediation::testing

#endif  // MEDIATION_SERVICES_SECURITY_TESTING_H_
