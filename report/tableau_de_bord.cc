#include "report/tableau_de_bord.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "kainjow/mustache.hpp"
#include "report/format.h"
#include "report/modele_tableau_de_bord.h"
#include "report/svg.h"

namespace mediation::report {
namespace {

namespace mus = kainjow::mustache;

mus::data Ligne(const LigneTableauDeBord& l, const std::string& periode,
                int rang) {
  const v1::Statistiques& s = l.statistiques;
  mus::data out;
  out.set("rang", absl::StrCat(rang));
  out.set("nom", l.nom);
  out.set("region", l.region);
  out.set("saisines", FormatNombre(s.saisines()));
  out.set("terminees", FormatNombre(s.terminees()));
  out.set("delai",
          s.terminees() > 0 ? FormatDecimal(s.duree_moyenne_jours(), 1) : "–");
  out.set("part_21", s.terminees() > 0
                         ? FormatPourcent(s.part_terminees_21_jours())
                         : "–");
  out.set("part_7", s.acquittees() > 0
                        ? FormatPourcent(s.part_acquittees_7_jours())
                        : "–");
  out.set("lien", absl::StrCat("/rapport?perimetre=", EncoderUrl(l.perimetre),
                               "&", periode));
  return out;
}

// Most saisines first, then by perimeter.
bool PlusDeSaisines(const LigneTableauDeBord* a, const LigneTableauDeBord* b) {
  if (a->statistiques.saisines() != b->statistiques.saisines()) {
    return a->statistiques.saisines() > b->statistiques.saisines();
  }
  return a->perimetre < b->perimetre;
}

}  // namespace

absl::StatusOr<std::string> GenererTableauDeBord(const DonneesTableauDeBord& d,
                                                 absl::string_view modele) {
  std::vector<const LigneTableauDeBord*> classees;
  int sans_saisine = 0;
  for (const LigneTableauDeBord& l : d.caisses) {
    if (l.statistiques.saisines() > 0) {
      classees.push_back(&l);
    } else {
      ++sans_saisine;
    }
  }
  std::stable_sort(classees.begin(), classees.end(), PlusDeSaisines);
  mus::data data;
  data.set("titre", d.titre);
  data.set("perimetre", d.ensemble.perimetre());
  absl::CivilMonth depuis, jusqu_au;
  const bool mois_lus = absl::ParseCivilTime(d.ensemble.depuis(), &depuis) &&
                        absl::ParseCivilTime(d.ensemble.jusqu_au(), &jusqu_au);
  data.set("periode", !mois_lus ? d.ensemble.depuis()
                      : depuis == jusqu_au
                          ? FormatMois(depuis)
                          : absl::StrCat("de ", FormatMois(depuis), " à ",
                                         FormatMois(jusqu_au)));
  data.set("genere_le", FormatDateLongue(d.genere_le));
  LigneTableauDeBord ensemble{d.ensemble.perimetre(), "Ensemble", "",
                              d.ensemble};
  data.set("ensemble", Ligne(ensemble, d.requete_periode, 0));
  mus::data caisses{mus::data::type::list};
  std::vector<Point> volumes;
  int rang = 0;
  for (const LigneTableauDeBord* l : classees) {
    caisses.push_back(Ligne(*l, d.requete_periode, ++rang));
    if (volumes.size() < 15) {
      volumes.push_back({l->perimetre.substr(l->perimetre.find(':') + 1),
                         double(l->statistiques.saisines())});
    }
  }
  data.set("caisses", caisses);
  data.set("sans_saisine", sans_saisine > 0
                               ? mus::data(absl::StrCat(sans_saisine))
                               : mus::data(false));
  data.set("graphe", volumes.empty()
                         ? std::string()
                         : Barres("Saisines reçues par caisse (les plus "
                                  "sollicitées)",
                                  volumes));
  std::vector<const LigneTableauDeBord*> par_volume;
  for (const LigneTableauDeBord& l : d.regions) par_volume.push_back(&l);
  std::stable_sort(par_volume.begin(), par_volume.end(), PlusDeSaisines);
  mus::data regions{mus::data::type::list};
  rang = 0;
  for (const LigneTableauDeBord* l : par_volume) {
    regions.push_back(Ligne(*l, d.requete_periode, ++rang));
  }
  data.set("regions", regions);
  data.set("a_des_regions", !d.regions.empty());
  mus::mustache tmpl{std::string(modele)};
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat("modele: ", tmpl.error_message()));
  }
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat("modele: ", tmpl.error_message()));
  }
  return html;
}

absl::string_view ModeleTableauDeBordParDefaut() {
  return kModeleTableauDeBord;
}

}  // namespace mediation::report
