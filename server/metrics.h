// Metrics: mediationd's Prometheus metrics, served as text on an HTTP port of
// their own (/metrics), named after the Prometheus conventions (base units,
// `_total` counters, `_seconds` durations):
//
//   grpc_server_handled_total{grpc_service,grpc_method,grpc_code}   counter
//   grpc_server_handling_seconds{grpc_service,grpc_method}          histogram
//   mediation_write_group_appends                                   histogram
//   mediation_write_group_seconds          (write + fsync)          histogram
//   mediation_write_queue_appends          (waiting for the writer) gauge
//   mediation_appends_refused_total{cause}                          counter
//   mediation_streams_open                                          gauge
//   mediation_log_last_position            (events in the log)      gauge
//   mediation_consultation_journal_pending_records                  gauge
//   mediation_rocksdb_pending_compaction_bytes, _memtable_bytes,
//   _sst_files_bytes, _write_stopped, _delayed_write_rate_bytes     gauges
//   mediation_disk_free_bytes, mediation_disk_reserve_bytes         gauges
//   mediation_writes_accepted              (1, 0 in the reserve or
//                                           after a failed write)  gauge
//   mediation_build_info{version,commit}   (1)                      gauge
//
// The gauges are read from the store when scraped. Thread safe.
#ifndef MEDIATION_SERVER_METRICS_H_
#define MEDIATION_SERVER_METRICS_H_

#include <array>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/stream_limiter.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/exposer.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "storage/rocksdb_store.h"
#include "storage/store_observer.h"

namespace mediation {

class Metrics final : public StoreObserver {
 public:
  Metrics();

  // Read at each scrape; neither is owned, both must outlive the metrics
  // (or until Serve's exposer is gone). Either may be null.
  void Watch(RocksDbStore* store, const StreamLimiter* streams);

  // `full_method` is gRPC's "/package.Service/Method"; one that no linked
  // proto declares (UNIMPLEMENTED) is counted as service and method
  // "unknown".
  void RpcHandled(absl::string_view full_method, grpc::StatusCode code,
                  absl::Duration latency);

  void GroupWritten(size_t appends, absl::Duration write) override;
  void AppendRefused(AppendRefusal refusal) override;

  // Serves /metrics on `address` (host:port; port 0: a free one) and returns
  // the port bound. UNAVAILABLE when it cannot bind. Once.
  absl::StatusOr<int> Serve(const std::string& address);

  // The exposition text a scrape would get.
  std::string Text() const;

 private:
  class StoreGauges;
  // The series of one method, found once: each call then counts without
  // building and hashing its labels.
  struct MethodSeries {
    std::string service;
    std::string method;
    prometheus::Histogram* latency = nullptr;
    // By status code (0 to 16), added on first use.
    std::array<prometheus::Counter*, 17> handled{};
  };
  // The series of `full_method` with one for `code`; an undeclared method
  // shares the "unknown" series (not cached under its name).
  std::pair<prometheus::Histogram*, prometheus::Counter*> SeriesOf(
      absl::string_view full_method, grpc::StatusCode code);

  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<StoreGauges> gauges_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_;
  prometheus::Histogram& group_appends_;
  prometheus::Histogram& group_seconds_;
  prometheus::Family<prometheus::Counter>& refused_;
  absl::Mutex series_mu_;
  // Declared methods only, by full name; "" holds the unknown ones.
  absl::flat_hash_map<std::string, std::unique_ptr<MethodSeries>> series_
      ABSL_GUARDED_BY(series_mu_);
  // Last: destroyed first, so that no scrape runs on the members above.
  std::unique_ptr<prometheus::Exposer> exposer_;
};

// "OK", "INVALID_ARGUMENT", … (the names of the gRPC status codes).
absl::string_view StatusCodeName(grpc::StatusCode code);

}  // namespace mediation

#endif  // MEDIATION_SERVER_METRICS_H_
