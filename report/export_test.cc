#include "report/export.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation::report {
namespace {

using ::testing::HasSubstr;

TEST(ExportTest, UneLigneParSaisine) {
  v1::Saisine ouverte;
  ouverte.set_saisine_id("A");
  ouverte.set_caisse("591");
  ouverte.set_statut(v1::STATUT_RECUE);
  ouverte.set_date_reception("2025-03-10");
  ouverte.set_canal(v1::CANAL_MAIL);
  ouverte.mutable_requerant()->set_nom("Dupont; fils");
  ouverte.mutable_requerant()->set_nir("2**************");
  v1::Saisine close = ouverte;
  close.set_saisine_id("B");
  close.set_statut(v1::STATUT_CLOTUREE);
  close.mutable_recevabilite()->set_fondement(
      v1::FONDEMENT_RECEVABILITE_PREMIERE_INTENTION);
  close.mutable_recevabilite()->set_date_notification("2025-03-12");
  close.mutable_cloture()->set_issue(v1::ISSUE_CLOTURE_PAIEMENT_RECU);
  close.set_terminee_le("2025-04-02");
  close.add_recommandations()->set_texte("x");
  const std::string csv = Csv(ExportSaisines({ouverte, close}));
  EXPECT_THAT(csv, HasSubstr("Identifiant;Caisse;Statut;Date de réception;"));
  EXPECT_THAT(csv, HasSubstr("\nA;591;Reçue;2025-03-10;Mail;;;;;;;;;;;0;"
                             "\"Dupont; fils\";;2**************\n"));
  EXPECT_THAT(csv, HasSubstr("\nB;591;Clôturée;2025-03-10;Mail;;;;;;"
                             "Compétence en première intention;2025-03-12;"
                             "Paiement reçu / droit accordé;2025-04-02;23;1;"));
}

}  // namespace
}  // namespace mediation::report
