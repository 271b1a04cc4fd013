#include "report/svg.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "report/format.h"

namespace mediation::report {
namespace {

constexpr const char* kCouleurs[] = {
    "#0c419a", "#e4007d", "#1d9bd7", "#f29400", "#58a136", "#7b2a8a",
    "#c21f3a", "#00857c", "#8c6d1f", "#5c6f82", "#d66f9e", "#9fc93c"};
constexpr int kNombreCouleurs = sizeof(kCouleurs) / sizeof(kCouleurs[0]);

const char* Couleur(size_t i) { return kCouleurs[i % kNombreCouleurs]; }

std::string Ouvrir(const std::string& titre, int largeur, int hauteur) {
  const std::string t = EchapperHtml(titre);
  return absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graphe\" "
      "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
      "aria-label=\"%s\"><title>%s</title>",
      largeur, hauteur, largeur, hauteur, t, t);
}

std::string Texte(double x, double y, const std::string& texte,
                  const char* ancre, int taille, const char* extra = "") {
  return absl::StrFormat(
      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s>"
      "%s</text>",
      x, y, ancre, taille, extra, EchapperHtml(texte));
}

// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
double Echelle(double max) {
  if (max <= 0) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(max)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= max) return m * p;
  }
  return 10 * p;
}

constexpr int kLargeur = 680;
constexpr int kHauteur = 260;
constexpr int kGauche = 48;
constexpr int kHaut = 20;
constexpr int kBas = 56;

// The vertical axis' grid, from 0 to `echelle`.
std::string Grille(double echelle, int largeur_utile, int hauteur_utile) {
  std::string out;
  for (int i = 0; i <= 4; ++i) {
    const double v = echelle * i / 4;
    const double y = kHaut + hauteur_utile - hauteur_utile * i / 4.0;
    absl::StrAppendFormat(&out,
                          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                          "stroke=\"#d0d5dc\" stroke-width=\"1\"/>",
                          kGauche, y, kGauche + largeur_utile, y);
    out += Texte(kGauche - 6, y + 4,
                 FormatDecimal(v, v == std::floor(v) ? 0 : 1), "end", 10);
  }
  return out;
}

std::string Etiquette(double x, const std::string& libelle, size_t n) {
  const double y = kHaut + (kHauteur - kHaut - kBas) + 14;
  if (n <= 12) return Texte(x, y, libelle, "middle", 10);
  return Texte(
      x, y, libelle, "end", 9,
      absl::StrFormat(" transform=\"rotate(-40 %.1f %.1f)\"", x, y).c_str());
}

}  // namespace

std::string Barres(const std::string& titre, const std::vector<Point>& points,
                   int decimales) {
  const int largeur_utile = kLargeur - kGauche - 10;
  const int hauteur_utile = kHauteur - kHaut - kBas;
  double max = 0;
  for (const Point& p : points) max = std::max(max, p.valeur);
  const double echelle = Echelle(max);
  std::string out = Ouvrir(titre, kLargeur, kHauteur);
  out += Grille(echelle, largeur_utile, hauteur_utile);
  const double pas = points.empty() ? 0 : double(largeur_utile) / points.size();
  for (size_t i = 0; i < points.size(); ++i) {
    const double h = hauteur_utile * points[i].valeur / echelle;
    const double x = kGauche + pas * i + pas * 0.15;
    const double y = kHaut + hauteur_utile - h;
    absl::StrAppendFormat(&out,
                          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                          "height=\"%.1f\" fill=\"%s\"/>",
                          x, y, pas * 0.7, h, Couleur(0));
    out += Texte(x + pas * 0.35, y - 4,
                 FormatDecimal(points[i].valeur, decimales), "middle", 10);
    out += Etiquette(x + pas * 0.35, points[i].libelle, points.size());
  }
  return out + "</svg>";
}

std::string Courbes(const std::string& titre,
                    const std::vector<std::string>& libelles,
                    const std::vector<Serie>& series,
                    std::optional<double> objectif,
                    const std::string& libelle_objectif, int decimales) {
  const int largeur_utile = kLargeur - kGauche - 150;
  const int hauteur_utile = kHauteur - kHaut - kBas;
  double max = objectif.value_or(0);
  for (const Serie& s : series) {
    for (double v : s.valeurs) max = std::max(max, v);
  }
  const double echelle = Echelle(max);
  std::string out = Ouvrir(titre, kLargeur, kHauteur);
  out += Grille(echelle, largeur_utile, hauteur_utile);
  const double pas =
      libelles.empty() ? 0 : double(largeur_utile) / libelles.size();
  auto x_of = [&](size_t i) { return kGauche + pas * (i + 0.5); };
  auto y_of = [&](double v) {
    return kHaut + hauteur_utile - hauteur_utile * v / echelle;
  };
  for (size_t i = 0; i < libelles.size(); ++i) {
    out += Etiquette(x_of(i), libelles[i], libelles.size());
  }
  const double legende_x = kGauche + largeur_utile + 16;
  for (size_t s = 0; s < series.size(); ++s) {
    std::string points;
    for (size_t i = 0; i < series[s].valeurs.size() && i < libelles.size();
         ++i) {
      const double v = series[s].valeurs[i];
      absl::StrAppendFormat(&points, "%s%.1f,%.1f", points.empty() ? "" : " ",
                            x_of(i), y_of(v));
      absl::StrAppendFormat(
          &out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
          x_of(i), y_of(v), Couleur(s));
      if (series.size() == 1) {
        out += Texte(x_of(i), y_of(v) - 7, FormatDecimal(v, decimales),
                     "middle", 10);
      }
    }
    absl::StrAppendFormat(&out,
                          "<polyline points=\"%s\" fill=\"none\" "
                          "stroke=\"%s\" stroke-width=\"2\"/>",
                          points, Couleur(s));
    const double y = kHaut + 10 + 18 * s;
    absl::StrAppendFormat(&out,
                          "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
                          "height=\"4\" fill=\"%s\"/>",
                          legende_x, y - 4, Couleur(s));
    out += Texte(legende_x + 18, y + 2, series[s].nom, "start", 11);
  }
  if (objectif) {
    const double y = y_of(*objectif);
    absl::StrAppendFormat(&out,
                          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                          "stroke=\"#c21f3a\" stroke-width=\"1.5\" "
                          "stroke-dasharray=\"6 4\"/>",
                          kGauche, y, kGauche + largeur_utile, y);
    const double ly = kHaut + 10 + 18 * series.size();
    absl::StrAppendFormat(&out,
                          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                          "y2=\"%.1f\" stroke=\"#c21f3a\" stroke-width=\"1.5\" "
                          "stroke-dasharray=\"6 4\"/>",
                          legende_x, ly - 2, legende_x + 12, ly - 2);
    out += Texte(legende_x + 18, ly + 2, libelle_objectif, "start", 11);
  }
  return out + "</svg>";
}

std::string Camembert(const std::string& titre,
                      const std::vector<Point>& points) {
  double total = 0;
  std::vector<Point> visibles;
  for (const Point& p : points) {
    if (p.valeur > 0) {
      total += p.valeur;
      visibles.push_back(p);
    }
  }
  const int hauteur = std::max(220, 28 + 18 * int(visibles.size()));
  std::string out = Ouvrir(titre, kLargeur, hauteur);
  const double cx = 110, cy = 110, r = 95;
  if (total <= 0) {
    absl::StrAppendFormat(&out,
                          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
                          "fill=\"#eef1f5\"/>",
                          cx, cy, r);
    out += Texte(cx, cy + 4, "Aucune saisine", "middle", 12);
    return out + "</svg>";
  }
  double angle = -std::numbers::pi / 2;
  for (size_t i = 0; i < visibles.size(); ++i) {
    const double part = visibles[i].valeur / total;
    if (part >= 0.999999) {
      absl::StrAppendFormat(
          &out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>", cx,
          cy, r, Couleur(i));
    } else {
      const double fin = angle + 2 * std::numbers::pi * part;
      absl::StrAppendFormat(
          &out,
          "<path d=\"M%.2f,%.2f L%.2f,%.2f A%.1f,%.1f 0 %d 1 %.2f,%.2f Z\" "
          "fill=\"%s\" stroke=\"#fff\" stroke-width=\"1\"/>",
          cx, cy, cx + r * std::cos(angle), cy + r * std::sin(angle), r, r,
          part > 0.5 ? 1 : 0, cx + r * std::cos(fin), cy + r * std::sin(fin),
          Couleur(i));
      angle = fin;
    }
    const double y = 24 + 18 * i;
    absl::StrAppendFormat(&out,
                          "<rect x=\"240\" y=\"%.1f\" width=\"12\" "
                          "height=\"12\" fill=\"%s\"/>",
                          y - 10, Couleur(i));
    out += Texte(258, y,
                 absl::StrCat(visibles[i].libelle, " : ", FormatPourcent(part)),
                 "start", 11);
  }
  return out + "</svg>";
}

}  // namespace mediation::report
