#include "security/jwks_source.h"

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "gtest/gtest.h"
#include "security/jwk.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::trunc) << text;
}

TEST(JwksSourceTest, AFileIsReadAgainSoThatKeysRotate) {
  const std::string path = ::testing::TempDir() + "/jwks.json";
  auto pem_a = GeneratePrivateKeyPem(JwsAlgorithm::kEdDSA);
  auto pem_b = GeneratePrivateKeyPem(JwsAlgorithm::kRS256);
  ASSERT_OK(pem_a);
  ASSERT_OK(pem_b);
  ASSERT_OK_AND_ASSIGN(PublicJwk a, ToPublicJwk(ReadPemKey(*pem_a)->get()));
  ASSERT_OK_AND_ASSIGN(PublicJwk b, ToPublicJwk(ReadPemKey(*pem_b)->get()));
  Write(path, JwksDocument({a}));
  JwksSource source;
  source.location = path;
  ASSERT_OK_AND_ASSIGN(Jwks keys, FetchJwks(source));
  JwtPolicy policy;
  policy.issuer = "idp";
  policy.audience = "mediation";
  ASSERT_OK_AND_ASSIGN(auto verifier, JwtVerifier::Create(policy, keys));
  ASSERT_OK_AND_ASSIGN(JwtSigner signer_b, JwtSigner::FromPrivateKeyPem(
                                               *pem_b, "idp", "mediation"));
  const absl::Time now = absl::Now();
  ASSERT_OK_AND_ASSIGN(std::string token,
                       signer_b.Sign({"x", Role::kAccueil, "591"}, now,
                                     now + absl::Minutes(10)));
  EXPECT_THAT(verifier->Verify(token, now),
              StatusIs(absl::StatusCode::kUnauthenticated));
  JwksRefresher refresher(source, verifier.get());
  Write(path, JwksDocument({a, b}));
  ASSERT_OK(refresher.RefreshNow());
  EXPECT_OK(verifier->Verify(token, now).status());
  // A broken document keeps the keys in force.
  Write(path, "{");
  EXPECT_THAT(refresher.RefreshNow(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(verifier->Verify(token, now).status());
}

TEST(JwksSourceTest, OnlyFilesAndHttpsUrls) {
  JwksSource source;
  source.location = "http://idp.example/jwks.json";
  EXPECT_THAT(FetchJwks(source),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("https")));
  source.location = "/nonexistent/jwks.json";
  EXPECT_THAT(FetchJwks(source), StatusIs(absl::StatusCode::kUnavailable));
  // Nothing listens on port 1 of the loopback: UNAVAILABLE, quickly.
  source.location = "https://127.0.0.1:1/jwks.json";
  EXPECT_THAT(FetchJwks(source), StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace mediation
