#include "security/jwt.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/status_matchers.h"
#include "gtest/gtest.h"
#include "security/jwk.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kIssuer[] = "https://idp.assurance-maladie.test";
constexpr char kAudience[] = "mediation";

// A signing key of `algorithm` and its public JWK.
struct Key {
  explicit Key(JwsAlgorithm algorithm) {
    pem = *GeneratePrivateKeyPem(algorithm);
    signer = std::make_unique<JwtSigner>(
        *JwtSigner::FromPrivateKeyPem(pem, kIssuer, kAudience));
    jwk = *ToPublicJwk(ReadPemKey(pem)->get());
  }
  std::string pem;
  std::unique_ptr<JwtSigner> signer;
  PublicJwk jwk;
};

JwtPolicy Policy() {
  JwtPolicy policy;
  policy.issuer = kIssuer;
  policy.audience = kAudience;
  return policy;
}

std::unique_ptr<JwtVerifier> VerifierOf(const std::vector<PublicJwk>& keys,
                                        JwtPolicy policy = Policy()) {
  absl::StatusOr<Jwks> jwks = Jwks::Parse(JwksDocument(keys));
  EXPECT_OK(jwks);
  auto verifier = JwtVerifier::Create(std::move(policy), *std::move(jwks));
  EXPECT_OK(verifier);
  return *std::move(verifier);
}

std::string B64(absl::string_view text) {
  return absl::WebSafeBase64Escape(text);
}

// A token with a hand-made header and claims, signed by `key` (or with an
// empty signature when null).
std::string Raw(const std::string& header, const std::string& claims,
                const Key* key, JwsAlgorithm algorithm) {
  const std::string input = absl::StrCat(B64(header), ".", B64(claims));
  std::string signature;
  if (key != nullptr) {
    signature = *SignJws(algorithm, ReadPemKey(key->pem)->get(), input);
  }
  return absl::StrCat(input, ".", B64(signature));
}

class JwtTest : public ::testing::Test {
 protected:
  std::string Claims(absl::string_view extra = "") const {
    return absl::StrCat(R"({"iss":")", kIssuer, R"(","aud":")", kAudience,
                        R"(","sub":"marie","role":"mediateur","caisse":"591",)",
                        R"("iat":)", absl::ToUnixSeconds(now_), R"(,"exp":)",
                        absl::ToUnixSeconds(now_ + absl::Hours(1)), extra, "}");
  }
  std::string Header(const Key& key, absl::string_view alg) const {
    return absl::StrCat(R"({"alg":")", alg, R"(","kid":")", key.jwk.kid,
                        R"("})");
  }

  const absl::Time now_ = absl::FromUnixSeconds(1741942800);
  const Key ed_{JwsAlgorithm::kEdDSA};
};

TEST_F(JwtTest, EachAllowedAlgorithmRoundTripsThePrincipalAndExpiry) {
  for (JwsAlgorithm algorithm :
       {JwsAlgorithm::kEdDSA, JwsAlgorithm::kES256, JwsAlgorithm::kRS256}) {
    Key key(algorithm);
    auto verifier = VerifierOf({key.jwk});
    ASSERT_OK_AND_ASSIGN(std::string token,
                         key.signer->Sign({"marie", Role::kMediateur, "591"},
                                          now_, now_ + absl::Hours(1)));
    ASSERT_OK_AND_ASSIGN(Principal p, verifier->Verify(token, now_));
    EXPECT_EQ(p.Acteur(), "mediateur:marie@591") << JwsAlgorithmName(algorithm);
    EXPECT_EQ(p.expire_a, now_ + absl::Hours(1));
  }
}

TEST_F(JwtTest, NoneAndHmacAreRefusedEvenWithAValidKeyId) {
  auto verifier = VerifierOf({ed_.jwk});
  // alg "none": no signature at all.
  EXPECT_THAT(verifier->Verify(Raw(Header(ed_, "none"), Claims(), nullptr,
                                   JwsAlgorithm::kEdDSA),
                               now_),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("alg not allowed")));
  // HS256 keyed with the public key's bytes (the "alg confusion" attack).
  const std::string forged = absl::StrCat(B64(Header(ed_, "HS256")), ".",
                                          B64(Claims()), ".", B64("whatever"));
  EXPECT_THAT(verifier->Verify(forged, now_),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("alg not allowed")));
  // An EdDSA key cannot verify a token that says ES256.
  Key ec(JwsAlgorithm::kES256);
  EXPECT_THAT(
      verifier->Verify(
          Raw(Header(ed_, "ES256"), Claims(), &ec, JwsAlgorithm::kES256), now_),
      StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(JwtTest, IssuerAudienceAndRequiredClaimsAreChecked) {
  auto verifier = VerifierOf({ed_.jwk});
  auto with = [&](const std::string& claims) {
    return verifier->Verify(
        Raw(Header(ed_, "EdDSA"), claims, &ed_, JwsAlgorithm::kEdDSA), now_);
  };
  EXPECT_OK(with(Claims()).status());
  std::string wrong_iss = Claims();
  wrong_iss.replace(wrong_iss.find(kIssuer), 5, "http:");
  EXPECT_THAT(with(wrong_iss),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("iss")));
  std::string wrong_aud = Claims();
  wrong_aud.replace(wrong_aud.find(R"("aud":"mediation")"), 17,
                    R"("aud":["autre","api"])");
  EXPECT_THAT(with(wrong_aud),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("aud")));
  std::string array_aud = Claims();
  array_aud.replace(array_aud.find(R"("aud":"mediation")"), 17,
                    R"("aud":["autre","mediation"])");
  EXPECT_OK(with(array_aud).status());
  std::string no_exp = Claims();
  no_exp.replace(no_exp.find(R"("exp")"), 5, R"("xxx")");
  EXPECT_THAT(with(no_exp),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("exp")));
}

TEST_F(JwtTest, TimeWindowHasALeewayAndAMaximumLifetime) {
  auto verifier = VerifierOf({ed_.jwk});
  ASSERT_OK_AND_ASSIGN(std::string token,
                       ed_.signer->Sign({"m", Role::kAccueil, "591"}, now_,
                                        now_ + absl::Hours(1)));
  // 60 s of leeway past exp, not 61.
  EXPECT_OK(verifier->Verify(token, now_ + absl::Seconds(3659)).status());
  EXPECT_THAT(
      verifier->Verify(token, now_ + absl::Seconds(3661)),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));
  EXPECT_THAT(verifier->Verify(token, now_ - absl::Minutes(5)),
              StatusIs(absl::StatusCode::kUnauthenticated));
  ASSERT_OK_AND_ASSIGN(std::string long_lived,
                       ed_.signer->Sign({"m", Role::kAccueil, "591"}, now_,
                                        now_ + absl::Hours(25)));
  EXPECT_THAT(
      verifier->Verify(long_lived, now_),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("lifetime")));
}

TEST_F(JwtTest, ATamperedOrForeignTokenIsRefusedAndNotEchoed) {
  auto verifier = VerifierOf({ed_.jwk});
  ASSERT_OK_AND_ASSIGN(std::string token,
                       ed_.signer->Sign({"m", Role::kAccueil, "591"}, now_,
                                        now_ + absl::Hours(1)));
  // The claims of a national principal under the accueil's signature.
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  std::string claims;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(parts[1], &claims));
  claims.replace(claims.find("accueil"), 7, "national");
  const std::string forged =
      absl::StrCat(parts[0], ".", B64(claims), ".", parts[2]);
  EXPECT_THAT(
      verifier->Verify(forged, now_),
      StatusIs(absl::StatusCode::kUnauthenticated,
               AllOf(HasSubstr("bad signature"), Not(HasSubstr(forged)))));
  Key stranger(JwsAlgorithm::kEdDSA);
  ASSERT_OK_AND_ASSIGN(std::string foreign,
                       stranger.signer->Sign({"m", Role::kNational, "*"}, now_,
                                             now_ + absl::Hours(1)));
  EXPECT_THAT(verifier->Verify(foreign, now_),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("kid")));
  for (const char* garbage : {"", ".", "a.b", "a.b.c", "!!.!!.!!"}) {
    EXPECT_THAT(verifier->Verify(garbage, now_),
                StatusIs(absl::StatusCode::kUnauthenticated));
  }
}

TEST_F(JwtTest, KeysRotateThroughAJwksOfTwoKeys) {
  Key next(JwsAlgorithm::kES256);
  // Before the rotation the provider publishes the old key only.
  auto verifier = VerifierOf({ed_.jwk});
  ASSERT_OK_AND_ASSIGN(std::string old_token,
                       ed_.signer->Sign({"a", Role::kAccueil, "591"}, now_,
                                        now_ + absl::Hours(1)));
  ASSERT_OK_AND_ASSIGN(
      std::string new_token,
      next.signer->Sign({"b", Role::kCra, "591"}, now_, now_ + absl::Hours(1)));
  EXPECT_OK(verifier->Verify(old_token, now_).status());
  EXPECT_THAT(verifier->Verify(new_token, now_),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("kid")));
  EXPECT_TRUE(verifier->TakeUnknownKid());   // The refresher reads early.
  EXPECT_FALSE(verifier->TakeUnknownKid());  // Once.
  // During the rotation both keys are published: both tokens verify.
  verifier->ReplaceKeys(*Jwks::Parse(JwksDocument({ed_.jwk, next.jwk})));
  EXPECT_OK(verifier->Verify(old_token, now_).status());
  ASSERT_OK_AND_ASSIGN(Principal b, verifier->Verify(new_token, now_));
  EXPECT_EQ(b.Acteur(), "cra:b@591");
  // After it the old key is withdrawn: its token, although remembered, no
  // longer verifies.
  verifier->ReplaceKeys(*Jwks::Parse(JwksDocument({next.jwk})));
  EXPECT_THAT(verifier->Verify(old_token, now_),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_OK(verifier->Verify(new_token, now_).status());
}

TEST_F(JwtTest, RoleAndCaisseComeFromConfigurableClaims) {
  JwtPolicy policy = Policy();
  policy.role_claim = "realm_access.roles";
  policy.caisse_claim = "organisation";
  auto verifier = VerifierOf({ed_.jwk}, policy);
  const std::string claims = absl::StrCat(
      R"({"iss":")", kIssuer, R"(","aud":")", kAudience,
      R"(","sub":"jean","realm_access":{"roles":["offline_access","cra"]},)",
      R"("organisation":"751","iat":)", absl::ToUnixSeconds(now_), R"(,"exp":)",
      absl::ToUnixSeconds(now_ + absl::Hours(1)), "}");
  ASSERT_OK_AND_ASSIGN(
      Principal p,
      verifier->Verify(
          Raw(Header(ed_, "EdDSA"), claims, &ed_, JwsAlgorithm::kEdDSA), now_));
  EXPECT_EQ(p.Acteur(), "cra:jean@751");
  // Two of our roles in one token name no one.
  std::string two = claims;
  two.replace(two.find(R"("offline_access")"), 16, R"("national")");
  EXPECT_THAT(
      verifier->Verify(
          Raw(Header(ed_, "EdDSA"), two, &ed_, JwsAlgorithm::kEdDSA), now_),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("exactly one")));
}

TEST(JwksTest, KeepsSignatureKeysAndRefusesDuplicateKids) {
  Key a(JwsAlgorithm::kEdDSA);
  // An encryption key, a symmetric key and an unknown curve are skipped.
  const std::string document = absl::StrCat(
      R"({"keys":[{"kty":"oct","k":"c2VjcmV0"},)",
      R"({"kty":"EC","crv":"P-384","x":"AA","y":"AA"},)", a.jwk.json, "]}");
  ASSERT_OK_AND_ASSIGN(Jwks keys, Jwks::Parse(document));
  EXPECT_EQ(keys.keys().size(), 1u);
  EXPECT_THAT(Jwks::Parse(JwksDocument({a.jwk, a.jwk})),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("kid")));
  EXPECT_THAT(Jwks::Parse(R"({"keys":[{"kty":"oct","k":"c2VjcmV0"}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Jwks::Parse("not json"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(JwtPolicyTest, IssuerAndAudienceAreRequired) {
  JwtPolicy policy;
  EXPECT_THAT(policy.Validate(), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("issuer")));
  policy.issuer = kIssuer;
  EXPECT_THAT(policy.Validate(), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("audience")));
}

}  // namespace
}  // namespace mediation
