// What the gRPC services need from the rest of the program. Not owned: all
// must outlive the services.
#ifndef MEDIATION_SERVICES_DEPENDENCIES_H_
#define MEDIATION_SERVICES_DEPENDENCIES_H_

#include "absl/time/civil_time.h"
#include "base/clock.h"
#include "base/ids.h"
#include "base/stream_limiter.h"
#include "domain/caisse.h"
#include "security/authenticator.h"
#include "services/page_token.h"
#include "storage/backup.h"
#include "storage/consultation_journal.h"
#include "storage/event_store.h"
#include "storage/integrity.h"
#include "storage/nir_index_key.h"
#include "storage/projection.h"
#include "storage/rocksdb_store.h"

namespace mediation {

class VeilleurJournal;  // services/journal_follower.h

struct Dependencies {
  EventStore* store = nullptr;
  const IntegrityVerifier* integrity = nullptr;
  const StoreBackup* backup = nullptr;
  const ProjectionReader* projections = nullptr;
  const CaisseReferentiel* caisses = nullptr;
  const Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
  const Authenticator* authenticator = nullptr;
  ConsultationJournal* journal = nullptr;
  // Where backups are written; empty: backups refused.
  std::string repertoire_sauvegardes;
  // Seals the listings' page tokens.
  const PageTokens* page_tokens = nullptr;
  // Keys the requester index (the projection's key).
  const NirIndexKey* nir_index_key = nullptr;
  // Bounds the open streams, per principal and in total.
  StreamLimiter* streams = nullptr;
  // Wakes the streams waiting for new events (set by MediationServer).
  VeilleurJournal* veilleur = nullptr;
};

// Sets the parts of `deps` that `store` provides (log, integrity, backup,
// projections, journal). `store` must outlive `deps`' use.
void BrancherStore(RocksDbStore& store, Dependencies& deps);

// The date at the caisse with that code (its own time zone; metropolitan
// France for an unknown code) at `time`, or now.
absl::CivilDay DayAt(const Dependencies& deps, absl::string_view caisse,
                     absl::Time time);
absl::CivilDay TodayAt(const Dependencies& deps, absl::string_view caisse);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_DEPENDENCIES_H_
