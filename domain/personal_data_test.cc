#include "domain/personal_data.h"

#include "domain/saisine_testing.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

TEST(PersonalDataTest, MasksNirAndContactsKeepsTheCase) {
  SaisineRecue recue = testing::ExempleSaisineRecue();
  recue.requerant.email = "a@b.fr";
  SaisineEvent event = recue;
  MasquerEvenement(event);
  const Requerant& masked = std::get<SaisineRecue>(event).requerant;
  EXPECT_EQ(masked.nir, kMasque);
  EXPECT_EQ(masked.email, kMasque);
  EXPECT_EQ(masked.telephone, "");  // Absent stays absent.
  EXPECT_EQ(masked.nom, "Dupont");
  EXPECT_EQ(masked.commune, "Valenciennes");
  EXPECT_EQ(std::get<SaisineRecue>(event).objet, recue.objet);
}

TEST(PersonalDataTest, TellsWhichEventsCarryPersonalData) {
  SaisineRecue recue = testing::ExempleSaisineRecue();
  EXPECT_TRUE(PorteDonneesPersonnelles(SaisineEvent(recue)));
  recue.requerant.nir.clear();
  recue.requerant.email.clear();
  recue.requerant.telephone.clear();
  recue.requerant.adresse.clear();
  EXPECT_FALSE(PorteDonneesPersonnelles(SaisineEvent(recue)));
  EXPECT_FALSE(PorteDonneesPersonnelles(SaisineEvent(SaisineCloturee{})));
}

}  // namespace
}  // namespace mediation
