// Tamper evidence of the log: every event carries the SHA-256 of the
// previous event of its stream and of the whole log, and its own, so that a
// value altered behind the service's back breaks the chain where it was
// altered.
#ifndef MEDIATION_STORAGE_INTEGRITY_H_
#define MEDIATION_STORAGE_INTEGRITY_H_

#include <cstdint>
#include <string>

#include "mediation/v1/events.pb.h"

namespace mediation {

// SHA-256 of the deterministic serialisation of `record` without its `hash`.
std::string HashOf(const v1::EventRecord& record);

}  // namespace mediation

#endif  // MEDIATION_STORAGE_INTEGRITY_H_
