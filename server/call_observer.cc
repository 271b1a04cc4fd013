#include "server/call_observer.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "base/log.h"
#include "services/call_facts.h"

namespace mediation {
namespace {

using grpc::experimental::InterceptionHookPoints;

bool ServerFailure(grpc::StatusCode code) {
  return code == grpc::StatusCode::INTERNAL ||
         code == grpc::StatusCode::UNKNOWN ||
         code == grpc::StatusCode::UNAVAILABLE ||
         code == grpc::StatusCode::DATA_LOSS;
}

class CallObserver final : public grpc::experimental::Interceptor {
 public:
  CallObserver(grpc::experimental::ServerRpcInfo* info, Metrics* metrics)
      : method_(info->method() == nullptr ? "" : info->method()),
        context_(info->server_context()),
        metrics_(metrics),
        start_(absl::Now()) {
    CallFactsRegistry::Global().Begin(context_);
  }

  ~CallObserver() override {
    // A call cancelled before its status still leaves the registry.
    if (!finished_) Finish(grpc::Status(grpc::StatusCode::CANCELLED, ""));
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      const auto* metadata = methods->GetRecvInitialMetadata();
      if (metadata != nullptr) {
        auto it = metadata->find("x-correlation-id");
        if (it != metadata->end()) {
          header_correlation_id_.assign(it->second.data(), it->second.size());
        }
      }
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS) &&
        !finished_) {
      Finish(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  void Finish(const grpc::Status& status) {
    finished_ = true;
    const absl::Duration latency = absl::Now() - start_;
    CallFacts facts = CallFactsRegistry::Global().End(context_);
    if (facts.correlation_id.empty()) {
      facts.correlation_id = header_correlation_id_;
    }
    if (metrics_ != nullptr) {
      metrics_->RpcHandled(method_, status.error_code(), latency);
    }
    const LogLevel level = absl::StartsWith(method_, "/grpc.health.")
                               ? LogLevel::kDebug
                               : LogLevel::kInfo;
    if (!LogEnabled(level)) return;
    std::vector<LogField> fields = {
        {"method", method_},
        {"code", StatusCodeName(status.error_code())},
        {"latency_ms", absl::ToDoubleMilliseconds(latency)},
        {"principal", facts.sujet},
        {"role", facts.role},
        {"caisse", facts.caisse},
        {"request_id", facts.request_id},
        {"correlation_id", facts.correlation_id}};
    if (ServerFailure(status.error_code())) {
      fields.push_back({"error", status.error_message()});
    }
    Log(level, "rpc", fields);
  }

  const std::string method_;
  const grpc::ServerContextBase* const context_;
  Metrics* const metrics_;
  const absl::Time start_;
  std::string header_correlation_id_;
  bool finished_ = false;
};

}  // namespace

grpc::experimental::Interceptor* CallObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallObserver(info, metrics_);
}

}  // namespace mediation
