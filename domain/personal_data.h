// Personal data of a saisine (décret 2019-341): the NIR and the requester's
// contact details. Roles that do not need them see them masked.
#ifndef MEDIATION_DOMAIN_PERSONAL_DATA_H_
#define MEDIATION_DOMAIN_PERSONAL_DATA_H_

#include "domain/saisine.h"

namespace mediation {

// What replaces a masked value.
inline constexpr char kMasque[] = "***";

// Replaces the NIR and the contact details (e-mail, telephone, address) that
// are set by kMasque. The name, commune and the case itself stay: the
// national direction counts saisines by commune, auditors follow cases.
void MasquerRequerant(Requerant& requerant);

// The same, on every requester an event carries.
void MasquerEvenement(SaisineEvent& event);

// True when `event` carries a requester with a NIR or contact details set
// (what MasquerEvenement would mask): sending it to a role that sees
// personal data is a consultation to journal.
bool PorteDonneesPersonnelles(const SaisineEvent& event);

}  // namespace mediation

#endif  // MEDIATION_DOMAIN_PERSONAL_DATA_H_
