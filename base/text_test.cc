#include "base/text.h"

#include <string>

#include "base/status_matchers.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;

TEST(TextTest, AcceptsFrenchText) {
  EXPECT_OK(ValidateText("Médiation — caisse d'Outre-mer\nligne 2", "f", 100,
                         Presence::kRequired));
  EXPECT_OK(ValidateText("", "f", 10, Presence::kOptional));
}

TEST(TextTest, RefusesMissingLongInvalidAndControl) {
  EXPECT_THAT(ValidateText("", "objet.description", 10, Presence::kRequired),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("objet.description: required")));
  EXPECT_THAT(ValidateText(std::string(11, 'a'), "f", 10, Presence::kOptional),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ValidateText("a\x01z", "f", 10, Presence::kOptional),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("é€😀"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // Truncated.
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // Overlong '/'.
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // Surrogate U+D800.
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // Past U+10FFFF.
  EXPECT_FALSE(IsValidUtf8("\xE2\x28\xA1"));      // Bad continuation.
}

}  // namespace
}  // namespace mediation
