#include "proto/wire/parse_diagnosis.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mediation/v1/accueil.pb.h"
#include "mediation/v1/mediation.pb.h"
#include "proto/wire/test_requests.h"

namespace mediation::wire {
namespace {

using ::mediation::wire::testing::Depot;

// Replaces the first occurrence of `from` in the encoding by `to` (same
// length, so that every length prefix stays right).
std::string Swap(std::string bytes, const std::string& from,
                 const std::string& to) {
  const size_t at = bytes.find(from);
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(from.size(), to.size());
  bytes.replace(at, from.size(), to);
  return bytes;
}

TEST(ParseDiagnosisTest, NamesANestedStringThatIsNotUtf8) {
  const std::string bytes = Swap(Depot().SerializeAsString(), "rembours",
                                 std::string("rem\xc3(urs", 8));
  v1::DeposerSaisineRequest parsed;
  ASSERT_FALSE(parsed.ParseFromString(bytes));
  ParseFailure failure =
      DiagnoseParseFailure(*v1::DeposerSaisineRequest::descriptor(), bytes);
  EXPECT_EQ(failure.field, "objet.description");
  EXPECT_EQ(failure.description, "la chaîne n'est pas de l'UTF-8 valide");
}

TEST(ParseDiagnosisTest, NamesATopLevelStringThatIsNotUtf8) {
  const std::string bytes = Swap(Depot().SerializeAsString(), "591",
                                 std::string("5\xff"
                                             "1",
                                             3));
  EXPECT_EQ(
      DiagnoseParseFailure(*v1::DeposerSaisineRequest::descriptor(), bytes)
          .field,
      "caisse");
}

TEST(ParseDiagnosisTest, NamesTheFieldWhereAMessageIsCutShort) {
  v1::DeposerSaisineRequest request;
  request.mutable_requerant()->set_nom("Martin");
  std::string bytes = request.SerializeAsString();
  // requerant (field 3): tag, length, then nom's tag, length and 6 bytes.
  bytes.resize(bytes.size() - 3);
  ParseFailure failure =
      DiagnoseParseFailure(*v1::DeposerSaisineRequest::descriptor(), bytes);
  EXPECT_EQ(failure.field, "requerant.nom");
  EXPECT_THAT(failure.description, ::testing::HasSubstr("tronqué"));
}

TEST(ParseDiagnosisTest, NamesAnActsHeaderInsideAnAct) {
  v1::CloturerRequest request;
  request.mutable_commun()->set_saisine_id("S-1");
  request.mutable_acte()->set_commentaire("fin");
  const std::string bytes =
      Swap(request.SerializeAsString(), "fin", std::string("f\xe9n", 3));
  EXPECT_EQ(
      DiagnoseParseFailure(*v1::CloturerRequest::descriptor(), bytes).field,
      "acte.commentaire");
}

TEST(ParseDiagnosisTest, BytesThatAreNoTagAreTheRequests) {
  const std::string bytes("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 11);
  EXPECT_EQ(
      DiagnoseParseFailure(*v1::DeposerSaisineRequest::descriptor(), bytes)
          .field,
      "requete");
}

TEST(ParseDiagnosisTest, AnUndefinedWireTypeNamesItsField) {
  // Field 2 (caisse) with wire type 7.
  const std::string bytes("\x17", 1);
  EXPECT_EQ(
      DiagnoseParseFailure(*v1::DeposerSaisineRequest::descriptor(), bytes)
          .field,
      "caisse");
}

}  // namespace
}  // namespace mediation::wire
