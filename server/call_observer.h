// CallObserverFactory: a server interceptor that, for every RPC, writes one
// log line and counts it in the metrics:
//
//   {"time":…,"level":"INFO","msg":"rpc","method":"/mediation.v1.…/…",
//    "code":"OK","latency_ms":1.8,"principal":"…","role":"mediateur",
//    "caisse":"591","request_id":"…","correlation_id":"…"}
//
// The principal and request ids come from the handler (services/call_facts.h);
// the correlation id from the request, or else from the `x-correlation-id`
// header. Never personal data: the status message, which may quote what the
// caller sent, is logged only for the server's own failures (INTERNAL,
// UNKNOWN, UNAVAILABLE, DATA_LOSS), which quote no input. Health checks log
// at debug level.
#ifndef MEDIATION_SERVER_CALL_OBSERVER_H_
#define MEDIATION_SERVER_CALL_OBSERVER_H_

#include "grpcpp/support/server_interceptor.h"
#include "server/metrics.h"

namespace mediation {

class CallObserverFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `metrics` (not owned; may be null) must outlive the server.
  explicit CallObserverFactory(Metrics* metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  Metrics* const metrics_;
};

}  // namespace mediation

#endif  // MEDIATION_SERVER_CALL_OBSERVER_H_
