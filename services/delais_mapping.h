// Mapping of a saisine's deadlines (domain/echeances.h) to the API's
// EtatDelais, evaluated for a given day.
#ifndef MEDIATION_SERVICES_DELAIS_MAPPING_H_
#define MEDIATION_SERVICES_DELAIS_MAPPING_H_

#include "absl/time/civil_time.h"
#include "domain/caisse.h"
#include "mediation/v1/mediation.pb.h"
#include "storage/saisine_projection.h"

namespace mediation {

void EtatDelaisToApi(const SaisineRecord& record, Calendrier calendrier,
                     absl::CivilDay today, v1::EtatDelais* delais);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_DELAIS_MAPPING_H_
