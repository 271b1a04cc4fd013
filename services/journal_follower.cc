#include "services/journal_follower.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "base/status_macros.h"
#include "base/stream_limiter.h"
#include "domain/personal_data.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"
#include "storage/saisine_projection.h"

namespace mediation {
namespace {

constexpr size_t kSubscriptionBatch = 256;
constexpr absl::Duration kSubscriptionPoll = absl::Milliseconds(250);

// The caisse of each saisine a subscription meets, remembered (within a
// bound) so that most events need no read.
class CaisseDesSaisines {
 public:
  explicit CaisseDesSaisines(const ProjectionReader& projections)
      : projections_(projections) {}

  absl::StatusOr<std::string> Of(const RecordedEvent& event) {
    const std::string& id = event.metadata.stream_id;
    if (auto it = known_.find(id); it != known_.end()) return it->second;
    std::string caisse;
    if (const auto* recue = std::get_if<SaisineRecue>(&event.event)) {
      caisse = recue->caisse;
    } else {
      ASSIGN_OR_RETURN(SaisineRecord record, GetSaisine(projections_, id));
      caisse = record.state.recue.caisse;
    }
    if (known_.size() >= kMaxKnown) known_.clear();
    known_.emplace(id, caisse);
    return caisse;
  }

 private:
  static constexpr size_t kMaxKnown = 100000;
  const ProjectionReader& projections_;
  absl::flat_hash_map<std::string, std::string> known_;
};

absl::Status Expire(const Dependencies& deps, const Principal& principal) {
  if (deps.clock->Now() < principal.expire_a) return absl::OkStatus();
  return absl::UnauthenticatedError(
      "the access token expired: the stream ends; reconnect with a new token "
      "from the position of the last event received + 1");
}

// Journals that `principal` receives the personal data `event` carries
// (décret 2019-341), before it is sent; UNAVAILABLE when the journal cannot
// be written, and the event is then not sent.
absl::Status TracerEnvoi(const Dependencies& deps, const Principal& principal,
                         absl::string_view rpc, const RecordedEvent& event) {
  if (!principal.VoitDonneesPersonnelles() ||
      !PorteDonneesPersonnelles(event.event)) {
    return absl::OkStatus();
  }
  std::optional<Consultation> trace =
      ConsultationDe(deps, principal, rpc, {event.metadata.stream_id});
  if (!trace.has_value()) return absl::OkStatus();
  return deps.journal->Record(*std::move(trace)).status();
}

}  // namespace

absl::Status SuivreJournal(const Dependencies& deps,
                           const grpc::ServerContext& context,
                           const Principal& principal, absl::string_view rpc,
                           uint64_t depuis, const FiltreJournal& garder,
                           const EnvoiEvenement& envoyer) {
  ASSIGN_OR_RETURN(StreamLimiter::Slot slot,
                   deps.streams->Acquire(principal.Acteur()));
  uint64_t next = std::max<uint64_t>(1, depuis);
  CaisseDesSaisines caisses(*deps.projections);
  while (!context.IsCancelled()) {
    RETURN_IF_ERROR(Expire(deps, principal));
    ASSIGN_OR_RETURN(std::vector<RecordedEvent> events,
                     deps.store->ReadAll(next, kSubscriptionBatch));
    if (events.empty()) {
      deps.store->WaitForPosition(next, kSubscriptionPoll);
      continue;
    }
    for (RecordedEvent& event : events) {
      next = event.metadata.global_position + 1;
      ASSIGN_OR_RETURN(std::string of, caisses.Of(event));
      // The caller's scope is checked on every record, whatever the filter.
      if (!principal.Couvre(of) || !garder(event, of)) continue;
      RETURN_IF_ERROR(Expire(deps, principal));
      RETURN_IF_ERROR(TracerEnvoi(deps, principal, rpc, event));
      v1::Evenement out;
      EvenementToApi(VuePour(principal, std::move(event)), of, &out);
      if (!envoyer(std::move(out))) return absl::OkStatus();  // Caller left.
    }
  }
  return absl::CancelledError("the subscription was cancelled");
}

}  // namespace mediation
