#include "server/caisses.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/files.h"
#include "base/status_macros.h"
#include "openssl/rand.h"

namespace mediation {

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

absl::StatusOr<PageTokens> ChargerClePagination(const std::string& data_dir) {
  const std::string path = data_dir + "/PAGE_TOKEN_KEY";
  if (absl::StatusOr<std::string> key = ReadFile(path); key.ok()) {
    if (key->size() != PageTokens::kKeyBytes) {
      return absl::DataLossError(absl::StrCat(path, " does not hold a key"));
    }
    return PageTokens(*std::move(key));
  }
  std::string key(PageTokens::kKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()),
                 static_cast<int>(key.size())) != 1) {
    return absl::UnavailableError("no random bytes for the page token key");
  }
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  const bool written =
      fd >= 0 &&
      write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) &&
      fsync(fd) == 0;
  const int error = errno;
  if (fd >= 0) close(fd);
  if (!written) {
    return absl::UnavailableError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(error)));
  }
  return PageTokens(std::move(key));
}

std::string NomDuPerimetre(const CaisseReferentiel& caisses,
                           const v1::GetStatistiquesRequest& request) {
  if (request.has_region()) return "Région " + request.region();
  if (!request.has_caisse()) return "Ensemble des caisses";
  const Caisse* caisse = caisses.Find(request.caisse());
  return caisse == nullptr ? "Caisse " + request.caisse()
                           : absl::StrCat(caisse->nom, " (", caisse->code, ")");
}

}  // namespace mediation
