// The French labels people read for the API's enum values and statistics
// keys ("ISSUE_CLOTURE_DECISION_REVISEE" -> "Décision révisée").
#ifndef MEDIATION_REPORT_LIBELLES_H_
#define MEDIATION_REPORT_LIBELLES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mediation::report {

// The label of an enum value's name (any of the mediation.v1 enums the
// reports and letters show) or of the statistics' other keys
// ("irrecevable", "orientee", "recours_contentieux"). A name without a label
// is shown as it is, so that a value added to the API is never hidden.
std::string Libelle(absl::string_view cle);

}  // namespace mediation::report

#endif  // MEDIATION_REPORT_LIBELLES_H_
