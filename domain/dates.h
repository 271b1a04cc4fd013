// Calendar dates as the service handles them: ISO 8601 "YYYY-MM-DD" at the
// edges, absl::CivilDay inside. Pure functions.
#ifndef MEDIATION_DOMAIN_DATES_H_
#define MEDIATION_DOMAIN_DATES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace mediation {

// Earliest and latest dates the service accepts anywhere (sanity bounds).
inline constexpr absl::CivilDay kEarliestDate{2000, 1, 1};
inline constexpr absl::CivilDay kLatestDate{2199, 12, 31};

// Parses exactly "YYYY-MM-DD" (a real calendar day within the sanity bounds).
// Returns INVALID_ARGUMENT prefixed by `field` otherwise.
absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view text,
                                         absl::string_view field);

// "YYYY-MM-DD".
std::string FormatDate(absl::CivilDay day);

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_DATES_H_
