#include "services/journal_follower.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "base/status_macros.h"
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

}  // namespace

absl::Status SuivreJournal(const Dependencies& deps,
                           const grpc::ServerContext& context,
                           const Principal& principal, uint64_t depuis,
                           const FiltreJournal& garder,
                           const EnvoiEvenement& envoyer) {
  uint64_t next = std::max<uint64_t>(1, depuis);
  CaisseDesSaisines caisses(*deps.projections);
  while (!context.IsCancelled()) {
    ASSIGN_OR_RETURN(std::vector<RecordedEvent> events,
                     deps.store->ReadAll(next, kSubscriptionBatch));
    if (events.empty()) {
      deps.store->WaitForPosition(next, kSubscriptionPoll);
      continue;
    }
    for (RecordedEvent& event : events) {
      next = event.metadata.global_position + 1;
      ASSIGN_OR_RETURN(std::string of, caisses.Of(event));
      if (!garder(event, of)) continue;
      v1::Evenement out;
      EvenementToApi(VuePour(principal, std::move(event)), of, &out);
      if (!envoyer(std::move(out))) return absl::OkStatus();  // Caller left.
    }
  }
  return absl::CancelledError("the subscription was cancelled");
}

}  // namespace mediation
