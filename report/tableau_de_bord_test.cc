#include "report/tableau_de_bord.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

LigneTableauDeBord Caisse(std::string code, std::string nom, int64_t saisines,
                          double delai) {
  LigneTableauDeBord l;
  l.perimetre = "caisse:" + code;
  l.nom = std::move(nom);
  l.region = "Hauts-de-France";
  l.statistiques.set_saisines(saisines);
  l.statistiques.set_terminees(saisines / 2);
  l.statistiques.set_duree_moyenne_jours(delai);
  return l;
}

TEST(TableauDeBordTest, CaissesClasseesParVolumeEtLiensVersLeRapport) {
  DonneesTableauDeBord d;
  d.titre = "Direction nationale de la médiation";
  d.ensemble.set_perimetre("national");
  d.ensemble.set_depuis("2025-01");
  d.ensemble.set_jusqu_au("2025-12");
  d.ensemble.set_saisines(70);
  d.caisses = {Caisse("021", "CPAM Aisne", 10, 12.5),
               Caisse("591", "CPAM Nord", 60, 26.75),
               Caisse("621", "CPAM Pas-de-Calais", 0, 0)};
  LigneTableauDeBord region;
  region.perimetre = "region:Hauts-de-France";
  region.nom = "Hauts-de-France";
  region.statistiques.set_saisines(70);
  d.regions = {region};
  d.requete_periode = "annee=2025";
  d.genere_le = absl::CivilDay(2026, 1, 5);
  absl::StatusOr<std::string> html =
      GenererTableauDeBord(d, ModeleTableauDeBordParDefaut());
  ASSERT_TRUE(html.ok()) << html.status();
  const size_t nord = html->find(">CPAM Nord</a>");
  const size_t aisne = html->find(">CPAM Aisne</a>");
  ASSERT_NE(nord, std::string::npos);
  ASSERT_NE(aisne, std::string::npos);
  EXPECT_LT(nord, aisne);  // ranked by volume
  EXPECT_THAT(*html, HasSubstr("href=\"/rapport?perimetre=caisse%3A591&amp;"
                               "annee=2025\""));
  EXPECT_THAT(*html, HasSubstr("<td class=\"n\">26,8</td>"));
  EXPECT_THAT(*html, HasSubstr("Caisses sans saisine sur la période : 1."));
  EXPECT_THAT(*html, Not(HasSubstr(">CPAM Pas-de-Calais<")));
  EXPECT_THAT(*html, HasSubstr("region%3AHauts-de-France"));
  EXPECT_THAT(*html, HasSubstr("de janvier 2025 à décembre 2025"));
}

TEST(TableauDeBordTest, UneCaisseSansRegions) {
  DonneesTableauDeBord d;
  d.titre = "CPAM Nord";
  d.ensemble.set_perimetre("caisse:591");
  d.ensemble.set_depuis("2025-03");
  d.ensemble.set_jusqu_au("2025-03");
  d.caisses = {Caisse("591", "CPAM Nord", 5, 3)};
  absl::StatusOr<std::string> html =
      GenererTableauDeBord(d, ModeleTableauDeBordParDefaut());
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, Not(HasSubstr("<h2>Régions</h2>")));
  EXPECT_THAT(*html, HasSubstr("mars 2025"));
}

}  // namespace
}  // namespace mediation::report
