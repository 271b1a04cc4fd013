#include "report/format.h"

#include "gtest/gtest.h"
#include "report/libelles.h"

namespace mediation::report {
namespace {

TEST(FormatTest, NombresALaFrancaise) {
  EXPECT_EQ(FormatNombre(0), "0");
  EXPECT_EQ(FormatNombre(558), "558");
  EXPECT_EQ(FormatNombre(1234), "1\u202f234");
  EXPECT_EQ(FormatNombre(-1234567), "-1\u202f234\u202f567");
  EXPECT_EQ(FormatDecimal(38.714, 1), "38,7");
  EXPECT_EQ(FormatDecimal(5, 1), "5,0");
  EXPECT_EQ(FormatDecimal(12345.5, 1), "12\u202f345,5");
  EXPECT_EQ(FormatDecimal(-0.01, 1), "0,0");
}

TEST(FormatTest, PourcentsEtCsv) {
  EXPECT_EQ(FormatPourcent(0.387), "38,7\u00a0%");
  EXPECT_EQ(FormatPourcent(1.0), "100,0\u00a0%");
  EXPECT_EQ(CsvPourcent(0.38714), "38,71");
}

TEST(FormatTest, Dates) {
  EXPECT_EQ(FormatDateLongue(absl::CivilDay(2025, 3, 1)), "1er mars 2025");
  EXPECT_EQ(FormatDateLongue(absl::CivilDay(2025, 8, 12)), "12 août 2025");
  EXPECT_EQ(FormatMois(absl::CivilMonth(2025, 12)), "décembre 2025");
  EXPECT_EQ(NomMois(2, true), "févr.");
  EXPECT_EQ(NomMois(13, true), "");
}

TEST(FormatTest, Echappements) {
  EXPECT_EQ(EchapperHtml("<a href=\"x\">L'été & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;L&#39;été &amp; co&lt;/a&gt;");
  EXPECT_EQ(ChampCsv("Valenciennes"), "Valenciennes");
  EXPECT_EQ(ChampCsv("a;b"), "\"a;b\"");
  EXPECT_EQ(ChampCsv("dit \"oui\""), "\"dit \"\"oui\"\"\"");
}

TEST(FormatTest, EncoderUrl) {
  EXPECT_EQ(EncoderUrl("region:Hauts-de-France"), "region%3AHauts-de-France");
  EXPECT_EQ(EncoderUrl("Provence-Alpes-Côte d'Azur&x"),
            "Provence-Alpes-C%C3%B4te%20d%27Azur%26x");
}

TEST(LibelleTest, ConnusEtInconnus) {
  EXPECT_EQ(Libelle("ISSUE_CLOTURE_DECISION_REVISEE"), "Décision révisée");
  EXPECT_EQ(Libelle("ORIGINE_SERVICE_CAISSE"), "Transmission CPAM");
  EXPECT_EQ(Libelle("orientee"), "Orientée dès réception");
  // A value the labels do not know yet is shown, never hidden.
  EXPECT_EQ(Libelle("CANAL_NOUVEAU"), "CANAL_NOUVEAU");
}

}  // namespace
}  // namespace mediation::report
