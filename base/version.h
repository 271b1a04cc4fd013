// What the binaries say of themselves (`--version`): the project's version
// and the git commit they were built from (cmake/version.cmake).
#ifndef MEDIATION_BASE_VERSION_H_
#define MEDIATION_BASE_VERSION_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mediation {

// "<program> <version> (commit <sha>)", e.g.
// "mediationd 0.12.0 (commit 79ff4f8a1b2c)".
std::string VersionLine(absl::string_view program);

// The parts of that line: "0.12.0", and the commit's short sha (with
// "+modifications" when the tree had uncommitted changes).
absl::string_view Version();
absl::string_view Commit();

// Makes absl's `--version` print VersionLine(program) (instead of absl's
// "Debug build" notice). Call before absl::ParseCommandLine.
void InstallVersionFlag(absl::string_view program);

}  // namespace mediation

#endif  // MEDIATION_BASE_VERSION_H_
