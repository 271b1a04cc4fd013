#include "domain/caisse.h"

#include "base/status_matchers.h"
#include "domain/calendrier.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CaisseTest, DefaultReferentialCoversEveryDepartement) {
  const CaisseReferentiel& referentiel = CaisseReferentielParDefaut();
  EXPECT_EQ(referentiel.caisses().size(), 101u);
  const Caisse* paris = referentiel.Find("751");
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->region, "Île-de-France");
  EXPECT_EQ(referentiel.Find("571")->calendrier, Calendrier::kAlsaceMoselle);
  EXPECT_EQ(referentiel.Find("2A1")->region, "Corse");
  EXPECT_EQ(referentiel.Find("974")->calendrier, Calendrier::kReunion);
  EXPECT_EQ(referentiel.Find("974")->fuseau_horaire, "Indian/Reunion");
  EXPECT_EQ(referentiel.Find("999"), nullptr);
}

TEST(CaisseTest, ParsesCustomReferential) {
  ASSERT_OK_AND_ASSIGN(
      CaisseReferentiel referentiel,
      ParseCaisseReferentiel("# comment\n599\tCPAM du Hainaut\t59\tHauts-de-"
                             "France\tmetropole\tEurope/Paris\r\n"));
  ASSERT_NE(referentiel.Find("599"), nullptr);
  EXPECT_EQ(referentiel.Find("599")->nom, "CPAM du Hainaut");
}

// A caisse's calendar is data. Weekdays from date(1) and a printed 2025
// calendar: received Friday 9 May 2025, the 7-day acknowledgement falls on
// Friday 16 May, a local holiday of 591 only: Monday 19 May there, Friday
// 16 May at 621. A day decreed for everyone, Friday 2 May: a deadline of
// Friday 25 April + 7 runs to Monday 5 May at both. A holiday for the
// calendar "reunion" reaches 974 only.
constexpr char kAvecFeries[] =
    "591\tCPAM du Nord\t59\tHauts-de-France\tmetropole\tEurope/Paris\n"
    "621\tCPAM du Pas-de-Calais\t62\tHauts-de-France\tmetropole\t"
    "Europe/Paris\n"
    "974\tCGSS de La Réunion\t974\tLa Réunion\treunion\tIndian/Reunion\n"
    "ferie\t591\t2025-05-16\tFête locale\n"
    "ferie\t*\t2025-05-02\tJour férié décrété pour 2025\n"
    "ferie\tcalendrier:reunion\t2025-11-03\tJour local\n";

TEST(CaisseTest, AddedHolidaysMoveTheDeadlinesOfTheCaissesTheyTarget) {
  ASSERT_OK_AND_ASSIGN(CaisseReferentiel referentiel,
                       ParseCaisseReferentiel(kAvecFeries));
  const Calendrier& nord = referentiel.Find("591")->calendrier;
  const Calendrier& pas_de_calais = referentiel.Find("621")->calendrier;
  const Calendrier& reunion = referentiel.Find("974")->calendrier;
  using D = absl::CivilDay;
  EXPECT_EQ(nord.base(), CalendrierBase::kMetropole);
  EXPECT_EQ(nord.jours_feries_ajoutes(),
            (std::vector<D>{D(2025, 5, 2), D(2025, 5, 16)}));
  EXPECT_EQ(Echeance(D(2025, 5, 9), Delai::Jours(7), nord), D(2025, 5, 19));
  EXPECT_EQ(Echeance(D(2025, 5, 9), Delai::Jours(7), pas_de_calais),
            D(2025, 5, 16));
  EXPECT_EQ(Echeance(D(2025, 4, 25), Delai::Jours(7), nord), D(2025, 5, 5));
  EXPECT_EQ(Echeance(D(2025, 4, 25), Delai::Jours(7), pas_de_calais),
            D(2025, 5, 5));
  EXPECT_TRUE(EstFerie(D(2025, 11, 3), reunion));
  EXPECT_FALSE(EstFerie(D(2025, 11, 3), nord));
  EXPECT_TRUE(EstFerie(D(2025, 12, 20), reunion));  // Its legal base stays.
  // A day is added for that year only: 16 May 2026 is no holiday.
  EXPECT_FALSE(EstFerie(D(2026, 5, 16), nord));
}

TEST(CaisseTest, RefusesHolidaysThatAreMalformedOrReachNoCaisse) {
  const std::string caisse =
      "591\tCPAM du Nord\t59\tHauts-de-France\tmetropole\tEurope/Paris\n";
  EXPECT_THAT(ParseCaisseReferentiel(caisse + "ferie\t999\t2025-05-16\tX\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 2: ferie: no caisse is '999'")));
  EXPECT_THAT(
      ParseCaisseReferentiel(caisse + "ferie\tcalendrier:mayotte\t2025-05-16"
                                      "\tX\n"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no caisse")));
  EXPECT_THAT(
      ParseCaisseReferentiel(caisse + "ferie\tcalendrier:lune\t2025-05-16"
                                      "\tX\n"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("line 2: unknown calendrier")));
  EXPECT_THAT(ParseCaisseReferentiel(caisse + "ferie\t591\t16/05/2025\tX\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 2: ferie: '16/05/2025' is not")));
  EXPECT_THAT(
      ParseCaisseReferentiel(caisse + "ferie\t591\t2025-05-16\n"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected 4")));
}

TEST(CaisseTest, RefusesMalformedLinesNamingThem) {
  EXPECT_THAT(ParseCaisseReferentiel("599\tCPAM\t59\tHDF\tlune\tEurope/Paris"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 1: unknown calendrier")));
  EXPECT_THAT(ParseCaisseReferentiel("599\tA\t59\tR\tmetropole\tE\n"
                                     "599\tB\t59\tR\tmetropole\tE\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 2: duplicate code 599")));
  EXPECT_THAT(ParseCaisseReferentiel("599\tA\t59"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseCaisseReferentiel("# nothing\n"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mediation
