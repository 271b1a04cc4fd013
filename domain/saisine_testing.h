// Test helpers: a valid registration to start tests from (tests only).
#ifndef MEDIATION_DOMAIN_SAISINE_TESTING_H_
#define MEDIATION_DOMAIN_SAISINE_TESTING_H_

#include <string>

#include "domain/saisine.h"

namespace mediation::testing {

// A valid SaisineRecue for caisse `caisse`, received on `date_reception`:
// an assuré whose IJ have not been paid, after an unanswered réclamation.
inline SaisineRecue ExempleSaisineRecue(
    std::string caisse = "591",
    absl::CivilDay date_reception = absl::CivilDay(2025, 3, 10)) {
  SaisineRecue recue;
  recue.caisse = std::move(caisse);
  recue.requerant.type = TypeRequerant::kAssure;
  recue.requerant.nom = "Dupont";
  recue.requerant.prenom = "Marie";
  recue.requerant.nir = "269054958815780";
  recue.requerant.commune = "Valenciennes";
  recue.canal = Canal::kMail;
  recue.origine = Origine::kRequerantDirect;
  recue.date_reception = date_reception;
  recue.objet.processus = Processus::kPrestationsEnEspeces;
  recue.objet.sous_processus = "Maladie";
  recue.objet.description = "Indemnités journalières non versées depuis 2 mois";
  recue.reclamation_prealable =
      ReclamationPrealable{date_reception - 30, false, std::nullopt};
  return recue;
}

}  // namespace mediation::testing

#endif  // MEDIATION_DOMAIN_SAISINE_TESTING_H_
