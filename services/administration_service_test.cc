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

}  // namespace
}  // namespace mediation
