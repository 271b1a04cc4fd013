// The CSV export of saisines: one line per saisine with its state, outcome,
// dates and processing time, for spreadsheets. Pure: the caller lists the
// saisines (AccueilService.ListSaisines masks the requester's personal data
// for roles that may not see it, and journals the read for those that may).
#ifndef MEDIATION_REPORT_EXPORT_H_
#define MEDIATION_REPORT_EXPORT_H_

#include <vector>

#include "mediation/v1/accueil.pb.h"
#include "report/rapport.h"

namespace mediation::report {

// Columns: identifiant, caisse, statut, date de réception, canal, origine,
// public, processus, sous-processus, commune, fondement, date de
// recevabilité, suite donnée, date de fin, durée (jours), recommandations,
// then the requester's nom, prénom and NIR as the API gave them. Labels in
// French, dates YYYY-MM-DD; empty cells for what has not happened.
Tableau ExportSaisines(const std::vector<v1::Saisine>& saisines);

}  // namespace mediation::report

#endif  // MEDIATION_REPORT_EXPORT_H_
