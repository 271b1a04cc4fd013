// What the binaries load at start: the caisse referential (shared by
// mediationd and mediationctl's offline commands, so that both build the
// projections with the same calendars), and the key of the page tokens.
#ifndef MEDIATION_SERVER_CAISSES_H_
#define MEDIATION_SERVER_CAISSES_H_

#include <string>

#include "absl/status/statusor.h"
#include "domain/caisse.h"
#include "mediation/v1/national.pb.h"
#include "services/page_token.h"

namespace mediation {

// The referential in `path` (domain/caisse.h format), or the embedded one
// when `path` is empty. NOT_FOUND when the file cannot be read;
// INVALID_ARGUMENT for a malformed file or an unknown time zone.
absl::StatusOr<CaisseReferentiel> ChargerCaisses(const std::string& path);

// The page tokens sealed with the key kept in `data_dir`/PAGE_TOKEN_KEY,
// made (random, mode 0600) on first use, so that a token outlives a restart.
// UNAVAILABLE when the file cannot be read or written; DATA_LOSS when it does
// not hold a key.
absl::StatusOr<PageTokens> ChargerClePagination(const std::string& data_dir);

// How people name the perimeter of `request`: "CPAM Nord (591)", "Région
// Bretagne", "Ensemble des caisses".
std::string NomDuPerimetre(const CaisseReferentiel& caisses,
                           const v1::GetStatistiquesRequest& request);

}  // namespace mediation

#endif  // MEDIATION_SERVER_CAISSES_H_
