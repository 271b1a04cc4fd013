// The folded state of a saisine in its stored form (v1::SaisineEtat), for the
// saisine projection: EtatFromProto(EtatToProto(s)) == s for every state the
// domain's fold makes.
#ifndef MEDIATION_STORAGE_CODEC_ETAT_H_
#define MEDIATION_STORAGE_CODEC_ETAT_H_

#include "absl/status/statusor.h"
#include "domain/saisine.h"
#include "mediation/v1/events.pb.h"

namespace mediation {

void EtatToProto(const SaisineState& state, v1::SaisineEtat* proto);

// DATA_LOSS when stored bytes do not make a state (a bad date, status or
// event part).
absl::StatusOr<SaisineState> EtatFromProto(const v1::SaisineEtat& proto);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_CODEC_ETAT_H_
