// Status propagation helpers missing from Debian's Abseil 20220623.
//
//   RETURN_IF_ERROR(DoThing());
//   ASSIGN_OR_RETURN(Foo foo, MakeFoo());
#ifndef MEDIATION_BASE_STATUS_MACROS_H_
#define MEDIATION_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define MEDIATION_CONCAT_INNER(a, b) a##b
#define MEDIATION_CONCAT(a, b) MEDIATION_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                           \
  do {                                                  \
    if (absl::Status _status = (expr); !_status.ok()) { \
      return _status;                                   \
    }                                                   \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                          \
  if (!statusor.ok()) return statusor.status();     \
  lhs = std::move(statusor).value()

#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL(MEDIATION_CONCAT(_statusor_, __LINE__), lhs, rexpr)

#endif  // MEDIATION_BASE_STATUS_MACROS_H_
