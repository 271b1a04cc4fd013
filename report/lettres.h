// The letters the charter implies, generated from a saisine and its
// deadlines: the acknowledgement of admissibility (accusé de réception de
// recevabilité), the letter of irrecevabilité with its orientation, and the
// closing letter with the outcome and, when the appeal deadline was
// suspended, the date until which the requester may still appeal. Pure:
// the caller fetches the saisine (GetSaisine) and its deadlines
// (GetEcheances). Self-contained HTML in French, from mustache templates a
// caisse may replace (ModeleLettreParDefaut documents the names); every
// template may use the partials "entete" (the letterhead, the addressee,
// the references) and "pied" (the closing and signature).
#ifndef MEDIATION_REPORT_LETTRES_H_
#define MEDIATION_REPORT_LETTRES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "mediation/v1/accueil.pb.h"
#include "mediation/v1/mediation.pb.h"

namespace mediation::report {

enum class TypeLettre { kRecevabilite, kIrrecevabilite, kCloture };

// "recevabilite", "irrecevabilite", "cloture"; false for another name.
bool ParseTypeLettre(absl::string_view nom, TypeLettre* type);
std::string NomTypeLettre(TypeLettre type);

struct DonneesLettre {
  v1::Saisine saisine;
  v1::EtatDelais delais;
  std::string caisse;   // as the letterhead names it ("CPAM Nord")
  absl::CivilDay date;  // the letter's date
};

// The letter. FAILED_PRECONDITION when the saisine has not reached what the
// letter tells (no recevabilité, irrecevabilité or closure on record);
// INVALID_ARGUMENT when the template does not parse.
absl::StatusOr<std::string> GenererLettre(TypeLettre type,
                                          const DonneesLettre& donnees,
                                          absl::string_view modele);

absl::string_view ModeleLettreParDefaut(TypeLettre type);

}  // namespace mediation::report

#endif  // MEDIATION_REPORT_LETTRES_H_
