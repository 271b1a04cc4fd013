#include "report/lettres.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

DonneesLettre Donnees() {
  DonneesLettre d;
  d.caisse = "CPAM Nord";
  d.date = absl::CivilDay(2025, 3, 26);
  v1::Saisine& s = d.saisine;
  s.set_saisine_id("S-1");
  s.set_date_reception("2025-03-10");
  s.mutable_requerant()->set_prenom("Marie");
  s.mutable_requerant()->set_nom("Dupont");
  s.mutable_requerant()->set_nir("269054958815780");
  s.mutable_requerant()->set_commune("Valenciennes");
  s.mutable_objet()->set_description("IJ <non versées>");
  v1::Recevabilite* r = s.mutable_recevabilite();
  r->set_fondement(v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
  r->set_date_notification("2025-03-12");
  v1::DelaiDeRecours* recours = d.delais.mutable_recours();
  recours->set_recours(v1::RECOURS_CRA);
  recours->set_notification("2025-02-03");
  recours->set_jours_restants_geles(22);
  v1::PeriodeSuspension* p = recours->add_suspensions();
  p->set_debut("2025-03-12");
  p->set_fin("2025-03-25");
  return d;
}

TEST(LettreTest, AccuseDeRecevabiliteAvecSuspension) {
  absl::StatusOr<std::string> html =
      GenererLettre(TypeLettre::kRecevabilite, Donnees(),
                    ModeleLettreParDefaut(TypeLettre::kRecevabilite));
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_THAT(*html, HasSubstr("Le 26 mars 2025"));
  EXPECT_THAT(*html, HasSubstr("reçue le 10 mars 2025"));
  EXPECT_THAT(*html, HasSubstr("(Après une réclamation insatisfaite) depuis "
                               "le 12 mars 2025"));
  EXPECT_THAT(*html, HasSubstr("décision du 3 février 2025 est suspendu"));
  EXPECT_THAT(*html, HasSubstr("(22 jours)"));
  EXPECT_THAT(*html, HasSubstr("IJ &lt;non versées&gt;"));
  EXPECT_THAT(*html, Not(HasSubstr("269054958815780")));
}

TEST(LettreTest, IrrecevabiliteAvecOrientation) {
  DonneesLettre d = Donnees();
  EXPECT_EQ(GenererLettre(TypeLettre::kIrrecevabilite, d,
                          ModeleLettreParDefaut(TypeLettre::kIrrecevabilite))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  d.saisine.clear_recevabilite();
  v1::Irrecevabilite* i = d.saisine.mutable_irrecevabilite();
  i->set_motif(v1::MOTIF_IRRECEVABILITE_SANS_RECLAMATION_PREALABLE);
  i->set_orientation(v1::DESTINATION_RECLAMATIONS);
  i->set_date_notification("2025-03-11");
  absl::StatusOr<std::string> html =
      GenererLettre(TypeLettre::kIrrecevabilite, d,
                    ModeleLettreParDefaut(TypeLettre::kIrrecevabilite));
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_THAT(*html, HasSubstr("aucune réclamation préalable"));
  EXPECT_THAT(*html, HasSubstr("le service des réclamations"));
}

TEST(LettreTest, ClotureDonneLaNouvelleDateDeRecours) {
  DonneesLettre d = Donnees();
  v1::Cloture* c = d.saisine.mutable_cloture();
  c->set_issue(v1::ISSUE_CLOTURE_DECISION_REVISEE);
  c->set_date("2025-03-25");
  d.saisine.add_recommandations()->set_texte("Réviser la décision.");
  d.delais.mutable_recours()->set_jours_de_suspension(13);
  d.delais.mutable_recours()->set_expiration("2025-04-16");
  absl::StatusOr<std::string> html = GenererLettre(
      TypeLettre::kCloture, d, ModeleLettreParDefaut(TypeLettre::kCloture));
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_THAT(*html, HasSubstr("terminé son intervention le 25 mars 2025"));
  EXPECT_THAT(*html, HasSubstr("Recommandation du médiateur : Réviser"));
  EXPECT_THAT(*html, HasSubstr("Suite donnée : Décision révisée."));
  EXPECT_THAT(*html, HasSubstr("la Commission de recours amiable jusqu'au"));
  EXPECT_THAT(*html, HasSubstr("<strong>16 avril 2025</strong>"));
  // Without a suspension, no new date is announced.
  d.delais.mutable_recours()->set_jours_de_suspension(0);
  html = GenererLettre(TypeLettre::kCloture, d,
                       ModeleLettreParDefaut(TypeLettre::kCloture));
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, Not(HasSubstr("16 avril 2025")));
}

TEST(LettreTest, ModeleDeLaCaisse) {
  absl::StatusOr<std::string> html = GenererLettre(
      TypeLettre::kRecevabilite, Donnees(), "{{caisse}} : {{fondement}}");
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(*html, "CPAM Nord : Après une réclamation insatisfaite");
  EXPECT_FALSE(GenererLettre(TypeLettre::kCloture, Donnees(), "{{x}}").ok());
  // A caisse's letter keeps the shared letterhead and closing.
  html = GenererLettre(TypeLettre::kRecevabilite, Donnees(),
                       "{{> entete}}<p>Texte de la caisse.</p>{{> pied}}");
  ASSERT_TRUE(html.ok());
  EXPECT_THAT(*html, HasSubstr("Marie Dupont"));
  EXPECT_THAT(*html, HasSubstr("Objet : accusé de réception"));
  EXPECT_THAT(*html, HasSubstr("<p>Texte de la caisse.</p>"));
  EXPECT_THAT(*html, HasSubstr("Le médiateur<br>CPAM Nord"));
}

}  // namespace
}  // namespace mediation::report
