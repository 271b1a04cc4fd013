// Mapping of a saisine's deadlines (domain/echeances.h) to the API's
// EtatDelais, evaluated for a given day.
#ifndef MEDIATION_SERVICES_DELAIS_MAPPING_H_
#define MEDIATION_SERVICES_DELAIS_MAPPING_H_

#include <vector>

#include "absl/time/civil_time.h"
#include "domain/caisse.h"
#include "mediation/v1/mediation.pb.h"
#include "storage/saisine_projection.h"

namespace mediation {

// `autres_suspensions`: those the contested decision got from other
// saisines (SuspensionsDeLaDecision); the appeal deadline carries them.
void EtatDelaisToApi(
    const SaisineRecord& record, Calendrier calendrier, absl::CivilDay today,
    v1::EtatDelais* delais,
    const std::vector<PeriodeSuspension>& autres_suspensions = {});

}  // namespace mediation

#endif  // MEDIATION_SERVICES_DELAIS_MAPPING_H_
