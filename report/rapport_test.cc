#include "report/rapport.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void Ajouter(google::protobuf::RepeatedPtrField<v1::Compte>* table,
             std::string cle, int64_t nombre, double part,
             std::string groupe = "") {
  v1::Compte* c = table->Add();
  c->set_cle(std::move(cle));
  c->set_nombre(nombre);
  c->set_part(part);
  c->set_groupe(std::move(groupe));
}

v1::Statistiques Mois(int annee, int mois, int64_t saisines) {
  v1::Statistiques s;
  const std::string cle = absl::StrFormat("%04d-%02d", annee, mois);
  s.set_perimetre("caisse:591");
  s.set_depuis(cle);
  s.set_jusqu_au(cle);
  s.set_saisines(saisines);
  s.set_terminees(saisines);
  s.set_duree_moyenne_jours(10 + mois);
  Ajouter(s.mutable_par_mois(), cle, saisines, 1);
  return s;
}

v1::Statistiques Annee(int annee, int64_t par_mois) {
  v1::Statistiques s;
  s.set_perimetre("caisse:591");
  s.set_depuis(absl::StrCat(annee, "-01"));
  s.set_jusqu_au(absl::StrCat(annee, "-12"));
  s.set_saisines(12 * par_mois);
  for (int m = 1; m <= 12; ++m) {
    Ajouter(s.mutable_par_mois(), absl::StrFormat("%04d-%02d", annee, m),
            par_mois, 1.0 / 12);
  }
  Ajouter(s.mutable_par_public(), "TYPE_REQUERANT_ASSURE", 12 * par_mois, 1);
  return s;
}

DonneesRapport Donnees() {
  DonneesRapport d;
  d.titre = "CPAM Nord (591)";
  d.genere_le = absl::CivilDay(2026, 1, 5);
  d.annees = {Annee(2023, 10), Annee(2024, 20), Annee(2025, 46)};
  d.periode = d.annees.back();
  v1::Statistiques& p = d.periode;
  p.set_saisines(552);
  p.set_terminees(400);
  p.set_duree_moyenne_jours(38.7);
  p.set_duree_mediane_jours(30);
  p.set_part_acquittees_7_jours(0.9);
  p.set_part_terminees_21_jours(0.387);
  p.set_reiterations(9);
  Ajouter(p.mutable_par_public(), "TYPE_REQUERANT_EMPLOYEUR", 0, 0);
  Ajouter(p.mutable_par_canal(), "CANAL_MAIL", 300, 300.0 / 552);
  Ajouter(p.mutable_par_competence(),
          "FONDEMENT_RECEVABILITE_PREMIERE_INTENTION", 35, 0.35);
  Ajouter(p.mutable_par_competence(),
          "FONDEMENT_RECEVABILITE_APRES_RECLAMATION", 55, 0.55);
  Ajouter(p.mutable_par_competence(),
          "FONDEMENT_RECEVABILITE_SAISINE_PARTICULIERE", 10, 0.10);
  Ajouter(p.mutable_par_sous_processus(), "Maladie", 40, 40.0 / 552,
          "PROCESSUS_PRESTATIONS_EN_ESPECES");
  Ajouter(p.mutable_par_commune(), "Valenciennes", 20, 20.0 / 552);
  Ajouter(p.mutable_par_commune(), "Crèvecoeur-sur-l'Escaut", 1, 1.0 / 552);
  Ajouter(p.mutable_par_commune(), "<b>Cambrai</b>", 14, 14.0 / 552);
  Ajouter(p.mutable_par_issue(), "ISSUE_CLOTURE_EXPLICATIONS_DONNEES", 155,
          0.3875);
  Ajouter(p.mutable_reiterations_par_trimestre(), "2025-T2", 4, 0);
  for (int m = 1; m <= 12; ++m) d.mois.push_back(Mois(2025, m, 46));
  return d;
}

std::map<std::string, std::string> CsvParFichier(const Rapport& r) {
  return {r.csv.begin(), r.csv.end()};
}

TEST(RapportTest, LaPageDonneLesChiffresEnFrancais) {
  absl::StatusOr<Rapport> r =
      GenererRapport(Donnees(), ModeleRapportParDefaut());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(r->html, HasSubstr("<html lang=\"fr\">"));
  EXPECT_THAT(r->html, HasSubstr("CPAM Nord (591)"));
  EXPECT_THAT(r->html, HasSubstr("année 2025"));
  EXPECT_THAT(r->html, HasSubstr("Établi le 5 janvier 2026"));
  EXPECT_THAT(r->html, HasSubstr("<td>38,7</td>"));         // mean delay
  EXPECT_THAT(r->html, HasSubstr("<td>38,7\u00a0%</td>"));  // on time
  EXPECT_THAT(r->html, HasSubstr("Résolution par explications données"));
  EXPECT_THAT(r->html, HasSubstr("Compétences en première intention : "
                                 "35,0\u00a0%"));
  // Particulières: 10 of the 65 recevable after a réclamation.
  EXPECT_THAT(r->html, HasSubstr("Parmi ces saisines, 15,4\u00a0%"));
  // Text from the data is escaped; the graphs are inline SVG.
  EXPECT_THAT(r->html, HasSubstr("&lt;b&gt;Cambrai&lt;/b&gt;"));
  EXPECT_THAT(r->html, Not(HasSubstr("<b>Cambrai")));
  EXPECT_THAT(r->html, HasSubstr("<svg "));
  EXPECT_THAT(r->html, Not(HasSubstr("<script")));
}

TEST(RapportTest, UnCsvParTableau) {
  absl::StatusOr<Rapport> r =
      GenererRapport(Donnees(), ModeleRapportParDefaut());
  ASSERT_TRUE(r.ok()) << r.status();
  auto csv = CsvParFichier(*r);
  for (const char* f :
       {"chiffres_cles.csv", "evolution_annuelle.csv",
        "reception_mensuelle.csv", "par_mois.csv", "par_public.csv",
        "evolution_par_public.csv", "par_origine.csv", "par_canal.csv",
        "par_competence.csv", "par_processus.csv", "par_sous_processus.csv",
        "par_commune.csv", "par_issue.csv", "reiterations_par_trimestre.csv"}) {
    EXPECT_TRUE(csv.count(f)) << f;
    EXPECT_THAT(r->html, HasSubstr(absl::StrCat("Données : ", f))) << f;
  }
  EXPECT_EQ(csv["par_canal.csv"], "Canal;Nombre;Part (%)\nMail;300;54,35\n");
  EXPECT_EQ(csv["evolution_annuelle.csv"].substr(0, 6), "Année");
  EXPECT_THAT(csv["evolution_annuelle.csv"], HasSubstr("\n2024;240;"));
  EXPECT_THAT(csv["reception_mensuelle.csv"],
              HasSubstr("\njanvier;10;20;46\n"));
  // Communes by volume, most first.
  EXPECT_EQ(csv["par_commune.csv"],
            "Commune;Nombre;Part (%)\nValenciennes;20;3,62\n"
            "<b>Cambrai</b>;14;2,54\nCrèvecoeur-sur-l'Escaut;1;0,18\n");
  EXPECT_THAT(csv["par_sous_processus.csv"],
              HasSubstr("Prestations en espèces;Maladie;40;7,25"));
  EXPECT_THAT(csv["reiterations_par_trimestre.csv"],
              HasSubstr("2e trimestre 2025;4"));
}

TEST(RapportTest, LesMoisDoiventEtreCeuxDeLaPeriode) {
  DonneesRapport d = Donnees();
  d.mois.pop_back();
  EXPECT_EQ(GenererRapport(d, ModeleRapportParDefaut()).status().code(),
            absl::StatusCode::kInvalidArgument);
  d = Donnees();
  d.annees.front().set_depuis("2022-01");
  EXPECT_EQ(GenererRapport(d, ModeleRapportParDefaut()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RapportTest, UnModeleDeLaCaisse) {
  absl::StatusOr<Rapport> r = GenererRapport(
      Donnees(),
      "<h1>{{titre}}</h1>{{#sections}}<h2>{{titre}}</h2>{{/sections}}");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(r->html,
              HasSubstr("<h1>CPAM Nord (591)</h1><h2>Chiffres clés</h2>"));
  EXPECT_EQ(GenererRapport(Donnees(), "{{#sections}}").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RapportTest, UnePeriodeSurDeuxAnnees) {
  DonneesRapport d = Donnees();
  d.periode.set_depuis("2024-11");
  d.periode.set_jusqu_au("2025-01");
  d.mois = {Mois(2024, 11, 3), Mois(2024, 12, 4), Mois(2025, 1, 5)};
  absl::StatusOr<Rapport> r = GenererRapport(d, ModeleRapportParDefaut());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(r->html, HasSubstr("de novembre 2024 à janvier 2025"));
  EXPECT_THAT(CsvParFichier(*r)["par_mois.csv"],
              HasSubstr("\nnov. 2024;3;3;21,0;21;"));
}

TEST(RapportTest, AnneesComparees) {
  EXPECT_EQ(AnneesComparees(absl::CivilMonth(2025, 3), 4),
            (std::vector<int>{2022, 2023, 2024, 2025}));
}

}  // namespace
}  // namespace mediation::report
