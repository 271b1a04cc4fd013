#include "services/dependencies.h"

#include "absl/time/time.h"

namespace mediation {

void BrancherStore(RocksDbStore& store, Dependencies& deps) {
  deps.store = &store.events();
  deps.integrity = &store.integrity();
  deps.backup = &store.backup();
  deps.projections = &store.projections();
  deps.journal = &store.journal();
}

absl::CivilDay TodayAt(const Dependencies& deps, absl::string_view caisse) {
  return DayAt(deps, caisse, deps.clock->Now());
}

absl::CivilDay DayAt(const Dependencies& deps, absl::string_view caisse,
                     absl::Time time) {
  const Caisse* found = deps.caisses->Find(caisse);
  absl::TimeZone zone;
  // An unknown zone name leaves UTC; the referential's zones are checked at
  // start-up (see mediationd).
  absl::LoadTimeZone(found != nullptr ? found->fuseau_horaire : "Europe/Paris",
                     &zone);
  return absl::ToCivilDay(time, zone);
}

}  // namespace mediation
