// The dashboard of the national direction (and of a caisse): its
// perimeter's key figures over a period, the caisses ranked by volume with
// their processing time and shares on time, the regions; each line links
// to that perimeter's activity report (the drill-down). Pure, as rapport.h:
// the caller fetches the statistics each line shows.
#ifndef MEDIATION_REPORT_TABLEAU_DE_BORD_H_
#define MEDIATION_REPORT_TABLEAU_DE_BORD_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mediation/v1/national.pb.h"

namespace mediation::report {

struct LigneTableauDeBord {
  std::string perimetre;  // "caisse:591", "region:Bretagne"
  std::string nom;        // "CPAM Nord"
  std::string region;     // a caisse's region; empty for a region
  v1::Statistiques statistiques;
};

struct DonneesTableauDeBord {
  std::string titre;  // who looks: "Direction nationale de la médiation"
  v1::Statistiques ensemble;  // the whole scope the viewer may see
  std::vector<LigneTableauDeBord> caisses;
  std::vector<LigneTableauDeBord> regions;  // empty for a caisse's staff
  // The period as the page's links repeat it ("annee=2025").
  std::string requete_periode;
  absl::CivilDay genere_le;
};

// The page; caisses ranked by saisines received (most first, then by code),
// those without any counted apart; regions in the same order. INVALID_ARGUMENT
// when the template does not parse.
absl::StatusOr<std::string> GenererTableauDeBord(
    const DonneesTableauDeBord& donnees, absl::string_view modele);

absl::string_view ModeleTableauDeBordParDefaut();

}  // namespace mediation::report

#endif  // MEDIATION_REPORT_TABLEAU_DE_BORD_H_
