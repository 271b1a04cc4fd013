#include "domain/saisine.h"

#include <functional>
#include <string>

#include "base/status_matchers.h"
#include "domain/saisine_testing.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::CivilDay kToday{2025, 3, 14};

SaisineRecue ValidRecue() {
  SaisineRecue recue = testing::ExempleSaisineRecue();
  recue.requerant.nir = "2 69 05 49 588 157 80";  // As typed at the counter.
  return recue;
}

TEST(SaisineTest, DepotProducesOneNormalisedSaisineRecue) {
  ASSERT_OK_AND_ASSIGN(std::vector<SaisineEvent> events,
                       DeciderDepot(SaisineState{}, ValidRecue(), kToday,
                                    CaisseReferentielParDefaut()));
  ASSERT_EQ(events.size(), 1u);
  const auto& recue = std::get<SaisineRecue>(events[0]);
  EXPECT_EQ(recue.requerant.nir, "269054958815780");
  EXPECT_STREQ(EventTypeName(events[0]), "SaisineRecue");
  EXPECT_EQ(EffectiveDate(events[0]), absl::CivilDay(2025, 3, 10));
}

TEST(SaisineTest, ReceiptMayPrecedeRegistrationButNotToday) {
  SaisineRecue recue = ValidRecue();
  recue.date_reception = kToday;
  EXPECT_OK(ValiderSaisineRecue(recue, kToday, CaisseReferentielParDefaut()));
  recue.date_reception = kToday + 1;
  EXPECT_THAT(ValiderSaisineRecue(recue, kToday, CaisseReferentielParDefaut()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date_reception: in the future")));
}

struct InvalidCase {
  const char* name;
  std::function<void(SaisineRecue&)> mutate;
  const char* field;
};

void PrintTo(const InvalidCase& f, std::ostream* os) { *os << f.name; }

class SaisineInvalidTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(SaisineInvalidTest, RefusedNamingTheField) {
  SaisineRecue recue = ValidRecue();
  GetParam().mutate(recue);
  EXPECT_THAT(
      DeciderDepot(SaisineState{}, recue, kToday, CaisseReferentielParDefaut()),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr(std::string(GetParam().field) + ":")));
}

INSTANTIATE_TEST_SUITE_P(
    Intake, SaisineInvalidTest,
    ::testing::Values(
        InvalidCase{
            "NirWrongKey",
            [](SaisineRecue& r) { r.requerant.nir = "269054958815781"; },
            "requerant.nir"},
        InvalidCase{"NirMissingForAssure",
                    [](SaisineRecue& r) { r.requerant.nir.clear(); },
                    "requerant.nir"},
        InvalidCase{"NoType",
                    [](SaisineRecue& r) {
                      r.requerant.type = static_cast<TypeRequerant>(0);
                    },
                    "requerant.type"},
        InvalidCase{"NoNom", [](SaisineRecue& r) { r.requerant.nom.clear(); },
                    "requerant.nom"},
        InvalidCase{"BadEmail",
                    [](SaisineRecue& r) { r.requerant.email = "nobody"; },
                    "requerant.email"},
        InvalidCase{"UnknownCaisse", [](SaisineRecue& r) { r.caisse = "000"; },
                    "caisse"},
        InvalidCase{"NoCanal",
                    [](SaisineRecue& r) { r.canal = static_cast<Canal>(99); },
                    "canal"},
        InvalidCase{
            "NoOrigine",
            [](SaisineRecue& r) { r.origine = static_cast<Origine>(0); },
            "origine"},
        InvalidCase{"NoProcessus",
                    [](SaisineRecue& r) {
                      r.objet.processus = static_cast<Processus>(0);
                    },
                    "objet.processus"},
        InvalidCase{"NoDescription",
                    [](SaisineRecue& r) { r.objet.description.clear(); },
                    "objet.description"},
        InvalidCase{"DescriptionNotUtf8",
                    [](SaisineRecue& r) { r.objet.description = "\xff"; },
                    "objet.description"},
        InvalidCase{"ReceiptTooOld",
                    [](SaisineRecue& r) {
                      r.date_reception = absl::CivilDay(1999, 1, 1);
                    },
                    "date_reception"},
        InvalidCase{"ReclamationAfterReceipt",
                    [](SaisineRecue& r) {
                      r.reclamation_prealable->date =
                          absl::CivilDay(2025, 3, 11);
                    },
                    "reclamation_prealable.date"},
        InvalidCase{
            "AnsweredWithoutDate",
            [](SaisineRecue& r) { r.reclamation_prealable->repondue = true; },
            "reclamation_prealable.date_reponse"},
        InvalidCase{"AnswerBeforeReclamation",
                    [](SaisineRecue& r) {
                      r.reclamation_prealable->repondue = true;
                      r.reclamation_prealable->date_reponse =
                          absl::CivilDay(2025, 1, 1);
                    },
                    "reclamation_prealable.date_reponse"},
        InvalidCase{"DecisionAfterReceipt",
                    [](SaisineRecue& r) {
                      r.decision_contestee = DecisionContestee{
                          absl::CivilDay(2025, 3, 12), Recours::kCra, true, ""};
                    },
                    "decision_contestee.date_notification"},
        InvalidCase{"NegativeAmount",
                    [](SaisineRecue& r) { r.montant_centimes = -1; },
                    "montant_centimes"}),
    [](const ::testing::TestParamInfo<InvalidCase>& info) {
      return info.param.name;
    });

TEST(SaisineTest, WrongNirErrorDoesNotEchoTheNir) {
  SaisineRecue recue = ValidRecue();
  recue.requerant.nir = "269054958815781";
  absl::StatusOr<SaisineRecue> result =
      ValiderSaisineRecue(recue, kToday, CaisseReferentielParDefaut());
  EXPECT_THAT(std::string(result.status().message()),
              Not(HasSubstr("269054958815781")));
}

TEST(SaisineTest, NirOptionalButCheckedForOtherRequerants) {
  SaisineRecue recue = ValidRecue();
  recue.requerant.type = TypeRequerant::kEmployeur;
  recue.requerant.nir.clear();
  recue.requerant.identifiant_professionnel = "73282932000074";
  EXPECT_OK(ValiderSaisineRecue(recue, kToday, CaisseReferentielParDefaut()));
  recue.requerant.nir = "123";
  EXPECT_THAT(ValiderSaisineRecue(recue, kToday, CaisseReferentielParDefaut()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SaisineTest, DepotOnExistingSaisineFailsPrecondition) {
  ASSERT_OK_AND_ASSIGN(SaisineState state,
                       Apply(SaisineState{}, SaisineEvent{ValidRecue()}));
  EXPECT_THAT(
      DeciderDepot(state, ValidRecue(), kToday, CaisseReferentielParDefaut()),
      StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(SaisineTest, ApplyRecueSetsStateAndVersion) {
  ASSERT_OK_AND_ASSIGN(SaisineState state,
                       Replay({SaisineEvent{ValidRecue()}}));
  EXPECT_EQ(state.version, 1u);
  EXPECT_EQ(state.statut, Statut::kRecue);
  EXPECT_EQ(state.recue.caisse, "591");
}

TEST(SaisineTest, ReplayOfImpossibleSequenceIsDataLoss) {
  EXPECT_THAT(Replay({SaisineEvent{ValidRecue()}, SaisineEvent{ValidRecue()}}),
              StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace mediation
