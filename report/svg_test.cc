#include "report/svg.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation::report {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

TEST(SvgTest, BarresUneParPointAvecSaValeur) {
  const std::string svg =
      Barres("Par mois", {{"janv.", 19}, {"févr.", 55}, {"mars", 1234}});
  EXPECT_THAT(svg, StartsWith("<svg "));
  EXPECT_THAT(svg, EndsWith("</svg>"));
  EXPECT_EQ(Count(svg, "<rect "), 3);
  EXPECT_THAT(svg, HasSubstr(">55</text>"));
  EXPECT_THAT(svg, HasSubstr(">1\u202f234</text>"));
  EXPECT_THAT(svg, HasSubstr("<title>Par mois</title>"));
}

TEST(SvgTest, LesLibellesSontEchappes) {
  const std::string svg = Barres("<script>", {{"A & B", 1}});
  EXPECT_THAT(svg, Not(HasSubstr("<script>")));
  EXPECT_THAT(svg, HasSubstr("A &amp; B"));
}

TEST(SvgTest, CamembertDonneLesPartsEtOmetLesZeros) {
  const std::string svg =
      Camembert("Public", {{"Assurés", 3}, {"Employeurs", 1}, {"Autres", 0}});
  EXPECT_EQ(Count(svg, "<path "), 2);
  EXPECT_THAT(svg, HasSubstr("Assurés : 75,0\u00a0%"));
  EXPECT_THAT(svg, HasSubstr("Employeurs : 25,0\u00a0%"));
  EXPECT_THAT(svg, Not(HasSubstr("Autres")));
}

TEST(SvgTest, CamembertDUneSeulePartEstUnDisque) {
  const std::string svg = Camembert("Public", {{"Assurés", 7}});
  EXPECT_THAT(svg, HasSubstr("<circle "));
  EXPECT_THAT(svg, HasSubstr("Assurés : 100,0\u00a0%"));
  EXPECT_THAT(Camembert("Vide", {}), HasSubstr("Aucune saisine"));
}

TEST(SvgTest, CourbesAvecObjectif) {
  const std::string svg =
      Courbes("Délai", {"janv.", "févr."}, {{"Délai moyen", {39, 14.5}}}, 21,
              "Objectif : 21 jours", 1);
  EXPECT_EQ(Count(svg, "<polyline "), 1);
  EXPECT_THAT(svg, HasSubstr("stroke-dasharray"));
  EXPECT_THAT(svg, HasSubstr(">14,5</text>"));
  EXPECT_THAT(svg, HasSubstr("Objectif : 21 jours"));
}

}  // namespace
}  // namespace mediation::report
