// The caisses (CPAM, CGSS, CSS Mayotte) the service knows, with what the rules
// need of each: its region (national statistics), its public-holiday calendar
// (deadline extension, CPC 642) and its time zone ("today" at the caisse).
//
// The referential is data, not code: `ParseCaisseReferentiel` reads the
// tab-separated format below, so operators load the official list with
// `mediationd --caisses=FILE`. `CaisseReferentielParDefaut()` is one caisse per
// département (code = département + "1", e.g. 751 for Paris), enough to run
// the service out of the box.
//
// Format, one caisse per line, '#' starts a comment line:
//   code <TAB> nom <TAB> departement <TAB> region <TAB> calendrier <TAB> fuseau
// calendrier: metropole | alsace-moselle | guadeloupe | martinique | guyane |
//             reunion | mayotte
// fuseau: an IANA time zone name, e.g. Europe/Paris.
//
// Thread safety: immutable after construction; safe to share.
#ifndef MEDIATION_DOMAIN_CAISSE_H_
#define MEDIATION_DOMAIN_CAISSE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mediation {

// Which public holidays a caisse observes (code du travail L3133-1 and local
// law): Alsace-Moselle adds Good Friday and 26 December; each overseas
// département adds its abolition-of-slavery day.
enum class Calendrier {
  kMetropole,
  kAlsaceMoselle,
  kGuadeloupe,
  kMartinique,
  kGuyane,
  kReunion,
  kMayotte,
};

struct Caisse {
  std::string code;
  std::string nom;
  std::string departement;
  std::string region;
  Calendrier calendrier = Calendrier::kMetropole;
  std::string fuseau_horaire;
};

class CaisseReferentiel {
 public:
  // REQUIRES: codes unique (ParseCaisseReferentiel checks it).
  explicit CaisseReferentiel(std::vector<Caisse> caisses);

  // nullptr when no caisse has that code.
  const Caisse* Find(absl::string_view code) const;
  const std::vector<Caisse>& caisses() const { return caisses_; }

 private:
  std::vector<Caisse> caisses_;
  std::map<std::string, size_t, std::less<>> index_;
};

// INVALID_ARGUMENT naming the line on a malformed line, an unknown calendar or
// a duplicate code.
absl::StatusOr<CaisseReferentiel> ParseCaisseReferentiel(
    absl::string_view text);

// The embedded default (see above).
const CaisseReferentiel& CaisseReferentielParDefaut();

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_CAISSE_H_
