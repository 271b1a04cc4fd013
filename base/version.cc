#include "base/version.h"

#include "absl/flags/usage_config.h"
#include "absl/strings/str_cat.h"
#include "mediation_version.inc"

namespace mediation {

std::string VersionLine(absl::string_view program) {
  return absl::StrCat(program, " ", MEDIATION_VERSION, " (commit ",
                      MEDIATION_COMMIT, ")");
}

absl::string_view Version() { return MEDIATION_VERSION; }
absl::string_view Commit() { return MEDIATION_COMMIT; }

void InstallVersionFlag(absl::string_view program) {
  absl::FlagsUsageConfig config;
  config.version_string = [name = std::string(program)] {
    return VersionLine(name) + "\n";
  };
  absl::SetFlagsUsageConfig(config);
}

}  // namespace mediation
