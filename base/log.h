// Minimal structured logging to stderr: "<UTC time> <LEVEL> <message>".
//
// Never log personal data (NIR, names, contact details): log identifiers and
// statuses only.
#ifndef MEDIATION_BASE_LOG_H_
#define MEDIATION_BASE_LOG_H_

#include "absl/strings/string_view.h"

namespace mediation {

void LogInfo(absl::string_view message);
void LogWarning(absl::string_view message);
void LogError(absl::string_view message);

}  // namespace mediation

#endif  // MEDIATION_BASE_LOG_H_
