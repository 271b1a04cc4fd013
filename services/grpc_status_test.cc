#include "services/grpc_status.h"

#include "base/violations.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

google::rpc::Status DetailsOf(const grpc::Status& status) {
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details()));
  return details;
}

TEST(GrpcStatusTest, OkHasNoDetails) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).error_details().empty());
}

TEST(GrpcStatusTest, InvalidArgumentCarriesEveryFieldViolation) {
  FieldViolations violations;
  violations.Add("acte.date", "expected YYYY-MM-DD");
  violations.Add("commun.saisine_id", "required");
  const grpc::Status status = ToGrpcStatus(violations.ToStatus());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "acte.date: expected YYYY-MM-DD; commun.saisine_id: required");
  const google::rpc::Status details = DetailsOf(status);
  EXPECT_EQ(details.code(), 3);
  ASSERT_EQ(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "CHAMP_INVALIDE");
  EXPECT_EQ(info.domain(), kErrorDomain);
  google::rpc::BadRequest bad;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad));
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(0).field(), "acte.date");
  EXPECT_EQ(bad.field_violations(1).field(), "commun.saisine_id");
  EXPECT_EQ(bad.field_violations(1).description(), "required");
}

TEST(GrpcStatusTest, APlainFieldMessageBecomesOneViolation) {
  const google::rpc::Status details = DetailsOf(ToGrpcStatus(
      absl::InvalidArgumentError("requerant.nir: the NIR key does not match")));
  ASSERT_EQ(details.details_size(), 2);
  google::rpc::BadRequest bad;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad));
  EXPECT_EQ(bad.field_violations(0).field(), "requerant.nir");
}

TEST(GrpcStatusTest, OtherErrorsCarryTheirReasonOnly) {
  const grpc::Status status =
      ToGrpcStatus(absl::FailedPreconditionError("the saisine is closed"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const google::rpc::Status details = DetailsOf(status);
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "TRANSITION_INTERDITE");
}

}  // namespace
}  // namespace mediation
