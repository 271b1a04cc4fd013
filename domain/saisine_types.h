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
  kCra = 8,  // Transmitted by the Commission de recours amiable.
};
inline constexpr int kOrigineMax = 8;

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

// What the commission seized of the preliminary appeal (CRA, or CMRA for a
// medical decision) decided.
enum class SensDecisionCra {
  kRejet = 1,
  kAcceptationPartielle = 2,
  kAcceptation = 3,
};
inline constexpr int kSensDecisionCraMax = 3;

// Where a saisine stands. The last four are ends: nothing but reading is
// allowed after them.
enum class Statut {
  kRecue = 1,                    // Registered, admissibility not decided.
  kEnInstruction = 2,            // Recevable: the mediator instructs it.
  kRecommandationEmise = 3,      // The mediator has issued an avis.
  kConclusionsCommuniquees = 4,  // Communicated to both parties.
  kCloturee = 5,
  kIrrecevable = 6,
  kOrientee = 7,            // Sent at once to the competent service.
  kRecoursContentieux = 8,  // A judicial recourse ended the mediation.
};
inline constexpr int kStatutMax = 8;

// "recue", "en instruction", …: for messages.
const char* StatutName(Statut statut);
bool EstTerminal(Statut statut);

// Why a saisine is recevable (périmètre socle, LR-DC-1/2019).
enum class FondementRecevabilite {
  kPremiereIntention = 1,
  kApresReclamation = 2,
  kSaisineParticuliere = 3,
  kException = 4,
};
inline constexpr int kFondementMax = 4;

// The first-intention list (no prior réclamation needed).
enum class MotifPremiereIntention {
  kRefusDeSoinsC2sAme = 1,
  kMedecinTraitantOuSpecialiste = 2,
  kAbsenceRevenuSubstitution = 3,  // IJ, invalidity, AT/MP rente, >= 2 months.
  kIjEnfantSansVie = 4,
  kCongeAdoptionPolynesie = 5,
  kRefusCnse = 6,
  kTransportSansEntentePrealable = 7,
  kDispensePhotoCarteVitale = 8,
  kRetroactiviteC2sHospitalisation = 9,
};
inline constexpr int kMotifPremiereIntentionMax = 9;

// Exceptions that allow taking a case without prior step.
enum class ExceptionRecevabilite {
  kUrgence = 1,
  kPrecarite = 2,
  kRisqueMediatique = 3,
  kSituationSensible = 4,
  kAbsenceVoieDeRecours = 5,
  kPluraliteIntervenants = 6,
};
inline constexpr int kExceptionMax = 6;

enum class MotifIrrecevabilite {
  kSansReclamationPrealable = 1,
  kRecoursContentieuxEngage = 2,
  kHorsCompetence = 3,
  kAutre = 4,
};
inline constexpr int kMotifIrrecevabiliteMax = 4;

// Where a saisine is oriented.
enum class Destination {
  kReclamations = 1,
  kCra = 2,
  kServiceSocial = 3,
  kMas = 4,
  kAss = 5,
  kAutreServiceCpam = 6,
  kAutreRegime = 7,
  kPfidass = 8,
  kOrganisationTerritoriale = 9,
};
inline constexpr int kDestinationMax = 9;

enum class Interlocuteur {
  kRequerant = 1,
  kServiceCaisse = 2,
  kPartenaire = 3,
  kDirection = 4,
};
inline constexpr int kInterlocuteurMax = 4;

enum class TypeRecommandation {
  kExplicationDecision = 1,
  kDemandeRevision = 2,
  kSolutionAccompagnement = 3,
  kPropositionEquite = 4,  // The director decides.
  kRapportCra = 5,
};
inline constexpr int kTypeRecommandationMax = 5;

enum class MotifReprise {
  kConclusions = 1,   // Recommendations communicated to both parties.
  kFinMediation = 2,  // Closed, or ended by a judicial recourse.
};
inline constexpr int kMotifRepriseMax = 2;

// Outcomes of a closed saisine (the report's "suites données").
enum class IssueCloture {
  kDecisionRevisee = 1,
  kDecisionMaintenue = 2,
  kAbandon = 3,
  kExplicationsDonnees = 4,
  kPaiementRecu = 5,
  kAccordAmiable = 6,
  kOrientationCra = 7,
  kOrientationServiceSocial = 8,
  kOrientationMas = 9,
  kAccordAss = 10,
  kRefusAss = 11,
  kOrientationAutreService = 12,
  kOrientationAutreRegime = 13,
};
inline constexpr int kIssueClotureMax = 13;

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
  // A complaint for refusal of care (R1110-11 CSP): its own deadlines.
  bool refus_de_soins = false;

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
