#include "services/page_token.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "mediation/v1/accueil.pb.h"

namespace mediation {
namespace {

TEST(PageTokensTest, ATokenOpensToItsCursorForTheSameBinding) {
  const PageTokens tokens = PageTokens::WithRandomKey();
  const std::string token = tokens.Seal("x/591/2025-03-10/abc", "list\n1");
  EXPECT_EQ(tokens.Open(token, "list\n1").value(), "x/591/2025-03-10/abc");
}

TEST(PageTokensTest, TheTokenRevealsNothingOfTheCursor) {
  const PageTokens tokens = PageTokens::WithRandomKey();
  const std::string token = tokens.Seal("x/591/2025-03-10/abc", "b");
  std::string bytes;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &bytes));
  EXPECT_EQ(bytes.find("591"), std::string::npos);
  EXPECT_EQ(token.find("591"), std::string::npos);
  // Two tokens of the same cursor differ (a fresh nonce each).
  EXPECT_NE(tokens.Seal("x/591/2025-03-10/abc", "b"), token);
}

TEST(PageTokensTest, AnotherBindingKeyOrAlterationIsRefused) {
  const PageTokens tokens = PageTokens::WithRandomKey();
  const std::string token = tokens.Seal("cursor", "list\nfilters-a");
  EXPECT_EQ(tokens.Open(token, "list\nfilters-b").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PageTokens::WithRandomKey()
                .Open(token, "list\nfilters-a")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  std::string altered = token;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(tokens.Open(altered, "list\nfilters-a").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(tokens.Open("garbage", "x").status().message(),
            "page_token: not a token of this listing");
}

TEST(PageTokensTest, EmptyMeansFirstAndLastPage) {
  const PageTokens tokens = PageTokens::WithRandomKey();
  EXPECT_EQ(tokens.Seal("", "b"), "");
  EXPECT_EQ(tokens.Open("", "b").value(), "");
}

TEST(PageBindingTest, BindsTheFiltersButNotThePage) {
  v1::ListSaisinesRequest a;
  a.set_caisse("591");
  a.set_page_size(10);
  a.set_page_token("t1");
  v1::ListSaisinesRequest b = a;
  b.set_page_size(20);
  b.set_page_token("t2");
  EXPECT_EQ(PageBinding("m", a), PageBinding("m", b));
  b.set_caisse("751");
  EXPECT_NE(PageBinding("m", a), PageBinding("m", b));
  EXPECT_NE(PageBinding("m", a), PageBinding("n", a));
}

}  // namespace
}  // namespace mediation
