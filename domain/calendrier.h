// Public holidays of a caisse and the computation of legal deadlines
// (code de procédure civile 641 and 642). Pure functions.
//
//   // CRA appeal: 2 months from the notification, extended to a working day.
//   absl::CivilDay fin = Echeance(notification, Delai::Mois(2), calendrier);
#ifndef MEDIATION_DOMAIN_CALENDRIER_H_
#define MEDIATION_DOMAIN_CALENDRIER_H_

#include "absl/time/civil_time.h"
#include "domain/caisse.h"

namespace mediation {

// Easter Sunday of `year` (Gregorian computus).
absl::CivilDay Paques(int year);

// Public holidays (code du travail L3133-1): 1 Jan, Easter Monday, 1 May,
// 8 May, Ascension, Whit Monday, 14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec; plus
// Good Friday and 26 Dec in Alsace-Moselle; plus the abolition of slavery
// day overseas (Martinique 22 May, Guadeloupe 27 May, Guyane 10 Jun,
// La Réunion 20 Dec, Mayotte 27 Apr).
bool EstFerie(absl::CivilDay day, const Calendrier& calendrier);

// Neither a Saturday, a Sunday nor a public holiday.
bool EstJourOuvre(absl::CivilDay day, const Calendrier& calendrier);

// `day` if it is a working day, else the next one (CPC 642).
absl::CivilDay ReporterAuJourOuvre(absl::CivilDay day,
                                   const Calendrier& calendrier);

// The same day-number `months` later, or that month's last day when it has
// no such day (31 Dec + 2 months = 28 or 29 Feb).
absl::CivilDay AjouterMois(absl::CivilDay day, int months);

struct Delai {
  enum class Unite { kJours, kMois };
  int quantite = 0;
  Unite unite = Unite::kJours;

  static Delai Jours(int n) { return {n, Unite::kJours}; }
  static Delai Mois(int n) { return {n, Unite::kMois}; }
};

// The last day of a deadline running from `depart`, before any extension: in
// days the day of the starting event does not count (CPC 641), so
// depart + n; in months, AjouterMois.
absl::CivilDay FinDuDelai(absl::CivilDay depart, Delai delai);

// FinDuDelai extended to the next working day of the caisse (CPC 642). The
// deadline ends at 24:00 that day, caisse's local time.
absl::CivilDay Echeance(absl::CivilDay depart, Delai delai,
                        const Calendrier& calendrier);

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_CALENDRIER_H_
