// AdministrationService: backups while serving.
#include "services/service_test_fixture.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;

class AdministrationServiceTest : public testing::ServiceTest {};

TEST_F(AdministrationServiceTest, BackupOpensAsAVerifiedCopy) {
  Preparer("591", Etape::kEnInstruction);
  Preparer("751", Etape::kRecue);
  v1::SauvegarderRequest request;
  request.set_nom("2025-03-14");
  v1::SauvegarderResponse response;
  ASSERT_TRUE(
      administration_
          ->Sauvegarder(As(Role::kOperateur, "*").get(), request, &response)
          .ok());
  EXPECT_EQ(response.derniere_position(), 3u);
  auto copy = testing::OpenStore(response.repertoire(), &clock_);
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->events().LastPosition(), 3u);
  auto report = copy->integrity().VerifyIntegrity("");
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->intact);
  // The copy carries a signed anchor of the head it was taken from.
  EXPECT_EQ(report->anchors_verified, 1u);
  EXPECT_EQ(report->last_anchor_position, 3u);
  EXPECT_TRUE(copy->projections().Verify().ok());

  // The same name again, a name that would leave the directory.
  grpc::Status again = administration_->Sauvegarder(
      As(Role::kOperateur, "*").get(), request, &response);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  request.set_nom("../ailleurs");
  grpc::Status outside = administration_->Sauvegarder(
      As(Role::kOperateur, "*").get(), request, &response);
  EXPECT_EQ(outside.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(outside.error_message(), HasSubstr("nom"));
  // "." and ".." are identifiers, but name the directory or its parent.
  for (const char* nom : {".", ".."}) {
    request.set_nom(nom);
    grpc::Status status = administration_->Sauvegarder(
        As(Role::kOperateur, "*").get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << nom;
    EXPECT_THAT(status.error_message(), HasSubstr("nom")) << nom;
  }
}

TEST_F(AdministrationServiceTest, AnchorsTheHeadOnDemand) {
  v1::AncrerJournalRequest request;
  v1::AncrerJournalResponse anchor;
  // An empty log has no head to sign.
  EXPECT_EQ(
      administration_
          ->AncrerJournal(As(Role::kOperateur, "*").get(), request, &anchor)
          .error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  Preparer("591", Etape::kEnInstruction);
  request.set_motif("avant mise à jour");
  ASSERT_TRUE(
      administration_
          ->AncrerJournal(As(Role::kOperateur, "*").get(), request, &anchor)
          .ok());
  EXPECT_EQ(anchor.position(), 2u);
  EXPECT_EQ(anchor.hash().size(), 64u);
  EXPECT_EQ(anchor.cle_id(), testing::TestAnchorKey().id());
  v1::VerifierIntegriteResponse report;
  ASSERT_TRUE(audit_
                  ->VerifierIntegrite(As(Role::kAuditeur, "*").get(),
                                      v1::VerifierIntegriteRequest(), &report)
                  .ok());
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.ancres_verifiees(), 1u);
  EXPECT_EQ(report.derniere_ancre_position(), 2u);
}

}  // namespace
}  // namespace mediation
