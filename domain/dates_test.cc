#include "domain/dates.h"

#include "base/status_matchers.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;

TEST(DatesTest, ParsesAndFormatsIsoDates) {
  ASSERT_OK_AND_ASSIGN(absl::CivilDay day, ParseDate("2024-02-29", "f"));
  EXPECT_EQ(day, absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(FormatDate(day), "2024-02-29");
}

TEST(DatesTest, FormatsEveryYearWithFourDigitsAtLeast) {
  EXPECT_EQ(FormatDate(absl::CivilDay(2025, 12, 31)), "2025-12-31");
  EXPECT_EQ(FormatDate(absl::CivilDay(1900, 1, 1)), "1900-01-01");
  EXPECT_EQ(FormatDate(absl::CivilDay(10, 10, 10)), "0010-10-10");
  EXPECT_EQ(FormatDate(absl::CivilDay(0, 1, 1)), "0000-01-01");
  EXPECT_EQ(FormatDate(absl::CivilDay(9999, 12, 31)), "9999-12-31");
  EXPECT_EQ(FormatDate(absl::CivilDay(10000, 1, 1)), "10000-01-01");
  EXPECT_EQ(FormatDate(absl::CivilDay(-1, 1, 1)), "-001-01-01");
}

TEST(DatesTest, RefusesNonCalendarDaysNamingTheField) {
  for (const char* bad :
       {"2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "20250101", "",
        "2025-01-01T00:00", "1999-12-31", "2200-01-01", "abcd-ef-gh"}) {
    EXPECT_THAT(ParseDate(bad, "date_reception"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("date_reception")))
        << bad;
  }
}

}  // namespace
}  // namespace mediation
