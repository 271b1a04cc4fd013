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

}  // namespace
}  // namespace mediation
