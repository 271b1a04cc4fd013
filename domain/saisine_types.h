// Value types of a saisine (DOMAIN.md). Plain data; the numeric values of the
// enums equal those of proto/mediation/v1/saisine.proto so that the codec maps
// them one to one.
#ifndef MEDIATION_DOMAIN_SAISINE_TYPES_H_
#define MEDIATION_DOMAIN_SAISINE_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"

namespace mediation {

enum class TypeRequerant {
  kAssure = 1,
  kProfessionnelSante = 2,
  kEmployeur = 3,
  kPartenaire = 4,
};
inline constexpr int kTypeRequerantMax = 4;

enum class Canal {
  kCourrier = 1,
  kMail = 2,
  kAccueilPhysique = 3,
  kTelephone = 4,
  kCompteAmeli = 5,
  kTransmissionInterne = 6,
};
inline constexpr int kCanalMax = 6;

enum class Origine {
  kRequerantDirect = 1,
  kServiceCaisse = 2,
  kDirectionCaisse = 3,
  kDirectionNationale = 4,
  kDefenseurDesDroits = 5,
  kMediateurInstitutionnel = 6,
  kPartenaire = 7,
};
inline constexpr int kOrigineMax = 7;

enum class Processus {
  kPrestationsEnEspeces = 1,
  kPrestationsEnNature = 2,
  kGestionDesBeneficiaires = 3,
  kRisquesProfessionnels = 4,
  kInternational = 5,
  kPlaintes = 6,
  kActionSanitaireEtSociale = 7,
  kContentieux = 8,
  kInvalidite = 9,
  kAutre = 10,
};
inline constexpr int kProcessusMax = 10;

enum class Recours {
  kCra = 1,
  kTribunal = 2,
  kCmra = 3,
  kExpertiseMedicale = 4,
};
inline constexpr int kRecoursMax = 4;

enum class Statut {
  kRecue = 1,
};
inline constexpr int kStatutMax = 1;

// True when `value` is one of the defined values of an enum whose values run
// from 1 to `max` (0 is "unspecified" on the wire).
constexpr bool IsDefinedEnumValue(int value, int max) {
  return value >= 1 && value <= max;
}

struct Requerant {
  TypeRequerant type = TypeRequerant::kAssure;
  std::string nom;
  std::string prenom;
  std::string nir;  // Personal data: never logged.
  std::string identifiant_professionnel;
  std::string commune;
  std::string email;
  std::string telephone;
  std::string adresse;

  friend bool operator==(const Requerant&, const Requerant&) = default;
};

struct Objet {
  Processus processus = Processus::kAutre;
  std::string sous_processus;
  std::string description;

  friend bool operator==(const Objet&, const Objet&) = default;
};

struct ReclamationPrealable {
  absl::CivilDay date;
  bool repondue = false;
  std::optional<absl::CivilDay> date_reponse;

  friend bool operator==(const ReclamationPrealable&,
                         const ReclamationPrealable&) = default;
};

struct DecisionContestee {
  absl::CivilDay date_notification;
  std::optional<Recours> recours_mentionne;
  bool voies_et_delais_mentionnes = false;
  std::string description;

  friend bool operator==(const DecisionContestee&,
                         const DecisionContestee&) = default;
};

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_SAISINE_TYPES_H_
