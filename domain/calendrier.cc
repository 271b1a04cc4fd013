#include "domain/calendrier.h"

namespace mediation {
namespace {

bool EstFerieNational(absl::CivilDay day) {
  const int m = day.month();
  const int d = day.day();
  if ((m == 1 && d == 1) || (m == 5 && (d == 1 || d == 8)) ||
      (m == 7 && d == 14) || (m == 8 && d == 15) ||
      (m == 11 && (d == 1 || d == 11)) || (m == 12 && d == 25)) {
    return true;
  }
  // Easter Monday (23 March at the earliest), Ascension and Whit Monday
  // (14 June at the latest): Easter is computed for spring days only.
  if (m < 3 || m > 6) return false;
  const absl::civil_diff_t depuis_paques =
      day - Paques(static_cast<int>(day.year()));
  return depuis_paques == 1 || depuis_paques == 39 || depuis_paques == 50;
}

bool EstFerieLocal(absl::CivilDay day, const Calendrier& calendrier) {
  const int m = day.month();
  const int d = day.day();
  if (calendrier.EstFerieAjoute(day)) return true;
  switch (calendrier.base()) {
    case Calendrier::kMetropole:
      return false;
    case Calendrier::kAlsaceMoselle:
      // Good Friday: between 20 March and 23 April.
      return (m == 12 && d == 26) ||
             ((m == 3 || m == 4) &&
              day - Paques(static_cast<int>(day.year())) == -2);
    case Calendrier::kMartinique:
      return m == 5 && d == 22;
    case Calendrier::kGuadeloupe:
      return m == 5 && d == 27;
    case Calendrier::kGuyane:
      return m == 6 && d == 10;
    case Calendrier::kReunion:
      return m == 12 && d == 20;
    case Calendrier::kMayotte:
      return m == 4 && d == 27;
  }
  return false;
}

}  // namespace

absl::CivilDay Paques(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return absl::CivilDay(year, month, day);
}

bool EstFerie(absl::CivilDay day, const Calendrier& calendrier) {
  return EstFerieNational(day) || EstFerieLocal(day, calendrier);
}

bool EstJourOuvre(absl::CivilDay day, const Calendrier& calendrier) {
  const absl::Weekday weekday = absl::GetWeekday(day);
  return weekday != absl::Weekday::saturday &&
         weekday != absl::Weekday::sunday && !EstFerie(day, calendrier);
}

absl::CivilDay ReporterAuJourOuvre(absl::CivilDay day,
                                   const Calendrier& calendrier) {
  while (!EstJourOuvre(day, calendrier)) ++day;
  return day;
}

absl::CivilDay AjouterMois(absl::CivilDay day, int months) {
  const absl::CivilMonth target = absl::CivilMonth(day) + months;
  const absl::CivilDay last_of_target = absl::CivilDay(target + 1) - 1;
  const int wanted = day.day();
  return wanted > last_of_target.day()
             ? last_of_target
             : absl::CivilDay(target.year(), target.month(), wanted);
}

absl::CivilDay FinDuDelai(absl::CivilDay depart, Delai delai) {
  return delai.unite == Delai::Unite::kJours
             ? depart + delai.quantite
             : AjouterMois(depart, delai.quantite);
}

absl::CivilDay Echeance(absl::CivilDay depart, Delai delai,
                        const Calendrier& calendrier) {
  return ReporterAuJourOuvre(FinDuDelai(depart, delai), calendrier);
}

}  // namespace mediation
