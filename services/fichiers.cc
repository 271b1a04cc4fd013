#include "services/fichiers.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "domain/status_macros.h"

namespace mediation {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

absl::StatusOr<CaisseReferentiel> ChargerCaisses(const std::string& path) {
  if (path.empty()) return CaisseReferentielParDefaut();
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  ASSIGN_OR_RETURN(CaisseReferentiel referentiel, ParseCaisseReferentiel(text));
  for (const Caisse& caisse : referentiel.caisses()) {
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(caisse.fuseau_horaire, &zone)) {
      return absl::InvalidArgumentError(absl::StrCat("caisse ", caisse.code,
                                                     ": unknown time zone ",
                                                     caisse.fuseau_horaire));
    }
  }
  return referentiel;
}

}  // namespace mediation
