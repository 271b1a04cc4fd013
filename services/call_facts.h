// CallFacts: what a handler learns about its call (who calls, which request)
// that the call's log line and metrics need, kept for the server's call
// observer (server/call_observer.h) while the call lives.
//
//   observer:  CallFactsRegistry::Global().Begin(context);   // call starts
//   handler:   CallFactsRegistry::Global().Note(context, facts);
//   observer:  CallFacts facts = CallFactsRegistry::Global().End(context);
//
// Note on a call that was not begun does nothing (in-process tests without
// the observer), so that nothing accumulates. Thread safe.
#ifndef MEDIATION_SERVICES_CALL_FACTS_H_
#define MEDIATION_SERVICES_CALL_FACTS_H_

#include <array>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/message.h"
#include "grpcpp/server_context.h"
#include "security/principal.h"

namespace mediation {

// Never personal data: identifiers of the caller and of the request only.
struct CallFacts {
  std::string sujet;  // The principal's subject ("" before authentication).
  std::string role;
  std::string caisse;
  std::string request_id;
  std::string correlation_id;
};

class CallFactsRegistry {
 public:
  static CallFactsRegistry& Global();

  void Begin(const grpc::ServerContextBase* context);
  // Merges the non-empty fields of `facts` into the call's.
  void Note(const grpc::ServerContextBase* context, const CallFacts& facts);
  // The call's facts, forgotten from then on (empty if not begun).
  CallFacts End(const grpc::ServerContextBase* context);

 private:
  struct Shard {
    absl::Mutex mu;
    absl::flat_hash_map<const grpc::ServerContextBase*, CallFacts> calls
        ABSL_GUARDED_BY(mu);
  };
  Shard& ShardOf(const grpc::ServerContextBase* context);

  std::array<Shard, 16> shards_;
};

// The facts an admitted request gives: the principal, and the request's
// `request_id` and `correlation_id` (top-level string fields, or those of
// its `commun` message), if it has them.
CallFacts FactsOf(const Principal& principal,
                  const google::protobuf::Message& request);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_CALL_FACTS_H_
