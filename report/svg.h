// The report's charts as inline SVG (no script, no external resource), as
// the CPAM du Hainaut's report draws them: bars, lines against an objective,
// pies with their legend. Each returns one <svg> element whose labels are
// HTML-escaped; values are shown in French format on the chart.
#ifndef MEDIATION_REPORT_SVG_H_
#define MEDIATION_REPORT_SVG_H_

#include <optional>
#include <string>
#include <vector>

namespace mediation::report {

struct Point {
  std::string libelle;
  double valeur = 0;
};

struct Serie {
  std::string nom;
  std::vector<double> valeurs;  // one per label of the chart
};

// Vertical bars, one per point, each value written above its bar with
// `decimales` decimals.
std::string Barres(const std::string& titre, const std::vector<Point>& points,
                   int decimales = 0);

// One line per series over `libelles`; a dashed horizontal line at
// `objectif` when given, named `libelle_objectif` in the legend.
std::string Courbes(const std::string& titre,
                    const std::vector<std::string>& libelles,
                    const std::vector<Serie>& series,
                    std::optional<double> objectif = std::nullopt,
                    const std::string& libelle_objectif = "",
                    int decimales = 0);

// A pie of the points' shares (values are counts; points of 0 are left
// out), with a legend giving each label and its share ("38,7 %").
std::string Camembert(const std::string& titre,
                      const std::vector<Point>& points);

}  // namespace mediation::report

#endif  // MEDIATION_REPORT_SVG_H_
