// The NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale").
//
// 15 characters: sex (1), year (2), month (2), département (2; 2A/2B in
// Corsica), commune (3), order (3), key (2). Key = 97 - (first 13 digits mod
// 97), reading 2A as 19 and 2B as 18.
//
// The NIR is personal data (décret 2019-341): never put it in a log or an
// error message. The functions here never echo it.
#ifndef MEDIATION_DOMAIN_NIR_H_
#define MEDIATION_DOMAIN_NIR_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mediation {

// Returns the NIR in canonical form (spaces removed, upper case) when it is
// well formed and its key matches; INVALID_ARGUMENT prefixed by `field`
// otherwise, without the NIR in the message.
absl::StatusOr<std::string> NormaliserNir(absl::string_view nir,
                                          absl::string_view field);

// The key of the first 13 characters of a canonical NIR (for tests and tools
// that build valid NIRs). REQUIRES: `first13` well formed.
int CleNir(absl::string_view first13);

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_NIR_H_
