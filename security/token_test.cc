#include "security/token.h"

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

class TokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(auto pair, GenerateEd25519KeyPair());
    ASSERT_OK_AND_ASSIGN(TokenSigner signer,
                         TokenSigner::FromPrivateKeyPem(pair.first));
    ASSERT_OK_AND_ASSIGN(TokenVerifier verifier,
                         TokenVerifier::FromPublicKeyPem(pair.second));
    signer_ = std::make_unique<TokenSigner>(std::move(signer));
    verifier_ = std::make_unique<TokenVerifier>(std::move(verifier));
  }

  std::string Token(const Principal& principal) {
    auto token = signer_->Sign(principal, now_, now_ + absl::Hours(1));
    EXPECT_OK(token);
    return *token;
  }

  const absl::Time now_ = absl::FromUnixSeconds(1741942800);
  std::unique_ptr<TokenSigner> signer_;
  std::unique_ptr<TokenVerifier> verifier_;
};

TEST_F(TokenTest, RoundTripsThePrincipal) {
  const std::string token = Token({"marie.martin", Role::kMediateur, "591"});
  ASSERT_OK_AND_ASSIGN(Principal principal, verifier_->Verify(token, now_));
  EXPECT_EQ(principal.sujet, "marie.martin");
  EXPECT_EQ(principal.role, Role::kMediateur);
  EXPECT_EQ(principal.caisse, "591");
  EXPECT_EQ(principal.Acteur(), "mediateur:marie.martin@591");
}

TEST_F(TokenTest, ExpiredTokenIsUnauthenticated) {
  const std::string token = Token({"m", Role::kMediateur, "591"});
  EXPECT_THAT(
      verifier_->Verify(token, now_ + absl::Hours(1)),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));
  EXPECT_THAT(verifier_->Verify(token, now_ - absl::Hours(1)),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(TokenTest, TamperedOrForeignTokensAreUnauthenticated) {
  std::string token = Token({"m", Role::kAccueil, "591"});
  // Claim another role by rewriting the payload: the signature breaks.
  std::string forged = token;
  forged[5] = forged[5] == 'A' ? 'B' : 'A';
  EXPECT_THAT(verifier_->Verify(forged, now_),
              StatusIs(absl::StatusCode::kUnauthenticated));
  ASSERT_OK_AND_ASSIGN(auto other, GenerateEd25519KeyPair());
  ASSERT_OK_AND_ASSIGN(TokenSigner stranger,
                       TokenSigner::FromPrivateKeyPem(other.first));
  ASSERT_OK_AND_ASSIGN(
      std::string foreign,
      stranger.Sign({"m", Role::kNational, "*"}, now_, now_ + absl::Hours(1)));
  EXPECT_THAT(
      verifier_->Verify(foreign, now_),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("bad signature")));
  for (const char* garbage : {"", ".", "abc", "a.b", "!!.!!"}) {
    EXPECT_THAT(verifier_->Verify(garbage, now_),
                StatusIs(absl::StatusCode::kUnauthenticated));
  }
}

TEST_F(TokenTest, ARememberedTokenStillExpiresAndForgeriesAreNotRemembered) {
  const std::string token = Token({"m", Role::kMediateur, "591"});
  // Verified once (signature checked, remembered), then used again.
  ASSERT_OK(verifier_->Verify(token, now_).status());
  ASSERT_OK(verifier_->Verify(token, now_ + absl::Minutes(59)).status());
  EXPECT_THAT(
      verifier_->Verify(token, now_ + absl::Hours(1)),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));
  EXPECT_THAT(
      verifier_->Verify(token, now_ - absl::Hours(1)),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("not yet valid")));
  // The same claims under a broken signature are not taken for the
  // remembered token.
  // (A character inside the signature: the last one also carries padding
  // bits, which decoding ignores.)
  std::string forged = token;
  char& c = forged[token.find('.') + 10];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_THAT(verifier_->Verify(forged, now_),
              StatusIs(absl::StatusCode::kUnauthenticated));
  // Past the bound the cache empties; tokens still verify.
  for (size_t i = 0; i <= TokenVerifier::kMaxCachedTokens; ++i) {
    ASSERT_OK(
        verifier_
            ->Verify(Token({absl::StrCat("s", i), Role::kAccueil, "591"}), now_)
            .status());
  }
  EXPECT_OK(verifier_->Verify(token, now_).status());
}

TEST_F(TokenTest, InvalidPrincipalInAValidTokenIsRefused) {
  // National level must act for every caisse.
  const std::string token = Token({"n", Role::kNational, "591"});
  EXPECT_THAT(
      verifier_->Verify(token, now_),
      StatusIs(absl::StatusCode::kUnauthenticated, Not(HasSubstr(token))));
}

TEST(TokenKeysTest, RefusesKeysThatAreNotEd25519) {
  EXPECT_THAT(TokenVerifier::FromPublicKeyPem("not a key"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TokenSigner::FromPrivateKeyPem(""),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mediation
