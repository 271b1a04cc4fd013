#include "domain/nir.h"

#include "base/status_matchers.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

// Keys worked out by hand: 97 - (N mod 97).
//   1 85 05 78 006 084 -> N = 1850578006084, N mod 97 = 6, key 91.
//   2 69 05 49 588 157 -> N = 2690549588157, N mod 97 = 17, key 80.
TEST(NirTest, AcceptsValidKeys) {
  EXPECT_EQ(CleNir("1850578006084"), 91);
  EXPECT_EQ(CleNir("2690549588157"), 80);
  ASSERT_OK_AND_ASSIGN(std::string nir, NormaliserNir("185057800608491", "f"));
  EXPECT_EQ(nir, "185057800608491");
}

TEST(NirTest, NormalisesSpacesAndCase) {
  ASSERT_OK_AND_ASSIGN(std::string nir,
                       NormaliserNir("2 69 05 49 588 157 80", "f"));
  EXPECT_EQ(nir, "269054958815780");
}

// Corsica: 2A is read as 19 and 2B as 18.
//   1 80 01 2A 004 012: N = 1800119004012, N mod 97 = 40, key 57.
//   2 75 12 2B 123 456: N = 2751218123456, N mod 97 = 67, key 30.
TEST(NirTest, CorsicaReadsTwoAAs19AndTwoBAs18) {
  EXPECT_EQ(CleNir("180012A004012"), 57);
  EXPECT_EQ(CleNir("275122B123456"), 30);
  EXPECT_OK(NormaliserNir("180012A00401257", "f"));
  EXPECT_OK(NormaliserNir("180012a00401257", "f"));
  EXPECT_OK(NormaliserNir("275122B12345630", "f"));
  // The same digits with 2B instead of 2A have another key.
  EXPECT_THAT(NormaliserNir("180012B00401257", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(NirTest, RefusesWrongKeyNamingFieldWithoutEchoingNir) {
  absl::StatusOr<std::string> result =
      NormaliserNir("185057800608492", "requerant.nir");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("requerant.nir")));
  EXPECT_THAT(std::string(result.status().message()),
              Not(HasSubstr("185057800608492")));
}

TEST(NirTest, RefusesMalformed) {
  for (const char* bad :
       {"", "18505780060843", "1850578006084911", "X85057800608491",
        "385057800608491", "18505780060849A", "1850572C0608491"}) {
    EXPECT_THAT(NormaliserNir(bad, "f"),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
}

}  // namespace
}  // namespace mediation
