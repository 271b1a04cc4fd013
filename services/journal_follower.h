// Following the log over a server stream: catch up from a position, then
// wait for new events, until the caller leaves or the call is cancelled.
// Shared by AuditService.SouscrireJournal and CraService.SuivreSaisines.
#ifndef MEDIATION_SERVICES_JOURNAL_FOLLOWER_H_
#define MEDIATION_SERVICES_JOURNAL_FOLLOWER_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/sync_stream.h"
#include "mediation/v1/audit.pb.h"
#include "security/principal.h"
#include "services/dependencies.h"

namespace mediation {

// Whether to send `event` of a saisine of `caisse`.
using FiltreJournal =
    std::function<bool(const RecordedEvent& event, const std::string& caisse)>;

// Sends one event; false when the caller left.
using EnvoiEvenement = std::function<bool(v1::Evenement evenement)>;

// Sends the events from `depuis` that `garder` keeps and `principal`'s
// caisse covers, personal data masked for its role; each event sent with
// personal data is first journaled as a consultation through `rpc`.
// Returns OK when the caller left; CANCELLED when the call was cancelled
// (deadline, server shutdown); UNAUTHENTICATED once the principal's token
// has expired; RESOURCE_EXHAUSTED at once when the principal, or the server,
// already has as many streams as deps.streams allows; UNAVAILABLE when a
// consultation cannot be journaled.
absl::Status SuivreJournal(const Dependencies& deps,
                           const grpc::ServerContext& context,
                           const Principal& principal, absl::string_view rpc,
                           uint64_t depuis, const FiltreJournal& garder,
                           const EnvoiEvenement& envoyer);

// The same, to a stream of responses that each carry one `evenement`.
template <typename Response>
absl::Status SuivreJournal(const Dependencies& deps,
                           const grpc::ServerContext& context,
                           const Principal& principal, absl::string_view rpc,
                           uint64_t depuis, const FiltreJournal& garder,
                           grpc::ServerWriter<Response>& writer) {
  return SuivreJournal(deps, context, principal, rpc, depuis, garder,
                       [&writer](v1::Evenement evenement) {
                         Response response;
                         *response.mutable_evenement() = std::move(evenement);
                         return writer.Write(response);
                       });
}

}  // namespace mediation

#endif  // MEDIATION_SERVICES_JOURNAL_FOLLOWER_H_
