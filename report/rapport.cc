#include "report/rapport.h"

#include <algorithm>
#include <map>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "kainjow/mustache.hpp"
#include "report/format.h"
#include "report/libelles.h"
#include "report/modele_rapport.h"
#include "report/svg.h"

namespace mediation::report {
namespace {

namespace mus = kainjow::mustache;
using Comptes = google::protobuf::RepeatedPtrField<v1::Compte>;

constexpr int kObjectifJours = 21;

Cellule Texte(std::string texte) { return {texte, std::move(texte)}; }
Cellule Nombre(int64_t n) { return {FormatNombre(n), absl::StrCat(n)}; }
Cellule Pourcent(double part) {
  return {FormatPourcent(part), CsvPourcent(part)};
}
Cellule Jours(double jours) {
  return {FormatDecimal(jours, 1), FormatDecimal(jours, 1)};
}

absl::StatusOr<absl::CivilMonth> Mois(const std::string& text) {
  absl::CivilMonth mois;
  if (!absl::ParseCivilTime(text, &mois)) {
    return absl::InvalidArgumentError(
        absl::StrCat("statistiques: month '", text, "' is not YYYY-MM"));
  }
  return mois;
}

// "2025-03" -> "mars 2025", or "mars" when the period is one year.
std::string LibelleMois(const std::string& cle, bool avec_annee) {
  absl::CivilMonth mois;
  if (!absl::ParseCivilTime(cle, &mois)) return cle;
  return avec_annee
             ? absl::StrCat(NomMois(mois.month(), true), " ", mois.year())
             : NomMois(mois.month(), false);
}

// "2025-T2" -> "2e trimestre 2025".
std::string LibelleTrimestre(const std::string& cle) {
  if (cle.size() != 7 || cle[5] != 'T') return cle;
  const char n = cle[6];
  return absl::StrCat(n == '1' ? "1er" : absl::StrCat(std::string(1, n), "e"),
                      " trimestre ", cle.substr(0, 4));
}

// A table of counts and shares, by label.
Tableau TableComptes(std::string fichier, std::string titre,
                     std::string colonne, const Comptes& comptes) {
  Tableau t{std::move(fichier),
            std::move(titre),
            {std::move(colonne), "Nombre", "Part (%)"},
            {}};
  for (const v1::Compte& c : comptes) {
    t.lignes.push_back(
        {Texte(Libelle(c.cle())), Nombre(c.nombre()), Pourcent(c.part())});
  }
  return t;
}

std::vector<Point> Points(const Comptes& comptes) {
  std::vector<Point> points;
  for (const v1::Compte& c : comptes) {
    points.push_back({Libelle(c.cle()), static_cast<double>(c.nombre())});
  }
  return points;
}

int64_t NombreDe(const Comptes& comptes, absl::string_view cle) {
  for (const v1::Compte& c : comptes) {
    if (c.cle() == cle) return c.nombre();
  }
  return 0;
}

double Part(int64_t n, int64_t of) {
  return of == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(of);
}

struct Section {
  std::string id;
  std::string titre;
  std::vector<std::string> commentaires;
  std::vector<std::string> graphes;
  std::vector<Tableau> tableaux;
};

mus::data TableauData(const Tableau& t) {
  mus::data out;
  out.set("titre", t.titre);
  out.set("fichier", t.fichier);
  mus::data entetes{mus::data::type::list};
  for (const std::string& e : t.entetes) entetes.push_back(mus::data(e));
  out.set("entetes", entetes);
  mus::data lignes{mus::data::type::list};
  for (const auto& ligne : t.lignes) {
    mus::data cellules{mus::data::type::list};
    for (const Cellule& c : ligne) cellules.push_back(mus::data(c.texte));
    mus::data l;
    l.set("cellules", cellules);
    lignes.push_back(l);
  }
  out.set("lignes", lignes);
  return out;
}

mus::data SectionData(const Section& s) {
  mus::data out;
  out.set("id", s.id);
  out.set("titre", s.titre);
  mus::data commentaires{mus::data::type::list};
  for (const std::string& c : s.commentaires) {
    commentaires.push_back(mus::data(c));
  }
  out.set("commentaires", commentaires);
  mus::data graphes{mus::data::type::list};
  for (const std::string& g : s.graphes) graphes.push_back(mus::data(g));
  out.set("graphes", graphes);
  mus::data tableaux{mus::data::type::list};
  for (const Tableau& t : s.tableaux) tableaux.push_back(TableauData(t));
  out.set("tableaux", tableaux);
  return out;
}

std::string LibellePeriode(absl::CivilMonth depuis, absl::CivilMonth jusqu_au) {
  if (depuis.month() == 1 && jusqu_au.month() == 12 &&
      depuis.year() == jusqu_au.year()) {
    return absl::StrCat("année ", depuis.year());
  }
  if (depuis == jusqu_au) return FormatMois(depuis);
  return absl::StrCat("de ", FormatMois(depuis), " à ", FormatMois(jusqu_au));
}

// Evolution across the compared years.
Section Evolution(const DonneesRapport& d) {
  Section s{"evolution", "Évolution du nombre de saisines", {}, {}, {}};
  std::vector<Point> totaux;
  Tableau annuel{
      "evolution_annuelle.csv",
      "Saisines par année",
      {"Année", "Saisines reçues", "Terminées",
       "Délai moyen de traitement (jours)", "Acquittées sous 7 jours (%)",
       "Terminées dans les 21 jours (%)"},
      {}};
  Tableau mensuel{
      "reception_mensuelle.csv", "Réception mensuelle par année", {"Mois"}, {}};
  std::vector<Serie> series;
  for (const v1::Statistiques& a : d.annees) {
    const std::string annee = a.depuis().substr(0, 4);
    totaux.push_back({annee, static_cast<double>(a.saisines())});
    annuel.lignes.push_back(
        {Texte(annee), Nombre(a.saisines()), Nombre(a.terminees()),
         Jours(a.duree_moyenne_jours()), Pourcent(a.part_acquittees_7_jours()),
         Pourcent(a.part_terminees_21_jours())});
    mensuel.entetes.push_back(annee);
    Serie serie{annee, {}};
    for (const v1::Compte& c : a.par_mois()) {
      serie.valeurs.push_back(static_cast<double>(c.nombre()));
    }
    series.push_back(std::move(serie));
  }
  std::vector<std::string> mois;
  for (int m = 1; m <= 12; ++m) {
    mois.push_back(NomMois(m, true));
    std::vector<Cellule> ligne{Texte(NomMois(m, false))};
    for (const v1::Statistiques& a : d.annees) {
      ligne.push_back(
          Nombre(m <= a.par_mois_size() ? a.par_mois(m - 1).nombre() : 0));
    }
    mensuel.lignes.push_back(std::move(ligne));
  }
  s.graphes.push_back(Barres("Saisines reçues par année", totaux));
  s.graphes.push_back(
      Courbes("Réception mensuelle des demandes de médiation", mois, series));
  s.tableaux = {std::move(annuel), std::move(mensuel)};
  return s;
}

// The period month by month: receipts, processing time against the
// objective, acknowledgements within 7 days.
Section ParMois(const DonneesRapport& d, bool avec_annee) {
  Section s{"mois", "Réception mensuelle et délai de traitement", {}, {}, {}};
  Tableau t{"par_mois.csv",
            "Saisines par mois de réception",
            {"Mois", "Saisines reçues", "Terminées",
             "Délai moyen de traitement (jours)", "Objectif (jours)",
             "Acquittées sous 7 jours (%)", "Terminées dans les 21 jours (%)"},
            {}};
  std::vector<Point> recues;
  std::vector<std::string> libelles;
  Serie delai{"Délai moyen (jours)", {}};
  Serie acquittement{"Acquittées sous 7 jours (%)", {}};
  for (const v1::Statistiques& m : d.mois) {
    const std::string libelle = LibelleMois(m.depuis(), avec_annee);
    const std::string court = absl::StrCat(
        NomMois(Mois(m.depuis()).value_or(absl::CivilMonth()).month(), true),
        avec_annee ? " " + m.depuis().substr(2, 2) : "");
    recues.push_back({court, static_cast<double>(m.saisines())});
    libelles.push_back(court);
    delai.valeurs.push_back(m.duree_moyenne_jours());
    acquittement.valeurs.push_back(m.part_acquittees_7_jours() * 100);
    t.lignes.push_back({Texte(libelle), Nombre(m.saisines()),
                        Nombre(m.terminees()), Jours(m.duree_moyenne_jours()),
                        Nombre(kObjectifJours),
                        Pourcent(m.part_acquittees_7_jours()),
                        Pourcent(m.part_terminees_21_jours())});
  }
  const v1::Statistiques& p = d.periode;
  s.commentaires.push_back(absl::StrCat(
      FormatNombre(p.saisines()),
      " saisines ont été reçues sur la période, "
      "soit en moyenne ",
      FormatDecimal(Part(p.saisines(), std::max<int64_t>(1, d.mois.size())), 1),
      " par mois."));
  s.commentaires.push_back(absl::StrCat(
      "Le délai de traitement moyen des ", FormatNombre(p.terminees()),
      " saisines terminées est de ", FormatDecimal(p.duree_moyenne_jours(), 1),
      " jours (médiane : ", p.duree_mediane_jours(),
      " jours), pour un objectif de clôture en ", kObjectifJours, " jours ; ",
      FormatPourcent(p.part_terminees_21_jours()),
      " des saisines terminées l'ont été dans ce délai. ",
      FormatPourcent(p.part_acquittees_7_jours()), " des ",
      FormatNombre(p.acquittees()),
      " saisines acquittées l'ont été dans les 7 jours."));
  s.commentaires.push_back(
      "Les délais sont rapportés au mois de réception de la saisine.");
  s.graphes.push_back(Barres("Saisines reçues par mois", recues));
  s.graphes.push_back(Courbes("Délai de traitement moyen (en jours)", libelles,
                              {delai}, kObjectifJours, "Objectif : 21 jours",
                              1));
  s.graphes.push_back(
      Courbes("Part des saisines acquittées sous 7 jours (en %)", libelles,
              {acquittement}, std::nullopt, "", 1));
  s.tableaux.push_back(std::move(t));
  return s;
}

Section Repartition(std::string id, std::string titre, std::string fichier,
                    std::string colonne, const Comptes& comptes) {
  Section s{std::move(id), titre, {}, {}, {}};
  s.graphes.push_back(Camembert(
      titre, comptes.empty() ? std::vector<Point>{} : Points(comptes)));
  s.tableaux.push_back(TableComptes(std::move(fichier), std::move(titre),
                                    std::move(colonne), comptes));
  return s;
}

// The shares of each public across the compared years.
Tableau PublicParAnnee(const DonneesRapport& d) {
  Tableau t{"evolution_par_public.csv",
            "Évolution des saisines par public (en %)",
            {"Public"},
            {}};
  for (const v1::Statistiques& a : d.annees) {
    t.entetes.push_back(a.depuis().substr(0, 4));
  }
  for (const v1::Compte& c : d.periode.par_public()) {
    std::vector<Cellule> ligne{Texte(Libelle(c.cle()))};
    for (const v1::Statistiques& a : d.annees) {
      ligne.push_back(
          Pourcent(Part(NombreDe(a.par_public(), c.cle()), a.saisines())));
    }
    t.lignes.push_back(std::move(ligne));
  }
  return t;
}

Section Competence(const DonneesRapport& d) {
  const Comptes& c = d.periode.par_competence();
  Section s = Repartition("competence",
                          "Répartition des saisines recevables "
                          "par compétence",
                          "par_competence.csv", "Compétence", c);
  const int64_t premiere =
      NombreDe(c, "FONDEMENT_RECEVABILITE_PREMIERE_INTENTION");
  const int64_t apres = NombreDe(c, "FONDEMENT_RECEVABILITE_APRES_RECLAMATION");
  const int64_t particulieres =
      NombreDe(c, "FONDEMENT_RECEVABILITE_SAISINE_PARTICULIERE");
  const int64_t exceptions = NombreDe(c, "FONDEMENT_RECEVABILITE_EXCEPTION");
  const int64_t recevables = premiere + apres + particulieres + exceptions;
  const int64_t hors_premiere = apres + particulieres + exceptions;
  s.commentaires.push_back(absl::StrCat(
      "Compétences en première intention : ",
      FormatPourcent(Part(premiere, recevables)),
      ". Compétences dévolues au médiateur après une première réclamation "
      "insatisfaite (saisines particulières et exceptions comprises) : ",
      FormatPourcent(Part(hors_premiere, recevables)), "."));
  s.commentaires.push_back(absl::StrCat(
      "Parmi ces saisines, ",
      FormatPourcent(Part(particulieres, hors_premiere)),
      " sont des saisines particulières (direction nationale de la médiation, "
      "Défenseur des droits, direction de l'organisme)."));
  return s;
}

Section Processus(const DonneesRapport& d) {
  Section s =
      Repartition("processus", "Répartition des saisines par processus",
                  "par_processus.csv", "Processus", d.periode.par_processus());
  Tableau sous{"par_sous_processus.csv",
               "Répartition par processus et sous-processus",
               {"Processus", "Sous-processus", "Nombre", "Part (%)"},
               {}};
  std::vector<const v1::Compte*> lignes;
  for (const v1::Compte& c : d.periode.par_sous_processus()) {
    lignes.push_back(&c);
  }
  std::stable_sort(lignes.begin(), lignes.end(),
                   [](const v1::Compte* a, const v1::Compte* b) {
                     return a->groupe() < b->groupe();
                   });
  for (const v1::Compte* c : lignes) {
    sous.lignes.push_back({Texte(Libelle(c->groupe())), Texte(c->cle()),
                           Nombre(c->nombre()), Pourcent(c->part())});
  }
  s.tableaux.push_back(std::move(sous));
  return s;
}

Section Communes(const DonneesRapport& d) {
  Section s{"communes", "Répartition des saisines par commune", {}, {}, {}};
  std::vector<const v1::Compte*> lignes;
  for (const v1::Compte& c : d.periode.par_commune()) lignes.push_back(&c);
  std::stable_sort(lignes.begin(), lignes.end(),
                   [](const v1::Compte* a, const v1::Compte* b) {
                     return a->nombre() > b->nombre();
                   });
  Tableau t{"par_commune.csv",
            "Saisines par commune",
            {"Commune", "Nombre", "Part (%)"},
            {}};
  for (const v1::Compte* c : lignes) {
    t.lignes.push_back(
        {Texte(c->cle()), Nombre(c->nombre()), Pourcent(c->part())});
  }
  s.tableaux.push_back(std::move(t));
  return s;
}

Section Reiterations(const DonneesRapport& d) {
  Section s{"reiterations", "Réitérations", {}, {}, {}};
  std::vector<Point> points;
  Tableau t{"reiterations_par_trimestre.csv",
            "Réitérations par trimestre",
            {"Trimestre", "Réitérations"},
            {}};
  for (const v1::Compte& c : d.periode.reiterations_par_trimestre()) {
    points.push_back({LibelleTrimestre(c.cle()), double(c.nombre())});
    t.lignes.push_back({Texte(LibelleTrimestre(c.cle())), Nombre(c.nombre())});
  }
  s.commentaires.push_back(absl::StrCat(
      FormatNombre(d.periode.reiterations()),
      " saisines de la période font suite à une saisine antérieure du même "
      "requérant."));
  s.graphes.push_back(Barres("Réitérations par trimestre", points));
  s.tableaux.push_back(std::move(t));
  return s;
}

Tableau ChiffresCles(const DonneesRapport& d) {
  const v1::Statistiques& p = d.periode;
  Tableau t{"chiffres_cles.csv", "Chiffres clés", {"Indicateur", "Valeur"}, {}};
  t.lignes = {
      {Texte("Saisines reçues"), Nombre(p.saisines())},
      {Texte("Saisines terminées"), Nombre(p.terminees())},
      {Texte("Délai de traitement moyen (jours)"),
       Jours(p.duree_moyenne_jours())},
      {Texte("Délai de traitement médian (jours)"),
       Nombre(p.duree_mediane_jours())},
      {Texte("Terminées dans les 21 jours (%)"),
       Pourcent(p.part_terminees_21_jours())},
      {Texte("Acquittées sous 7 jours (%)"),
       Pourcent(p.part_acquittees_7_jours())},
      {Texte("Réitérations"), Nombre(p.reiterations())},
  };
  return t;
}

// The months and years are those of the period, in order.
absl::Status Verifier(const DonneesRapport& d, absl::CivilMonth depuis,
                      absl::CivilMonth jusqu_au) {
  if (jusqu_au < depuis) {
    return absl::InvalidArgumentError("statistiques: jusqu_au before depuis");
  }
  size_t i = 0;
  for (absl::CivilMonth m = depuis; m <= jusqu_au; ++m, ++i) {
    const std::string attendu = absl::FormatCivilTime(m);
    if (i >= d.mois.size() || d.mois[i].depuis() != attendu ||
        d.mois[i].jusqu_au() != attendu) {
      return absl::InvalidArgumentError(
          absl::StrCat("mois: expected the statistics of ", attendu));
    }
  }
  if (i != d.mois.size()) {
    return absl::InvalidArgumentError("mois: more months than the period");
  }
  for (size_t a = 0; a < d.annees.size(); ++a) {
    const int annee = static_cast<int>(jusqu_au.year()) -
                      static_cast<int>(d.annees.size() - 1 - a);
    if (d.annees[a].depuis() != absl::StrCat(annee, "-01") ||
        d.annees[a].jusqu_au() != absl::StrCat(annee, "-12") ||
        d.annees[a].par_mois_size() != 12) {
      return absl::InvalidArgumentError(absl::StrCat(
          "annees: expected the statistics of the whole year ", annee));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<int> AnneesComparees(absl::CivilMonth jusqu_au, int nombre) {
  std::vector<int> annees;
  for (int i = nombre - 1; i >= 0; --i) {
    annees.push_back(static_cast<int>(jusqu_au.year()) - i);
  }
  return annees;
}

absl::StatusOr<Rapport> GenererRapport(const DonneesRapport& d,
                                       absl::string_view modele) {
  absl::StatusOr<absl::CivilMonth> depuis = Mois(d.periode.depuis());
  if (!depuis.ok()) return depuis.status();
  absl::StatusOr<absl::CivilMonth> jusqu_au = Mois(d.periode.jusqu_au());
  if (!jusqu_au.ok()) return jusqu_au.status();
  if (absl::Status s = Verifier(d, *depuis, *jusqu_au); !s.ok()) return s;
  const bool avec_annee = depuis->year() != jusqu_au->year();
  const v1::Statistiques& p = d.periode;

  Section cles{"chiffres", "Chiffres clés", {}, {}, {ChiffresCles(d)}};
  Section publics = Repartition("public", "Saisines par public",
                                "par_public.csv", "Public", p.par_public());
  publics.tableaux.push_back(PublicParAnnee(d));
  Section issues = Repartition("issues", "Suites données aux saisines",
                               "par_issue.csv", "Suite donnée", p.par_issue());
  issues.commentaires.push_back(absl::StrCat(
      "Parts des ", FormatNombre(p.terminees()),
      " saisines terminées de la période (clôturées, irrecevables, orientées "
      "dès réception ou devenues contentieuses)."));
  std::vector<Section> sections;
  sections.push_back(std::move(cles));
  if (!d.annees.empty()) sections.push_back(Evolution(d));
  sections.push_back(ParMois(d, avec_annee));
  sections.push_back(std::move(publics));
  sections.push_back(Repartition("origine", "Auteurs des saisines",
                                 "par_origine.csv", "Origine",
                                 p.par_origine()));
  sections.push_back(Repartition("canal", "Saisines par canal de contact",
                                 "par_canal.csv", "Canal", p.par_canal()));
  sections.push_back(Competence(d));
  sections.push_back(Processus(d));
  sections.push_back(Communes(d));
  sections.push_back(std::move(issues));
  sections.push_back(Reiterations(d));

  Rapport rapport;
  mus::data data;
  data.set("titre", d.titre);
  data.set("perimetre", p.perimetre());
  data.set("periode", LibellePeriode(*depuis, *jusqu_au));
  data.set("genere_le", FormatDateLongue(d.genere_le));
  data.set("saisines", FormatNombre(p.saisines()));
  mus::data liste{mus::data::type::list};
  mus::data fichiers{mus::data::type::list};
  for (const Section& s : sections) {
    liste.push_back(SectionData(s));
    for (const Tableau& t : s.tableaux) {
      rapport.csv.emplace_back(t.fichier, Csv(t));
      fichiers.push_back(mus::data(t.fichier));
    }
  }
  data.set("sections", liste);
  data.set("fichiers_csv", fichiers);
  mus::mustache tmpl{std::string(modele)};
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat("modele: ", tmpl.error_message()));
  }
  rapport.html = tmpl.render(data);
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat("modele: ", tmpl.error_message()));
  }
  return rapport;
}

absl::string_view ModeleRapportParDefaut() { return kModeleRapport; }

absl::Status Rassembler(absl::CivilMonth depuis, absl::CivilMonth jusqu_au,
                        int annees_comparees, const SourceStatistiques& source,
                        DonneesRapport* donnees) {
  absl::StatusOr<v1::Statistiques> s = source(depuis, jusqu_au);
  if (!s.ok()) return s.status();
  donnees->periode = *std::move(s);
  donnees->mois.clear();
  for (absl::CivilMonth m = depuis; m <= jusqu_au; ++m) {
    s = source(m, m);
    if (!s.ok()) return s.status();
    donnees->mois.push_back(*std::move(s));
  }
  donnees->annees.clear();
  for (int annee : AnneesComparees(jusqu_au, annees_comparees)) {
    s = source(absl::CivilMonth(annee, 1), absl::CivilMonth(annee, 12));
    if (!s.ok()) return s.status();
    donnees->annees.push_back(*std::move(s));
  }
  return absl::OkStatus();
}

std::string Csv(const Tableau& tableau) {
  std::vector<std::string> champs;
  for (const std::string& e : tableau.entetes) champs.push_back(ChampCsv(e));
  std::string out = absl::StrCat(absl::StrJoin(champs, ";"), "\n");
  for (const auto& ligne : tableau.lignes) {
    champs.clear();
    for (const Cellule& c : ligne) champs.push_back(ChampCsv(c.csv));
    absl::StrAppend(&out, absl::StrJoin(champs, ";"), "\n");
  }
  return out;
}

}  // namespace mediation::report
