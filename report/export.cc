#include "report/export.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "report/libelles.h"

namespace mediation::report {
namespace {

Cellule Texte(std::string texte) { return {texte, std::move(texte)}; }

template <typename E>
Cellule Enum(const google::protobuf::EnumDescriptor* type, E value) {
  const auto* v = type->FindValueByNumber(static_cast<int>(value));
  if (v == nullptr || v->number() == 0) return Texte("");
  return Texte(Libelle(v->name()));
}

// Calendar days from receipt to the end; empty while open.
Cellule Duree(const v1::Saisine& s) {
  absl::CivilDay debut, fin;
  if (s.terminee_le().empty() ||
      !absl::ParseCivilTime(s.date_reception(), &debut) ||
      !absl::ParseCivilTime(s.terminee_le(), &fin)) {
    return Texte("");
  }
  return Texte(absl::StrCat(fin - debut));
}

}  // namespace

Tableau ExportSaisines(const std::vector<v1::Saisine>& saisines) {
  Tableau t{"saisines.csv",
            "Saisines",
            {"Identifiant", "Caisse", "Statut", "Date de réception", "Canal",
             "Origine", "Public", "Processus", "Sous-processus", "Commune",
             "Fondement", "Date de recevabilité", "Suite donnée", "Date de fin",
             "Durée (jours)", "Recommandations", "Nom", "Prénom", "NIR"},
            {}};
  for (const v1::Saisine& s : saisines) {
    const bool cloturee = s.has_cloture();
    t.lignes.push_back({
        Texte(s.saisine_id()),
        Texte(s.caisse()),
        Enum(v1::Statut_descriptor(), s.statut()),
        Texte(s.date_reception()),
        Enum(v1::Canal_descriptor(), s.canal()),
        Enum(v1::Origine_descriptor(), s.origine()),
        Enum(v1::TypeRequerant_descriptor(), s.requerant().type()),
        Enum(v1::Processus_descriptor(), s.objet().processus()),
        Texte(s.objet().sous_processus()),
        Texte(s.requerant().commune()),
        s.has_recevabilite() ? Enum(v1::FondementRecevabilite_descriptor(),
                                    s.recevabilite().fondement())
                             : Texte(""),
        Texte(s.has_recevabilite() ? s.recevabilite().date_notification() : ""),
        cloturee ? Enum(v1::IssueCloture_descriptor(), s.cloture().issue())
                 : Texte(""),
        Texte(s.terminee_le()),
        Duree(s),
        Texte(absl::StrCat(s.recommandations_size())),
        Texte(s.requerant().nom()),
        Texte(s.requerant().prenom()),
        Texte(s.requerant().nir()),
    });
  }
  return t;
}

}  // namespace mediation::report
