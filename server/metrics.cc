#include "server/metrics.h"

#include <exception>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/version.h"
#include "google/protobuf/descriptor.h"
#include "prometheus/collectable.h"
#include "prometheus/gauge.h"
#include "prometheus/metric_family.h"
#include "prometheus/text_serializer.h"

namespace mediation {
namespace {

const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* const buckets =
      new prometheus::Histogram::BucketBoundaries{
          0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  return *buckets;
}

const prometheus::Histogram::BucketBoundaries& GroupBuckets() {
  static const auto* const buckets =
      new prometheus::Histogram::BucketBoundaries{
          1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048};
  return *buckets;
}

// "/mediation.v1.AccueilService/DeposerSaisine" -> service, method; nullopt
// for a method no linked proto declares, so that callers cannot make a
// label value of their own (a series per invented name).
std::optional<std::pair<std::string, std::string>> DeclaredMethod(
    absl::string_view full) {
  if (!full.empty() && full.front() == '/') full.remove_prefix(1);
  const size_t slash = full.find('/');
  if (slash == absl::string_view::npos) return std::nullopt;
  const absl::string_view service = full.substr(0, slash);
  const absl::string_view method = full.substr(slash + 1);
  if (google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          absl::StrCat(service, ".", method)) == nullptr) {
    return std::nullopt;
  }
  return std::make_pair(std::string(service), std::string(method));
}

prometheus::MetricFamily Gauge(std::string name, std::string help,
                               double value) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = prometheus::MetricType::Gauge;
  prometheus::ClientMetric metric;
  metric.gauge.value = value;
  family.metric.push_back(std::move(metric));
  return family;
}

}  // namespace

// The gauges read from the store and the stream limiter at each scrape.
class Metrics::StoreGauges final : public prometheus::Collectable {
 public:
  void Watch(RocksDbStore* store, const StreamLimiter* streams) {
    absl::MutexLock lock(&mu_);
    store_ = store;
    streams_ = streams;
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    absl::MutexLock lock(&mu_);
    std::vector<prometheus::MetricFamily> families;
    prometheus::MetricFamily build = Gauge(
        "mediation_build_info",
        "The version and commit mediationd was built from (always 1).", 1);
    build.metric.front().label = {{"version", std::string(Version())},
                                  {"commit", std::string(Commit())}};
    families.push_back(std::move(build));
    if (streams_ != nullptr) {
      families.push_back(
          Gauge("mediation_streams_open",
                "Server streams open (journal subscriptions, CRA follow-ups).",
                streams_->open()));
    }
    if (store_ == nullptr) return families;
    const RocksDbStats stats = store_->database().Stats();
    const bool accepted = store_->database().WritesAccepted().ok();
    families.push_back(Gauge("mediation_write_queue_appends",
                             "Appends waiting for the writer.",
                             store_->events().PendingAppends()));
    families.push_back(
        Gauge("mediation_log_last_position",
              "Position of the last event of the log (events appended in all).",
              static_cast<double>(store_->events().LastPosition())));
    families.push_back(
        Gauge("mediation_consultation_journal_pending_records",
              "Consultation records waiting to be written (the journal's lag).",
              store_->journal().PendingRecords()));
    families.push_back(
        Gauge("mediation_rocksdb_pending_compaction_bytes",
              "Bytes RocksDB estimates its compactions still have to rewrite.",
              static_cast<double>(stats.pending_compaction_bytes)));
    families.push_back(Gauge("mediation_rocksdb_memtable_bytes",
                             "Bytes held in RocksDB's memtables.",
                             static_cast<double>(stats.memtable_bytes)));
    families.push_back(Gauge("mediation_rocksdb_sst_files_bytes",
                             "Bytes of RocksDB's SST files.",
                             static_cast<double>(stats.sst_bytes)));
    families.push_back(Gauge(
        "mediation_rocksdb_write_stopped",
        "1 while RocksDB stops writes (stall: too many memtables or L0 files).",
        static_cast<double>(stats.write_stopped)));
    families.push_back(
        Gauge("mediation_rocksdb_delayed_write_rate_bytes",
              "The rate (bytes/s) RocksDB slows writes to; 0 when not slowed.",
              static_cast<double>(stats.delayed_write_rate)));
    families.push_back(Gauge("mediation_disk_free_bytes",
                             "Free bytes on the data directory's file system.",
                             static_cast<double>(stats.free_bytes)));
    families.push_back(Gauge("mediation_disk_reserve_bytes",
                             "Free bytes below which writes are refused.",
                             static_cast<double>(stats.reserve_bytes)));
    families.push_back(Gauge(
        "mediation_writes_accepted",
        "1 while writes are accepted; 0 in the disk reserve or after a failed "
        "write until RocksDB resumes.",
        accepted ? 1 : 0));
    return families;
  }

 private:
  mutable absl::Mutex mu_;
  RocksDbStore* store_ ABSL_GUARDED_BY(mu_) = nullptr;
  const StreamLimiter* streams_ ABSL_GUARDED_BY(mu_) = nullptr;
};

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      gauges_(std::make_shared<StoreGauges>()),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("RPCs completed, by service, method and status code.")
                   .Register(*registry_)),
      handling_(prometheus::BuildHistogram()
                    .Name("grpc_server_handling_seconds")
                    .Help("Time from an RPC's start to its status, by method.")
                    .Register(*registry_)),
      group_appends_(
          prometheus::BuildHistogram()
              .Name("mediation_write_group_appends")
              .Help("Appends written by one write group (one batch, one "
                    "fsync).")
              .Register(*registry_)
              .Add({}, GroupBuckets())),
      group_seconds_(prometheus::BuildHistogram()
                         .Name("mediation_write_group_seconds")
                         .Help("Time to write and sync one write group.")
                         .Register(*registry_)
                         .Add({}, LatencyBuckets())),
      refused_(prometheus::BuildCounter()
                   .Name("mediation_appends_refused_total")
                   .Help("Appends refused, by cause: conflict, disk_reserve, "
                         "write_failure, overload, closing.")
                   .Register(*registry_)) {
  for (const AppendRefusal refusal :
       {AppendRefusal::kConflict, AppendRefusal::kDiskReserve,
        AppendRefusal::kWriteFailure, AppendRefusal::kOverload,
        AppendRefusal::kClosing}) {
    // Every cause is exported from the start, at 0.
    refused_.Add({{"cause", std::string(AppendRefusalName(refusal))}});
  }
}

void Metrics::Watch(RocksDbStore* store, const StreamLimiter* streams) {
  gauges_->Watch(store, streams);
}

std::pair<prometheus::Histogram*, prometheus::Counter*> Metrics::SeriesOf(
    absl::string_view full_method, grpc::StatusCode code) {
  absl::MutexLock lock(&series_mu_);
  auto it = series_.find(full_method);
  if (it == series_.end()) {
    std::optional<std::pair<std::string, std::string>> declared =
        DeclaredMethod(full_method);
    const std::string key = declared ? std::string(full_method) : "";
    it = series_.find(key);
    if (it == series_.end()) {
      auto series = std::make_unique<MethodSeries>();
      std::tie(series->service, series->method) =
          declared.value_or(std::make_pair("unknown", "unknown"));
      series->latency = &handling_.Add(
          {{"grpc_service", series->service}, {"grpc_method", series->method}},
          LatencyBuckets());
      it = series_.emplace(key, std::move(series)).first;
    }
  }
  MethodSeries& series = *it->second;
  const size_t index = static_cast<size_t>(code) < series.handled.size()
                           ? static_cast<size_t>(code)
                           : static_cast<size_t>(grpc::StatusCode::UNKNOWN);
  prometheus::Counter*& handled = series.handled[index];
  if (handled == nullptr) {
    handled = &handled_.Add(
        {{"grpc_service", series.service},
         {"grpc_method", series.method},
         {"grpc_code",
          std::string(StatusCodeName(static_cast<grpc::StatusCode>(index)))}});
  }
  return {series.latency, handled};
}

void Metrics::RpcHandled(absl::string_view full_method, grpc::StatusCode code,
                         absl::Duration latency) {
  auto [latency_series, handled] = SeriesOf(full_method, code);
  handled->Increment();
  latency_series->Observe(absl::ToDoubleSeconds(latency));
}

void Metrics::GroupWritten(size_t appends, absl::Duration write) {
  group_appends_.Observe(static_cast<double>(appends));
  group_seconds_.Observe(absl::ToDoubleSeconds(write));
}

void Metrics::AppendRefused(AppendRefusal refusal) {
  refused_.Add({{"cause", std::string(AppendRefusalName(refusal))}})
      .Increment();
}

absl::StatusOr<int> Metrics::Serve(const std::string& address) {
  if (exposer_ != nullptr) {
    return absl::FailedPreconditionError("metrics are already served");
  }
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(address);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", address, ": ", e.what()));
  }
  exposer_->RegisterCollectable(registry_);
  exposer_->RegisterCollectable(gauges_);
  const std::vector<int> ports = exposer_->GetListeningPorts();
  if (ports.empty()) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", address));
  }
  return ports.front();
}

std::string Metrics::Text() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  for (prometheus::MetricFamily& family : gauges_->Collect()) {
    families.push_back(std::move(family));
  }
  return prometheus::TextSerializer().Serialize(families);
}

absl::string_view StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    default:
      return "UNKNOWN";
  }
}

}  // namespace mediation
