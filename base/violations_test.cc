#include "base/violations.h"

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::testing::ElementsAre;

TEST(FieldViolationsTest, NothingRecordedIsOk) {
  FieldViolations violations;
  violations.Add(absl::OkStatus());
  EXPECT_TRUE(violations.empty());
  EXPECT_TRUE(violations.ToStatus().ok());
}

TEST(FieldViolationsTest, EveryViolationIsKeptInOrder) {
  FieldViolations violations;
  violations.Add(absl::InvalidArgumentError("acte.date: expected YYYY-MM-DD"));
  violations.Add("commun.request_id", "required");
  const absl::Status status = violations.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "acte.date: expected YYYY-MM-DD; commun.request_id: required");
  EXPECT_THAT(ViolationsOf(status),
              ElementsAre(FieldViolation{"acte.date", "expected YYYY-MM-DD"},
                          FieldViolation{"commun.request_id", "required"}));
}

TEST(FieldViolationsTest, ACombinedStatusAddsAllItsViolations) {
  FieldViolations first;
  first.Add("a", "x");
  first.Add("b", "y");
  FieldViolations second;
  second.Add(first.ToStatus());
  second.Add("c", "z");
  EXPECT_EQ(ViolationsOf(second.ToStatus()).size(), 3u);
}

TEST(FieldViolationsTest, AnotherErrorComesFirst) {
  FieldViolations violations;
  violations.Add("a", "x");
  violations.Add(absl::NotFoundError("no saisine"));
  EXPECT_EQ(violations.ToStatus().code(), absl::StatusCode::kNotFound);
}

TEST(FieldViolationsTest, TakeReturnsTheValueOrRecordsTheError) {
  FieldViolations violations;
  EXPECT_EQ(violations.Take(absl::StatusOr<int>(3)), 3);
  EXPECT_EQ(violations.Take(absl::StatusOr<int>(
                absl::InvalidArgumentError("n: too large"))),
            std::nullopt);
  EXPECT_THAT(ViolationsOf(violations.ToStatus()),
              ElementsAre(FieldViolation{"n", "too large"}));
}

TEST(ViolationsOfTest, ReadsTheFieldOfAPlainMessage) {
  EXPECT_THAT(ViolationsOf(absl::InvalidArgumentError(
                  "requerant.nir: the NIR key does not match")),
              ElementsAre(FieldViolation{"requerant.nir",
                                         "the NIR key does not match"}));
  EXPECT_TRUE(ViolationsOf(absl::InvalidArgumentError("Bad: thing")).empty());
  EXPECT_TRUE(ViolationsOf(absl::AbortedError("x: y")).empty());
}

TEST(WithFieldPrefixTest, PrefixesEveryField) {
  FieldViolations violations;
  violations.Add("requerant.nir", "bad key");
  violations.Add("date_reception", "in the future");
  EXPECT_THAT(
      ViolationsOf(WithFieldPrefix(violations.ToStatus(), "acte.corrigee.")),
      ElementsAre(
          FieldViolation{"acte.corrigee.requerant.nir", "bad key"},
          FieldViolation{"acte.corrigee.date_reception", "in the future"}));
  EXPECT_EQ(WithFieldPrefix(absl::NotFoundError("x"), "p.").code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace mediation
