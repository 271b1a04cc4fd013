// Dates worked out by hand (weekdays checked against a second calendar).
#include "domain/calendrier.h"

#include "gtest/gtest.h"

namespace mediation {
namespace {

using D = absl::CivilDay;

TEST(CalendrierTest, EasterByTheGregorianComputus) {
  EXPECT_EQ(Paques(2008), D(2008, 3, 23));
  EXPECT_EQ(Paques(2011), D(2011, 4, 24));
  EXPECT_EQ(Paques(2019), D(2019, 4, 21));
  EXPECT_EQ(Paques(2024), D(2024, 3, 31));
  EXPECT_EQ(Paques(2025), D(2025, 4, 20));
  EXPECT_EQ(Paques(2026), D(2026, 4, 5));
  EXPECT_EQ(Paques(2027), D(2027, 3, 28));
  EXPECT_EQ(Paques(2038), D(2038, 4, 25));
}

TEST(CalendrierTest, EasterBasedHolidaysAcrossYears) {
  const Calendrier m = Calendrier::kMetropole;
  EXPECT_TRUE(EstFerie(D(2025, 4, 21), m));       // Easter Monday.
  EXPECT_TRUE(EstFerie(D(2025, 5, 29), m));       // Ascension = Easter + 39.
  EXPECT_TRUE(EstFerie(D(2025, 6, 9), m));        // Whit Monday = Easter + 50.
  EXPECT_TRUE(EstFerie(D(2024, 4, 1), m));        // Easter Monday 2024.
  EXPECT_TRUE(EstFerie(D(2024, 5, 20), m));       // Whit Monday 2024.
  EXPECT_TRUE(EstFerie(D(2026, 5, 14), m));       // Ascension 2026.
  EXPECT_FALSE(EstJourOuvre(D(2025, 4, 20), m));  // Easter Sunday.
  EXPECT_FALSE(EstFerie(D(2025, 4, 18), m));  // Good Friday: not in metropole.
}

// Over four centuries, the Easter-based holidays are exactly Easter + 1,
// + 39 and + 50 (and Good Friday in Alsace-Moselle): EstFerie computes
// Easter for spring days only, which must miss none.
TEST(CalendrierTest, EasterBasedHolidaysOverFourCenturies) {
  int feries = 0;
  for (int year = 1900; year < 2300; ++year) {
    const D paques = Paques(year);
    for (D day = D(year, 1, 1); day < D(year + 1, 1, 1); ++day) {
      // 1 January, 1 and 8 May, 14 July, 15 August, 1 and 11 November,
      // 25 December: the fixed ones.
      const bool fixe = (day.month() == 1 && day.day() == 1) ||
                        (day.month() == 5 && day.day() == 1) ||
                        (day.month() == 5 && day.day() == 8) ||
                        (day.month() == 7 && day.day() == 14) ||
                        (day.month() == 8 && day.day() == 15) ||
                        (day.month() == 11 && day.day() == 1) ||
                        (day.month() == 11 && day.day() == 11) ||
                        (day.month() == 12 && day.day() == 25);
      const bool mobile =
          day == paques + 1 || day == paques + 39 || day == paques + 50;
      ASSERT_EQ(EstFerie(day, Calendrier::kMetropole), fixe || mobile) << day;
      const bool alsace = fixe || mobile || day == paques - 2 ||
                          (day.month() == 12 && day.day() == 26);
      ASSERT_EQ(EstFerie(day, Calendrier::kAlsaceMoselle), alsace) << day;
      feries += mobile ? 1 : 0;
    }
  }
  // Three a year: the loop went through every year.
  EXPECT_EQ(feries, 3 * 400);
}

TEST(CalendrierTest, FixedHolidays) {
  for (D day :
       {D(2025, 1, 1), D(2025, 5, 1), D(2025, 5, 8), D(2025, 7, 14),
        D(2025, 8, 15), D(2025, 11, 1), D(2025, 11, 11), D(2025, 12, 25)}) {
    EXPECT_TRUE(EstFerie(day, Calendrier::kMetropole)) << day;
  }
  EXPECT_FALSE(EstFerie(D(2025, 12, 26), Calendrier::kMetropole));
}

TEST(CalendrierTest, LocalHolidays) {
  EXPECT_TRUE(EstFerie(D(2025, 4, 18), Calendrier::kAlsaceMoselle));
  EXPECT_TRUE(EstFerie(D(2024, 3, 29), Calendrier::kAlsaceMoselle));
  EXPECT_TRUE(EstFerie(D(2025, 12, 26), Calendrier::kAlsaceMoselle));
  EXPECT_TRUE(EstFerie(D(2025, 5, 22), Calendrier::kMartinique));
  EXPECT_TRUE(EstFerie(D(2025, 5, 27), Calendrier::kGuadeloupe));
  EXPECT_TRUE(EstFerie(D(2025, 6, 10), Calendrier::kGuyane));
  EXPECT_TRUE(EstFerie(D(2025, 12, 20), Calendrier::kReunion));
  EXPECT_TRUE(EstFerie(D(2025, 4, 27), Calendrier::kMayotte));
  EXPECT_FALSE(EstFerie(D(2025, 5, 22), Calendrier::kGuadeloupe));
  EXPECT_FALSE(EstFerie(D(2025, 12, 20), Calendrier::kMetropole));
}

TEST(CalendrierTest, MonthArithmeticKeepsTheDayOrTakesTheLastDay) {
  EXPECT_EQ(AjouterMois(D(2025, 1, 10), 2), D(2025, 3, 10));
  EXPECT_EQ(AjouterMois(D(2024, 12, 31), 2), D(2025, 2, 28));
  EXPECT_EQ(AjouterMois(D(2023, 12, 31), 2), D(2024, 2, 29));  // Leap year.
  EXPECT_EQ(AjouterMois(D(2024, 12, 30), 2), D(2025, 2, 28));
  EXPECT_EQ(AjouterMois(D(2025, 3, 31), 1), D(2025, 4, 30));
  EXPECT_EQ(AjouterMois(D(2025, 11, 15), 3), D(2026, 2, 15));
}

struct EcheanceCase {
  D depart;
  Delai delai;
  Calendrier calendrier;
  D attendue;
};

void PrintTo(const EcheanceCase& f, std::ostream* os) {
  *os << f.depart << " + " << f.delai.quantite;
}

class EcheanceTest : public ::testing::TestWithParam<EcheanceCase> {};

TEST_P(EcheanceTest, ExtendedToTheNextWorkingDay) {
  const EcheanceCase& c = GetParam();
  EXPECT_EQ(Echeance(c.depart, c.delai, c.calendrier), c.attendue) << c.depart;
}

INSTANTIATE_TEST_SUITE_P(
    Cpc641Et642, EcheanceTest,
    ::testing::Values(
        // Days: the starting day does not count.
        EcheanceCase{D(2025, 3, 21), Delai::Jours(7), Calendrier::kMetropole,
                     D(2025, 3, 28)},
        // Ends on a Saturday: next Monday.
        EcheanceCase{D(2025, 3, 22), Delai::Jours(7), Calendrier::kMetropole,
                     D(2025, 3, 31)},
        // Ends on Easter Monday: Tuesday.
        EcheanceCase{D(2025, 4, 11), Delai::Jours(10), Calendrier::kMetropole,
                     D(2025, 4, 22)},
        // Good Friday: a working day in metropole, not in Alsace-Moselle
        // (then the weekend and Easter Monday follow).
        EcheanceCase{D(2025, 4, 8), Delai::Jours(10), Calendrier::kMetropole,
                     D(2025, 4, 18)},
        EcheanceCase{D(2025, 4, 8), Delai::Jours(10),
                     Calendrier::kAlsaceMoselle, D(2025, 4, 22)},
        // 26 December (a Friday in 2025), Alsace-Moselle only.
        EcheanceCase{D(2025, 12, 16), Delai::Jours(10), Calendrier::kMetropole,
                     D(2025, 12, 26)},
        EcheanceCase{D(2025, 12, 16), Delai::Jours(10),
                     Calendrier::kAlsaceMoselle, D(2025, 12, 29)},
        // 14 July 2025 is a Monday.
        EcheanceCase{D(2025, 7, 4), Delai::Jours(10), Calendrier::kMetropole,
                     D(2025, 7, 15)},
        // Overseas days of the abolition of slavery.
        EcheanceCase{D(2024, 12, 10), Delai::Jours(10), Calendrier::kReunion,
                     D(2024, 12, 23)},
        EcheanceCase{D(2024, 12, 10), Delai::Jours(10), Calendrier::kMetropole,
                     D(2024, 12, 20)},
        EcheanceCase{D(2025, 5, 12), Delai::Jours(10), Calendrier::kMartinique,
                     D(2025, 5, 23)},
        EcheanceCase{D(2025, 5, 31), Delai::Jours(10), Calendrier::kGuyane,
                     D(2025, 6, 11)},
        // Months: 2 months from 10 January is Monday 10 March.
        EcheanceCase{D(2025, 1, 10), Delai::Mois(2), Calendrier::kMetropole,
                     D(2025, 3, 10)},
        // 31 Dec 2024 + 2 months = Friday 28 Feb 2025.
        EcheanceCase{D(2024, 12, 31), Delai::Mois(2), Calendrier::kMetropole,
                     D(2025, 2, 28)},
        // 1 Mar 2025 is a Saturday: 3 March.
        EcheanceCase{D(2025, 1, 1), Delai::Mois(2), Calendrier::kMetropole,
                     D(2025, 3, 3)}));

}  // namespace
}  // namespace mediation
