// Test matchers for absl::Status and absl::StatusOr (tests only).
//
//   EXPECT_OK(store.Append(...));
//   EXPECT_THAT(result, StatusIs(absl::StatusCode::kAborted));
//   EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
//                                HasSubstr("requerant.nir")));
#ifndef MEDIATION_BASE_STATUS_MATCHERS_H_
#define MEDIATION_BASE_STATUS_MATCHERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/status_macros.h"
#include "gmock/gmock.h"

namespace mediation::testing {

inline const absl::Status& GetStatus(const absl::Status& status) {
  return status;
}
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER_P(StatusIs, code, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(
             message_matcher, std::string(status.message()), result_listener);
}

MATCHER(IsOk, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.ok();
}

}  // namespace mediation::testing

#define EXPECT_OK(expr) EXPECT_THAT((expr), ::mediation::testing::IsOk())
#define ASSERT_OK(expr) ASSERT_THAT((expr), ::mediation::testing::IsOk())
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr)           \
  auto MEDIATION_CONCAT(_so_, __LINE__) = (rexpr); \
  ASSERT_OK(MEDIATION_CONCAT(_so_, __LINE__));     \
  lhs = std::move(MEDIATION_CONCAT(_so_, __LINE__)).value()

#endif  // MEDIATION_BASE_STATUS_MATCHERS_H_
