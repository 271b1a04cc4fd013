// The parts of the load generator (loadgen.cc) that do not hold its loop:
// the operations, the requests (each a pure function of its request id, so
// that the verifier can send it again), the recorder of latencies and
// errors (the /proc samples of CPU and memory: proc_sample.h).
#ifndef MEDIATION_TESTS_BENCH_LOADGEN_SUPPORT_H_
#define MEDIATION_TESTS_BENCH_LOADGEN_SUPPORT_H_

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "domain/nir.h"
#include "grpcpp/grpcpp.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "tests/bench/proc_sample.h"

namespace mediation::loadgen {

using ::mediation::bench::OwnCpuSeconds;
using ::mediation::bench::ProcSample;
using ::mediation::bench::SampleProc;

// Set by SIGINT / SIGTERM: the slots stop, the figures are printed.
inline std::atomic<bool> stop_requested{false};

enum Op { kIntake, kActe, kGet, kFile, kStats, kOpCount };
inline constexpr const char* kOpNames[kOpCount] = {"intake", "acte", "get",
                                                   "file", "stats"};

// FNV-1a: requests are a pure function of their id.
inline uint64_t Hash(absl::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

inline std::string Day(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone());
}

// ---------------------------------------------------------------- requests

// Request ids are "<run>.<YYYYMMDD>.<caisse>.<n>": the day the request was
// made (its dates derive from it) and the caisse are read back from the id.
struct IdParts {
  absl::Time day;
  std::string caisse;
};

inline std::optional<IdParts> PartsOf(const std::string& request_id) {
  std::vector<std::string> parts = absl::StrSplit(request_id, '.');
  int year = 0, month = 0, day = 0;
  if (parts.size() != 4 || parts[1].size() != 8 ||
      !absl::SimpleAtoi(parts[1].substr(0, 4), &year) ||
      !absl::SimpleAtoi(parts[1].substr(4, 2), &month) ||
      !absl::SimpleAtoi(parts[1].substr(6, 2), &day)) {
    return std::nullopt;
  }
  return IdParts{
      absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone()),
      parts[2]};
}

inline v1::DeposerSaisineRequest IntakeRequest(const std::string& request_id,
                                               const IdParts& parts) {
  const uint64_t h = Hash(request_id);
  const absl::Time today = parts.day;
  v1::DeposerSaisineRequest r;
  r.set_request_id(request_id);
  r.set_caisse(parts.caisse);
  v1::Requerant& requerant = *r.mutable_requerant();
  requerant.set_type(v1::TYPE_REQUERANT_ASSURE);
  requerant.set_nom(absl::StrCat("Requerant", h % 9973));
  requerant.set_prenom("Camille");
  const std::string first13 =
      absl::StrFormat("%d%02d%02d%02d%03d%03d", 1 + h % 2, 40 + (h >> 8) % 60,
                      1 + (h >> 16) % 12, 1 + (h >> 20) % 95,
                      1 + (h >> 28) % 900, 1 + (h >> 38) % 900);
  requerant.set_nir(absl::StrFormat("%s%02d", first13, CleNir(first13)));
  requerant.set_commune("Lille");
  r.set_canal(v1::CANAL_MAIL);
  r.set_origine(v1::ORIGINE_REQUERANT_DIRECT);
  const absl::Time recue = today - absl::Hours(24 * (h % 20));
  r.set_date_reception(Day(recue));
  v1::Objet& objet = *r.mutable_objet();
  objet.set_processus(static_cast<v1::Processus>(1 + (h >> 44) % 3));
  objet.set_sous_processus("Maladie");
  objet.set_description("Indemnites journalieres non versees.");
  r.mutable_reclamation_prealable()->set_date(
      Day(recue - absl::Hours(24 * 30)));
  r.mutable_reclamation_prealable()->set_repondue(false);
  v1::DecisionContestee& decision = *r.mutable_decision_contestee();
  decision.set_date_notification(Day(recue - absl::Hours(24 * 45)));
  decision.set_recours_mentionne(v1::RECOURS_CRA);
  decision.set_voies_et_delais_mentionnes(true);
  return r;
}

inline void FillCommun(const std::string& request_id,
                       const std::string& saisine_id, uint64_t version,
                       v1::ActeCommun* commun) {
  commun->set_request_id(request_id);
  commun->set_saisine_id(saisine_id);
  commun->set_version_attendue(version);
}

inline v1::DeclarerRecevableRequest RecevableRequest(
    const std::string& request_id, const std::string& saisine_id,
    uint64_t version, absl::Time today) {
  v1::DeclarerRecevableRequest r;
  FillCommun(request_id, saisine_id, version, r.mutable_commun());
  r.mutable_acte()->set_fondement(v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
  r.mutable_acte()->set_date_notification(Day(today));
  return r;
}

inline v1::ConsignerEchangeRequest EchangeRequest(const std::string& request_id,
                                                  const std::string& saisine_id,
                                                  uint64_t version,
                                                  absl::Time today) {
  v1::ConsignerEchangeRequest r;
  FillCommun(request_id, saisine_id, version, r.mutable_commun());
  r.mutable_acte()->set_date(Day(today));
  r.mutable_acte()->set_interlocuteur(v1::INTERLOCUTEUR_SERVICE_CAISSE);
  r.mutable_acte()->set_resume("Point d'etape avec le service.");
  return r;
}

// --------------------------------------------------------------- measures

class Recorder {
 public:
  void Ok(Op op, absl::Duration latency) {
    absl::MutexLock lock(&mu_);
    latencies_[op].push_back(absl::ToInt64Microseconds(latency));
  }
  void Failed(Op op, const grpc::Status& status) {
    absl::MutexLock lock(&mu_);
    ++errors_[op][status.error_code()];
    if (first_error_.empty()) {
      first_error_ = absl::StrCat(kOpNames[op], ": ", status.error_code(), " ",
                                  status.error_message());
    }
  }
  int64_t FailureCount() {
    absl::MutexLock lock(&mu_);
    int64_t n = 0;
    for (const auto& per_op : errors_) {
      for (const auto& [code, count] : per_op) n += count;
    }
    return n;
  }
  void Print(absl::Duration elapsed) {
    absl::MutexLock lock(&mu_);
    const double seconds = absl::ToDoubleSeconds(elapsed);
    std::printf("%-8s %10s %8s %12s %9s %9s %9s\n", "op", "answers", "errors",
                "per second", "p50 ms", "p99 ms", "p999 ms");
    int64_t total = 0;
    for (int op = 0; op < kOpCount; ++op) {
      std::vector<int64_t>& v = latencies_[op];
      int64_t errors = 0;
      for (const auto& [code, count] : errors_[op]) errors += count;
      if (v.empty() && errors == 0) continue;
      std::sort(v.begin(), v.end());
      auto at = [&](double q) {
        if (v.empty()) return 0.0;
        size_t i = static_cast<size_t>(q * static_cast<double>(v.size()));
        return static_cast<double>(v[std::min(i, v.size() - 1)]) / 1000.0;
      };
      total += static_cast<int64_t>(v.size());
      std::printf("%-8s %10zu %8" PRId64 " %12.0f %9.2f %9.2f %9.2f\n",
                  kOpNames[op], v.size(), errors,
                  static_cast<double>(v.size()) / seconds, at(0.5), at(0.99),
                  at(0.999));
    }
    std::printf("%-8s %10" PRId64 " %8s %12.0f\n", "total", total, "",
                static_cast<double>(total) / seconds);
    for (int op = 0; op < kOpCount; ++op) {
      for (const auto& [code, count] : errors_[op]) {
        std::printf("errors: %s code %d x %" PRId64 "\n", kOpNames[op], code,
                    count);
      }
    }
    if (!first_error_.empty())
      std::printf("first error: %s\n", first_error_.c_str());
  }

 private:
  absl::Mutex mu_;
  std::vector<int64_t> latencies_[kOpCount] ABSL_GUARDED_BY(mu_);
  std::map<int, int64_t> errors_[kOpCount] ABSL_GUARDED_BY(mu_);
  std::string first_error_ ABSL_GUARDED_BY(mu_);
};

// ----------------------------------------------------------------- client

}  // namespace mediation::loadgen

#endif  // MEDIATION_TESTS_BENCH_LOADGEN_SUPPORT_H_
