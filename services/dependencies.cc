#include "services/dependencies.h"

#include "absl/time/time.h"

namespace mediation {

absl::CivilDay TodayAt(const Dependencies& deps, absl::string_view caisse) {
  const Caisse* found = deps.caisses->Find(caisse);
  absl::TimeZone zone;
  // An unknown zone name leaves UTC; the referential's zones are checked at
  // start-up (see mediationd).
  absl::LoadTimeZone(found != nullptr ? found->fuseau_horaire : "Europe/Paris",
                     &zone);
  return absl::ToCivilDay(deps.clock->Now(), zone);
}

}  // namespace mediation
