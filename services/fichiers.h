// Files the binaries read at start: a whole text file, and the caisse
// referential (shared by mediationd and mediationctl's offline commands, so
// that both build the projections with the same calendars).
#ifndef MEDIATION_SERVICES_FICHIERS_H_
#define MEDIATION_SERVICES_FICHIERS_H_

#include <string>

#include "absl/status/statusor.h"
#include "domain/caisse.h"

namespace mediation {

// NOT_FOUND when the file cannot be read.
absl::StatusOr<std::string> ReadFile(const std::string& path);

// The referential in `path` (domain/caisse.h format), or the embedded one
// when `path` is empty. INVALID_ARGUMENT for a malformed file or an unknown
// time zone.
absl::StatusOr<CaisseReferentiel> ChargerCaisses(const std::string& path);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_FICHIERS_H_
