#include "report/lettres.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "kainjow/mustache.hpp"
#include "report/format.h"
#include "report/libelles.h"
#include "report/modele_lettre_cloture.h"
#include "report/modele_lettre_entete.h"
#include "report/modele_lettre_irrecevabilite.h"
#include "report/modele_lettre_pied.h"
#include "report/modele_lettre_recevabilite.h"

namespace mediation::report {
namespace {

namespace mus = kainjow::mustache;

// "2025-03-12" -> "12 mars 2025"; the text itself when it is not a date.
std::string DateLongue(const std::string& text) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) return text;
  return FormatDateLongue(day);
}

mus::data Commun(const DonneesLettre& d, const std::string& objet_lettre) {
  const v1::Saisine& s = d.saisine;
  mus::data data;
  data.set("caisse", d.caisse);
  data.set("date_lettre", FormatDateLongue(d.date));
  data.set("civilite", "Madame, Monsieur");
  mus::data requerant;
  requerant.set("prenom", s.requerant().prenom());
  requerant.set("nom", s.requerant().nom());
  if (!s.requerant().adresse().empty()) {
    requerant.set("adresse", s.requerant().adresse());
  }
  requerant.set("commune", s.requerant().commune());
  data.set("requerant", requerant);
  data.set("saisine_id", s.saisine_id());
  data.set("date_reception", DateLongue(s.date_reception()));
  data.set("objet", s.objet().description());
  data.set("objet_lettre", objet_lettre);
  // The letterhead and the closing every letter shares.
  data.set("entete",
           mus::partial([] { return std::string(kModeleLettreEntete); }));
  data.set("pied", mus::partial([] { return std::string(kModeleLettrePied); }));
  return data;
}

std::string Nom(const google::protobuf::EnumDescriptor* type, int value) {
  const auto* v = type->FindValueByNumber(value);
  return v == nullptr ? "" : v->name();
}

absl::StatusOr<mus::data> Recevabilite(const DonneesLettre& d) {
  const v1::Saisine& s = d.saisine;
  if (!s.has_recevabilite()) {
    return absl::FailedPreconditionError(
        "the saisine is not recevable: no acknowledgement of admissibility");
  }
  mus::data data = Commun(d,
                          "accusé de réception de votre demande de "
                          "médiation");
  const v1::Recevabilite& r = s.recevabilite();
  data.set("fondement",
           Libelle(Nom(v1::FondementRecevabilite_descriptor(), r.fondement())));
  data.set("date_notification", DateLongue(r.date_notification()));
  const v1::DelaiDeRecours& recours = d.delais.recours();
  // The deadline was suspended from the admissibility on (it may have
  // resumed since: the letter tells what the admissibility did).
  bool suspendu = false;
  for (const v1::PeriodeSuspension& p : recours.suspensions()) {
    if (p.debut() == r.date_notification()) suspendu = true;
  }
  if (suspendu) {
    mus::data suspension;
    suspension.set("decision_notifiee_le", DateLongue(recours.notification()));
    suspension.set("jours_restants",
                   absl::StrCat(recours.jours_restants_geles()));
    data.set("suspension", suspension);
  } else {
    data.set("suspension", false);
  }
  return data;
}

absl::StatusOr<mus::data> Irrecevabilite(const DonneesLettre& d) {
  const v1::Saisine& s = d.saisine;
  if (!s.has_irrecevabilite()) {
    return absl::FailedPreconditionError("the saisine is not irrecevable");
  }
  const v1::Irrecevabilite& i = s.irrecevabilite();
  mus::data data = Commun(d, "votre demande de médiation");
  data.set("motif",
           Libelle(Nom(v1::MotifIrrecevabilite_descriptor(), i.motif())));
  if (i.explication().empty()) {
    data.set("explication", false);
  } else {
    data.set("explication", i.explication());
  }
  data.set("orientation",
           Libelle(Nom(v1::Destination_descriptor(), i.orientation())));
  data.set("date_notification", DateLongue(i.date_notification()));
  return data;
}

absl::StatusOr<mus::data> Cloture(const DonneesLettre& d) {
  const v1::Saisine& s = d.saisine;
  if (!s.has_cloture()) {
    return absl::FailedPreconditionError("the saisine is not closed");
  }
  mus::data data = Commun(d, "fin de la médiation");
  data.set("date_cloture", DateLongue(s.cloture().date()));
  data.set("issue",
           Libelle(Nom(v1::IssueCloture_descriptor(), s.cloture().issue())));
  if (s.cloture().commentaire().empty()) {
    data.set("commentaire", false);
  } else {
    data.set("commentaire", s.cloture().commentaire());
  }
  mus::data recommandations{mus::data::type::list};
  for (const v1::Recommandation& r : s.recommandations()) {
    mus::data item;
    item.set("texte", r.texte());
    item.set("date", DateLongue(r.date()));
    recommandations.push_back(item);
  }
  data.set("recommandations", recommandations);
  const v1::DelaiDeRecours& recours = d.delais.recours();
  if (recours.jours_de_suspension() > 0 && !recours.expiration().empty()) {
    mus::data r;
    r.set("decision_notifiee_le", DateLongue(recours.notification()));
    r.set("jours_de_suspension", absl::StrCat(recours.jours_de_suspension()));
    r.set("instance",
          Libelle(Nom(v1::Recours_descriptor(), recours.recours())));
    r.set("expiration", DateLongue(recours.expiration()));
    data.set("recours", r);
  } else {
    data.set("recours", false);
  }
  return data;
}

}  // namespace

bool ParseTypeLettre(absl::string_view nom, TypeLettre* type) {
  if (nom == "recevabilite") {
    *type = TypeLettre::kRecevabilite;
  } else if (nom == "irrecevabilite") {
    *type = TypeLettre::kIrrecevabilite;
  } else if (nom == "cloture") {
    *type = TypeLettre::kCloture;
  } else {
    return false;
  }
  return true;
}

std::string NomTypeLettre(TypeLettre type) {
  switch (type) {
    case TypeLettre::kRecevabilite:
      return "recevabilite";
    case TypeLettre::kIrrecevabilite:
      return "irrecevabilite";
    case TypeLettre::kCloture:
      return "cloture";
  }
  return "";
}

absl::string_view ModeleLettreParDefaut(TypeLettre type) {
  switch (type) {
    case TypeLettre::kRecevabilite:
      return kModeleLettreRecevabilite;
    case TypeLettre::kIrrecevabilite:
      return kModeleLettreIrrecevabilite;
    case TypeLettre::kCloture:
      return kModeleLettreCloture;
  }
  return "";
}

absl::StatusOr<std::string> GenererLettre(TypeLettre type,
                                          const DonneesLettre& donnees,
                                          absl::string_view modele) {
  absl::StatusOr<mus::data> data =
      type == TypeLettre::kRecevabilite     ? Recevabilite(donnees)
      : type == TypeLettre::kIrrecevabilite ? Irrecevabilite(donnees)
                                            : Cloture(donnees);
  if (!data.ok()) return data.status();
  mus::mustache tmpl{std::string(modele)};
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat("modele: ", tmpl.error_message()));
  }
  std::string html = tmpl.render(*data);
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat("modele: ", tmpl.error_message()));
  }
  return html;
}

}  // namespace mediation::report
