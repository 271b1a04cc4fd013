#include "domain/caisse.h"

#include "base/status_matchers.h"
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
