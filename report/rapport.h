// The activity report of a perimeter (a caisse, a region, the nation) over a
// period, as the CPAM du Hainaut's 2022 report shows it (seed 003): the same
// tables and charts, from the live statistics (NationalService.
// GetStatistiques). Pure: it renders what it is given; the caller fetches
// the statistics.
//
// The page is self-contained HTML (inline CSS and SVG, no script, no
// external resource), in French, numbers in French format; every table is
// also given as a CSV (';' separated, decimal comma, UTF-8), named as the
// page names it, so that the figures can be reused.
#ifndef MEDIATION_REPORT_RAPPORT_H_
#define MEDIATION_REPORT_RAPPORT_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mediation/v1/national.pb.h"

namespace mediation::report {

struct DonneesRapport {
  // Who the report is about, as people name it ("CPAM Nord (591)").
  std::string titre;
  // The whole period.
  v1::Statistiques periode;
  // One per month of the period, in order (depuis = jusqu_au = the month):
  // the per-month processing time and shares are by month of receipt.
  std::vector<v1::Statistiques> mois;
  // Whole calendar years, oldest first, the last one the period's last
  // year: the evolution across years.
  std::vector<v1::Statistiques> annees;
  absl::CivilDay genere_le;
};

// A table of the report: what the page shows and what its CSV holds.
struct Cellule {
  std::string texte;  // as shown ("38,7 %", "1 234")
  std::string csv;    // as a spreadsheet reads it ("38,71", "1234")
};
struct Tableau {
  std::string fichier;  // "par_public.csv"
  std::string titre;
  std::vector<std::string> entetes;
  std::vector<std::vector<Cellule>> lignes;
};

// `csv` in the order the page shows the tables, by file name.
struct Rapport {
  std::string html;
  std::vector<std::pair<std::string, std::string>> csv;
};

// The report rendered with `modele`, a mustache template
// (ModeleRapportParDefaut() documents the names it may use).
// INVALID_ARGUMENT when the template does not parse or the months or years
// are not those of the period.
absl::StatusOr<Rapport> GenererRapport(const DonneesRapport& donnees,
                                       absl::string_view modele);

absl::string_view ModeleRapportParDefaut();

// The table as CSV: a header line, then one line per row, "\n" ended.
std::string Csv(const Tableau& tableau);

// The whole calendar years a report on [depuis, jusqu_au] compares: the
// `nombre` years ending with jusqu_au's year, oldest first.
std::vector<int> AnneesComparees(absl::CivilMonth jusqu_au, int nombre);

// The statistics of the months [depuis, jusqu_au] of a perimeter, however
// the caller reaches them (a gRPC call, the store).
using SourceStatistiques = std::function<absl::StatusOr<v1::Statistiques>(
    absl::CivilMonth depuis, absl::CivilMonth jusqu_au)>;

// Fills `donnees`' periode, mois (each month) and annees (`annees_comparees`
// whole years) from `source`; its first error otherwise.
absl::Status Rassembler(absl::CivilMonth depuis, absl::CivilMonth jusqu_au,
                        int annees_comparees, const SourceStatistiques& source,
                        DonneesRapport* donnees);

}  // namespace mediation::report

#endif  // MEDIATION_REPORT_RAPPORT_H_
