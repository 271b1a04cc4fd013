// The commands of mediationctl, by group: online (a running server,
// online.cc), offline (a stopped store, offline.cc), credentials
// (credentials.cc). Each returns the process exit status (common.h).
#ifndef MEDIATION_CMD_MEDIATIONCTL_COMMANDS_H_
#define MEDIATION_CMD_MEDIATIONCTL_COMMANDS_H_

#include <string>

namespace mediation::ctl {

int Deposer(const std::string& path);
int Get(const std::string& id);
int List();
int Historique(const std::string& id);
int Health();
int Acte(const std::string& name, const std::string& path);
int Echeances(const std::string& id);
int File();
// The caisse's saisines whose orientation awaits a confirmation of take-up.
int Orientations();
int Rejouer(const std::string& id);
int Integrite(const std::string& id);
int Journal();
int SuiviCra();
int Statistiques();
// The activity report: HTML, CSVs and PDF (rapport.cc).
int Rapport();
// The CSV export of a caisse's saisines received in a period.
int Exporter();
// A letter to the requester: recevabilite, irrecevabilite or cloture.
int Lettre(const std::string& type, const std::string& id);
int Sauvegarder(const std::string& nom);
int Ancrer();
int Requerant(const std::string& nir);
int Consultations(const std::string& id);
int Verifier(const std::string& directory);
int Restaurer(const std::string& source, const std::string& destination);
int Jeton();
int Jwks();

}  // namespace mediation::ctl

#endif  // MEDIATION_CMD_MEDIATIONCTL_COMMANDS_H_
