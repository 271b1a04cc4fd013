// Files the binaries read at start.
#ifndef MEDIATION_BASE_FILES_H_
#define MEDIATION_BASE_FILES_H_

#include <string>

#include "absl/status/statusor.h"

namespace mediation {

// NOT_FOUND when the file cannot be read.
absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace mediation

#endif  // MEDIATION_BASE_FILES_H_
