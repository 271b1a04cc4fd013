// Small helpers shared by the gRPC handlers.
#ifndef MEDIATION_SERVICES_HANDLER_UTIL_H_
#define MEDIATION_SERVICES_HANDLER_UTIL_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "grpcpp/server_context.h"
#include "security/authenticator.h"
#include "security/principal.h"
#include "services/dependencies.h"
#include "services/grpc_status.h"
#include "storage/consultation_journal.h"
#include "storage/event_store.h"
#include "storage/saisine_projection.h"

namespace mediation {

// Finishes the call of `context` with `status` and returns its reactor.
inline grpc::ServerUnaryReactor* Finish(grpc::CallbackServerContext* context,
                                        const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

// Authorize (authentication, then the permission table for `method`), then
// the request must have parsed: a request whose bytes did not parse reaches
// its handler empty and marked (proto/wire/request_parsing.h), and is
// answered INVALID_ARGUMENT naming the field, to an authenticated caller.
absl::StatusOr<Principal> Admettre(const google::protobuf::Message& request,
                                   const Authenticator& authenticator,
                                   const grpc::ServerContextBase& context,
                                   absl::string_view method);

// The suspensions the contested decision of `recue` got from the caisse's
// other saisines on it (réitérations: MemeDecisionContestee), read through
// the NIR index; the saisine `saisine_id` itself is left out. Empty when it
// names no decision or no NIR. Not journaled: nothing of the other saisines
// reaches the caller but the periods, inside a deadline.
absl::StatusOr<std::vector<PeriodeSuspension>> SuspensionsDeLaDecision(
    const Dependencies& deps, const SaisineRecue& recue,
    absl::string_view saisine_id);

// OK when `caisse` is a code of the referential; INVALID_ARGUMENT
// "<field>: unknown caisse code" otherwise.
absl::Status CheckCaisseConnue(const Dependencies& deps,
                               const std::string& caisse,
                               absl::string_view field);

// A page a listing is asked for: its size (1 to 500; 0 means 50), where it
// starts, and what its token is bound to.
struct PageDemandee {
  size_t taille = 0;
  std::string curseur;
  std::string liaison;
};
// INVALID_ARGUMENT "page_size: …" or "page_token: …".
absl::StatusOr<PageDemandee> LirePage(const Dependencies& deps,
                                      absl::string_view method,
                                      const google::protobuf::Message& request,
                                      int32_t page_size,
                                      const std::string& page_token);
// The token of the page that follows (empty after the last).
std::string JetonSuivant(const Dependencies& deps, const PageDemandee& page,
                         const std::string& curseur_suivant);

// Removes from `records` every saisine whose caisse `principal` does not
// cover, before a listing, queue or lookup answers: the indexes should
// never yield one, but a record outside the caller's scope must not leave
// the server whatever the index says. Each removal is logged as an error
// (saisine id and rpc, no personal data): it means a damaged index.
void GarderPerimetre(const Principal& principal, absl::string_view rpc,
                     std::vector<SaisineRecord>& records);

// The saisine as `principal` may see it: personal data masked for roles
// that do not need them.
SaisineRecord VuePour(const Principal& principal, SaisineRecord record);
RecordedEvent VuePour(const Principal& principal, RecordedEvent event);

// What `principal` reading the personal data of `saisine_ids` through `rpc`
// leaves in the consultation journal (décret 2019-341: reads of the NIR are
// traced); nullopt when it sees no personal data.
std::optional<Consultation> ConsultationDe(
    const Dependencies& deps, const Principal& principal, absl::string_view rpc,
    std::vector<std::string> saisine_ids);

// What a lookup of the saisines of `caisse` by the NIR `nir` (canonical)
// leaves in the consultation journal, whatever the role and even when it
// found nothing: who, which RPC, the saisines found, and the NIR's keyed
// digest (never the NIR).
Consultation ConsultationRecherche(const Dependencies& deps,
                                   const Principal& principal,
                                   absl::string_view rpc,
                                   const std::string& caisse,
                                   const std::string& nir,
                                   std::vector<std::string> saisine_ids);

// Finishes the call of `context`: at once with `status` when it is not OK or
// there is nothing to trace; otherwise once `trace` is durably journaled,
// with OK, or with UNAVAILABLE if it cannot be. On a refusal `response` is
// cleared: no data leaves, and none untraced. Never blocks the calling
// thread.
grpc::ServerUnaryReactor* FinishTraced(const Dependencies& deps,
                                       grpc::CallbackServerContext* context,
                                       const absl::Status& status,
                                       std::optional<Consultation> trace,
                                       google::protobuf::Message* response);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_HANDLER_UTIL_H_
