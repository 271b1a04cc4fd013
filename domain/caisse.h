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
// A caisse's calendar is data: lines
//   ferie <TAB> cible <TAB> YYYY-MM-DD <TAB> libelle
// add a public holiday to the caisses they target: cible is a caisse code
// (a local holiday), "calendrier:<name>" (every caisse of that calendar) or
// "*" (every caisse: a national holiday decreed for one year). Deadlines
// ending on it run to the next working day (CPC 642).
//
// Thread safety: immutable after construction; safe to share.
#ifndef MEDIATION_DOMAIN_CAISSE_H_
#define MEDIATION_DOMAIN_CAISSE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace mediation {

// Which public holidays a caisse observes by law (code du travail L3133-1
// and local law): Alsace-Moselle adds Good Friday and 26 December; each
// overseas département adds its abolition-of-slavery day.
enum class CalendrierBase {
  kMetropole,
  kAlsaceMoselle,
  kGuadeloupe,
  kMartinique,
  kGuyane,
  kReunion,
  kMayotte,
};

// A caisse's calendar: its legal base, and the holidays the referential adds
// to it (a local holiday, a national one decreed for one year). A value:
// cheap to copy (the added days are shared), immutable.
class Calendrier {
 public:
  using Base = CalendrierBase;
  static constexpr Base kMetropole = Base::kMetropole;
  static constexpr Base kAlsaceMoselle = Base::kAlsaceMoselle;
  static constexpr Base kGuadeloupe = Base::kGuadeloupe;
  static constexpr Base kMartinique = Base::kMartinique;
  static constexpr Base kGuyane = Base::kGuyane;
  static constexpr Base kReunion = Base::kReunion;
  static constexpr Base kMayotte = Base::kMayotte;

  // Implicit: a legal base is a calendar with nothing added.
  Calendrier(Base base = Base::kMetropole) : base_(base) {}  // NOLINT
  Calendrier(Base base, std::vector<absl::CivilDay> jours_feries_ajoutes);

  Base base() const { return base_; }
  // Sorted, without duplicates.
  const std::vector<absl::CivilDay>& jours_feries_ajoutes() const;
  bool EstFerieAjoute(absl::CivilDay day) const;

  friend bool operator==(const Calendrier& a, const Calendrier& b) {
    return a.base_ == b.base_ &&
           a.jours_feries_ajoutes() == b.jours_feries_ajoutes();
  }

 private:
  Base base_;
  std::shared_ptr<const std::vector<absl::CivilDay>> ajoutes_;
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

// INVALID_ARGUMENT naming the line on a malformed line, an unknown calendar,
// a duplicate code, or a holiday whose target matches no caisse.
absl::StatusOr<CaisseReferentiel> ParseCaisseReferentiel(
    absl::string_view text);

// The embedded default (see above).
const CaisseReferentiel& CaisseReferentielParDefaut();

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_CAISSE_H_
