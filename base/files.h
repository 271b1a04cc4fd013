// Files the binaries read at start, and the files the CLI writes.
#ifndef MEDIATION_BASE_FILES_H_
#define MEDIATION_BASE_FILES_H_

#include <string>

#include "absl/status/statusor.h"

namespace mediation {

// NOT_FOUND when the file cannot be read.
absl::StatusOr<std::string> ReadFile(const std::string& path);

// Writes `text` to `path` whole or not at all (a temporary file beside it,
// then renamed over it). INTERNAL naming the path when it cannot.
absl::Status WriteFile(const std::string& path, const std::string& text);

}  // namespace mediation

#endif  // MEDIATION_BASE_FILES_H_
