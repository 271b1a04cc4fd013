// mediation_loadgen: a closed-loop gRPC load generator for mediationd.
//
// --concurrency slots each keep one request in flight: when its answer comes,
// a slot records the latency and sends the next request, drawn from --mix,
// until --duration is over. It then prints, per operation, the answers per
// second and the latency p50 / p99 / p999, and, given --server_pid, the
// server's CPU use over the measure and its peak RSS (from /proc).
//
// Operations (--mix=intake:60,acte:20,get:10,file:5,stats:5, weights):
//   intake  AccueilService.DeposerSaisine, a new synthetic saisine
//   acte    an act of the mediator on a saisine deposited by this run:
//           DeclarerRecevable on a new one, then ConsignerEchange, each at
//           the version it was last seen at (optimistic concurrency)
//   get     AccueilService.GetSaisine on one of them
//   file    MediationService.ListParUrgence, the mediator's queue (50)
//   stats   NationalService.GetStatistiques, national, last 12 months
//
// --preload=N deposits N saisines first (not measured), for a population;
// acte and get draw from it. Saisines are spread over the first --caisses
// caisses of the default referential: tokens are signed per caisse with
// <credentials>/jeton-signature.key (development credentials).
//
// Durability checks (tests/crash): --acquittements=FILE appends a line per
// acknowledged write: "<op> <request_id> <saisine_id> <version_attendue>
// <version>". Every request is a pure function of its id and that line, so
// --verifier=FILE sends each one again and checks that the server answers
// the same saisine at the same version as a replay (rejoue). With
// --tolerer_erreurs, failures (the server being killed) are counted, not
// fatal, and calls wait for the server to come back. SIGINT or SIGTERM ends
// the measure early: the calls in flight are answered, the figures printed.
//
// Exit status: 0 done (verify: all found), 1 failed requests or missing
// acknowledged writes, 2 usage.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/files.h"
#include "base/status_macros.h"
#include "domain/caisse.h"
#include "domain/nir.h"
#include "grpcpp/grpcpp.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "mediation/v1/national.grpc.pb.h"
#include "security/principal.h"
#include "security/token.h"
#include "server/caisses.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "host:port of mediationd.");
ABSL_FLAG(bool, insecure, false,
          "Plaintext (a server started with --insecure_loopback).");
ABSL_FLAG(std::string, credentials, "mediation-dev",
          "Directory of ca.pem and jeton-signature.key.");
ABSL_FLAG(int, concurrency, 64, "Requests in flight.");
ABSL_FLAG(int, channels, 4, "Connections the requests are spread over.");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10),
          "Length of the measure.");
ABSL_FLAG(std::string, mix, "intake:100", "Weights of the operations.");
ABSL_FLAG(int64_t, preload, 0, "Saisines deposited before the measure.");
ABSL_FLAG(int, preload_concurrency, 128,
          "Requests in flight while preloading.");
ABSL_FLAG(int, caisses, 20, "Caisses the saisines are spread over (1-101).");
ABSL_FLAG(int, server_pid, 0, "Pid of mediationd, for its CPU and peak RSS.");
ABSL_FLAG(std::string, acquittements, "",
          "Append every acknowledged write to this file.");
ABSL_FLAG(std::string, verifier, "",
          "Send again every write of this acknowledgement file and check it.");
ABSL_FLAG(bool, tolerer_erreurs, false,
          "Count failed requests instead of failing; wait for the server.");
ABSL_FLAG(std::string, run_id, "",
          "Prefix of request ids (default: from the time and the pid).");

namespace mediation {
namespace {

// Set by SIGINT / SIGTERM: the slots stop, the figures are printed.
std::atomic<bool> stop_requested{false};

enum Op { kIntake, kActe, kGet, kFile, kStats, kOpCount };
constexpr const char* kOpNames[kOpCount] = {"intake", "acte", "get", "file",
                                            "stats"};

// FNV-1a: requests are a pure function of their id.
uint64_t Hash(absl::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

std::string Day(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone());
}

// ---------------------------------------------------------------- requests

// Request ids are "<run>.<YYYYMMDD>.<caisse>.<n>": the day the request was
// made (its dates derive from it) and the caisse are read back from the id.
struct IdParts {
  absl::Time day;
  std::string caisse;
};

std::optional<IdParts> PartsOf(const std::string& request_id) {
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

v1::DeposerSaisineRequest IntakeRequest(const std::string& request_id,
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

void FillCommun(const std::string& request_id, const std::string& saisine_id,
                uint64_t version, v1::ActeCommun* commun) {
  commun->set_request_id(request_id);
  commun->set_saisine_id(saisine_id);
  commun->set_version_attendue(version);
}

v1::DeclarerRecevableRequest RecevableRequest(const std::string& request_id,
                                              const std::string& saisine_id,
                                              uint64_t version,
                                              absl::Time today) {
  v1::DeclarerRecevableRequest r;
  FillCommun(request_id, saisine_id, version, r.mutable_commun());
  r.mutable_acte()->set_fondement(v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
  r.mutable_acte()->set_date_notification(Day(today));
  return r;
}

v1::ConsignerEchangeRequest EchangeRequest(const std::string& request_id,
                                           const std::string& saisine_id,
                                           uint64_t version, absl::Time today) {
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

// CPU seconds (user + system) and peak / current RSS of a process.
struct ProcSample {
  double cpu_seconds = 0;
  int64_t peak_rss_kb = 0;
  int64_t rss_kb = 0;
};

std::optional<ProcSample> SampleProc(int pid) {
  std::ifstream stat(absl::StrCat("/proc/", pid, "/stat"));
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  // Fields after the ")" closing the command name: 14 utime, 15 stime.
  std::vector<std::string> f =
      absl::StrSplit(line.substr(line.rfind(')') + 2), ' ');
  double utime = 0, stime = 0;
  if (f.size() < 13 || !absl::SimpleAtod(f[11], &utime) ||
      !absl::SimpleAtod(f[12], &stime)) {
    return std::nullopt;
  }
  ProcSample sample;
  sample.cpu_seconds =
      (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  while (std::getline(status, line)) {
    std::vector<std::string> kv =
        absl::StrSplit(line, absl::ByAnyChar(" \t:"), absl::SkipEmpty());
    if (kv.size() < 2) continue;
    if (kv[0] == "VmHWM") (void)absl::SimpleAtoi(kv[1], &sample.peak_rss_kb);
    if (kv[0] == "VmRSS") (void)absl::SimpleAtoi(kv[1], &sample.rss_kb);
  }
  return sample;
}

double OwnCpuSeconds() {
  std::optional<ProcSample> s = SampleProc(getpid());
  return s ? s->cpu_seconds : 0;
}

// ----------------------------------------------------------------- client

struct Known {
  std::string saisine_id;
  std::string caisse;
  uint64_t version = 0;
};

class Client {
 public:
  Client() : today_(absl::Now()) {
    for (int i = 0; i < absl::GetFlag(FLAGS_channels); ++i) {
      grpc::ChannelArguments args;
      args.SetInt("mediation.loadgen.channel", i);  // One connection each.
      args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
      args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
      args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
      std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
          absl::GetFlag(FLAGS_server), Credentials(), args);
      accueil_.push_back(v1::AccueilService::NewStub(channel));
      mediation_.push_back(v1::MediationService::NewStub(channel));
      national_.push_back(v1::NationalService::NewStub(channel));
    }
    const auto& all = CaisseReferentielParDefaut().caisses();
    const int n = std::clamp(absl::GetFlag(FLAGS_caisses), 1,
                             static_cast<int>(all.size()));
    for (int i = 0; i < n; ++i) caisses_.push_back(all[i].code);
  }

  ~Client() {
    {
      absl::MutexLock lock(&retry_mu_);
      closing_ = true;
    }
    retry_thread_.join();
  }

  absl::Status SignTokens() {
    const std::string dir = absl::GetFlag(FLAGS_credentials);
    ASSIGN_OR_RETURN(std::string pem, ReadFile(dir + "/jeton-signature.key"));
    absl::StatusOr<TokenSigner> signer = TokenSigner::FromPrivateKeyPem(pem);
    if (!signer.ok()) return signer.status();
    const absl::Time now = absl::Now();
    auto sign = [&](const std::string& role,
                    const std::string& caisse) -> absl::StatusOr<std::string> {
      absl::StatusOr<Principal> p =
          MakePrincipal(absl::StrCat("loadgen-", role), role, caisse);
      if (!p.ok()) return p.status();
      absl::StatusOr<std::string> token =
          signer->Sign(*p, now, now + absl::Hours(12));
      if (!token.ok()) return token.status();
      return absl::StrCat("Bearer ", *token);
    };
    for (const std::string& caisse : caisses_) {
      for (const char* role : {"accueil", "mediateur"}) {
        absl::StatusOr<std::string> t = sign(role, caisse);
        if (!t.ok()) return t.status();
        tokens_[absl::StrCat(role, "/", caisse)] = *t;
      }
    }
    absl::StatusOr<std::string> national = sign("national", "*");
    if (!national.ok()) return national.status();
    tokens_["national/*"] = *national;
    return absl::OkStatus();
  }

  // Runs `concurrency` closed loops of `mix` until `deadline`, or until
  // `budget` requests were sent (when > 0).
  void Run(const std::vector<int>& mix, int concurrency, absl::Time deadline,
           int64_t budget, Recorder& recorder) {
    mix_ = mix;
    deadline_ = deadline;
    budget_ = budget;
    sent_ = 0;
    recorder_ = &recorder;
    {
      absl::MutexLock lock(&mu_);
      in_flight_ = concurrency;
    }
    for (int i = 0; i < concurrency; ++i) Next(static_cast<uint64_t>(i));
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](int* n) { return *n == 0; }, &in_flight_));
  }

  // Sends every write of an acknowledgement file again; counts those not
  // answered as acknowledged.
  int64_t Verify(const std::string& path, int64_t* checked) {
    std::ifstream in(path);
    std::string line;
    std::vector<std::vector<std::string>> lines;
    while (std::getline(in, line)) {
      if (!line.empty()) lines.push_back(absl::StrSplit(line, ' '));
    }
    std::atomic<int64_t> missing{0};
    std::atomic<size_t> next{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < 16; ++w) {
      workers.emplace_back([&] {
        for (size_t i = next++; i < lines.size(); i = next++) {
          if (!VerifyOne(lines[i])) ++missing;
        }
      });
    }
    for (std::thread& t : workers) t.join();
    *checked = static_cast<int64_t>(lines.size());
    return missing.load();
  }

  size_t PoolSize() {
    absl::MutexLock lock(&pool_mu_);
    return pool_.size();
  }

 private:
  static std::shared_ptr<grpc::ChannelCredentials> Credentials() {
    if (absl::GetFlag(FLAGS_insecure))
      return grpc::InsecureChannelCredentials();
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs =
        ReadFile(absl::GetFlag(FLAGS_credentials) + "/ca.pem").value_or("");
    return grpc::SslCredentials(ssl);
  }

  // A call in flight: what it needs until its answer.
  template <typename Request, typename Response>
  struct Call {
    grpc::ClientContext context;
    Request request;
    Response response;
    absl::Time start;
    Known known;
    std::string log_op;
  };

  template <typename Request, typename Response>
  std::unique_ptr<Call<Request, Response>> NewCall(const std::string& token) {
    auto call = std::make_unique<Call<Request, Response>>();
    call->context.set_deadline(std::chrono::system_clock::now() +
                               std::chrono::seconds(30));
    call->context.AddMetadata("authorization", token);
    if (absl::GetFlag(FLAGS_tolerer_erreurs))
      call->context.set_wait_for_ready(true);
    call->start = absl::Now();
    return call;
  }

  std::string NewRequestId(const std::string& caisse) {
    return absl::StrCat(RunId(), ".",
                        absl::FormatTime("%Y%m%d", today_, absl::UTCTimeZone()),
                        ".", caisse, ".", ids_++);
  }

  static const std::string& RunId() {
    static const std::string* id = [] {
      std::string flag = absl::GetFlag(FLAGS_run_id);
      if (flag.empty()) {
        flag =
            absl::StrCat("lg-", absl::ToUnixMillis(absl::Now()), "-", getpid());
      }
      return new std::string(flag);
    }();
    return *id;
  }

  Op Draw(uint64_t slot) {
    int total = 0;
    for (int w : mix_) total += w;
    thread_local std::mt19937_64 rng(slot * 7919 + 17);
    int x = static_cast<int>(rng() % static_cast<uint64_t>(total));
    for (int op = 0; op < kOpCount; ++op) {
      if (x < mix_[op]) return static_cast<Op>(op);
      x -= mix_[op];
    }
    return kIntake;
  }

  // The slot's next request: at once, or after a pause when the last one
  // failed and failures are tolerated (the server may be down: no spinning).
  void Continue(uint64_t slot, bool ok) {
    if (ok || !absl::GetFlag(FLAGS_tolerer_erreurs)) {
      Next(slot);
      return;
    }
    absl::MutexLock lock(&retry_mu_);
    retries_.emplace_back(absl::Now() + absl::Milliseconds(20), slot);
  }

  void RetryLoop() {
    for (;;) {
      std::vector<uint64_t> due;
      {
        absl::MutexLock lock(&retry_mu_);
        retry_mu_.AwaitWithTimeout(absl::Condition(&closing_),
                                   absl::Milliseconds(5));
        if (closing_ && retries_.empty()) return;
        const absl::Time now = absl::Now();
        for (auto it = retries_.begin(); it != retries_.end();) {
          if (it->first <= now || closing_) {
            due.push_back(it->second);
            it = retries_.erase(it);
          } else {
            ++it;
          }
        }
      }
      for (uint64_t slot : due) Next(slot);
    }
  }

  void Done() {
    absl::MutexLock lock(&mu_);
    --in_flight_;
  }

  // Sends the slot's next request, or ends the slot.
  void Next(uint64_t slot) {
    if (stop_requested.load() || absl::Now() >= deadline_ ||
        (budget_ > 0 && sent_++ >= budget_)) {
      Done();
      return;
    }
    Op op = Draw(slot);
    std::optional<Known> known;
    if (op == kActe || op == kGet) {
      known = Take(op == kActe);
      if (!known.has_value()) op = kIntake;  // Nothing to act on yet.
    }
    const size_t channel = slot % accueil_.size();
    const auto nothing = [](auto&, const grpc::Status&, bool) {};
    switch (op) {
      case kIntake: {
        const std::string& caisse = caisses_[slot % caisses_.size()];
        auto call =
            NewCall<v1::DeposerSaisineRequest, v1::DeposerSaisineResponse>(
                tokens_[absl::StrCat("accueil/", caisse)]);
        call->request =
            IntakeRequest(NewRequestId(caisse), IdParts{today_, caisse});
        Send(
            kIntake, slot, std::move(call),
            [&](auto* c, auto done) {
              accueil_[channel]->async()->DeposerSaisine(
                  &c->context, &c->request, &c->response, std::move(done));
            },
            [this](auto& c, const grpc::Status&, bool ok) {
              if (!ok) return;
              Known k{c.response.saisine_id(), c.request.caisse(),
                      c.response.version()};
              Log("intake", c.request.request_id(), k.saisine_id, 0, k.version);
              Give(std::move(k));
            });
        return;
      }
      case kActe: {
        const std::string token = tokens_["mediateur/" + known->caisse];
        const std::string id = NewRequestId(known->caisse);
        // The saisine goes back to the pool with its new version.
        const auto then = [this](auto& c, const grpc::Status& status, bool ok) {
          Known k = c.known;
          if (ok) {
            Log(c.log_op, c.request.commun().request_id(), k.saisine_id,
                k.version, c.response.version());
            k.version = c.response.version();
          } else if (status.error_code() == grpc::StatusCode::ABORTED) {
            k.version = 0;  // Unknown now: the next act takes the current.
          }
          Give(std::move(k));
        };
        if (known->version == 1) {
          auto call = NewCall<v1::DeclarerRecevableRequest,
                              v1::DeclarerRecevableResponse>(token);
          call->request =
              RecevableRequest(id, known->saisine_id, known->version, today_);
          call->known = *known;
          call->log_op = "recevable";
          Send(
              kActe, slot, std::move(call),
              [&](auto* c, auto done) {
                mediation_[channel]->async()->DeclarerRecevable(
                    &c->context, &c->request, &c->response, std::move(done));
              },
              then);
        } else {
          auto call = NewCall<v1::ConsignerEchangeRequest,
                              v1::ConsignerEchangeResponse>(token);
          call->request =
              EchangeRequest(id, known->saisine_id, known->version, today_);
          call->known = *known;
          call->log_op = "echange";
          Send(
              kActe, slot, std::move(call),
              [&](auto* c, auto done) {
                mediation_[channel]->async()->ConsignerEchange(
                    &c->context, &c->request, &c->response, std::move(done));
              },
              then);
        }
        return;
      }
      case kGet: {
        auto call = NewCall<v1::GetSaisineRequest, v1::GetSaisineResponse>(
            tokens_["accueil/" + known->caisse]);
        call->request.set_saisine_id(known->saisine_id);
        Send(
            kGet, slot, std::move(call),
            [&](auto* c, auto done) {
              accueil_[channel]->async()->GetSaisine(
                  &c->context, &c->request, &c->response, std::move(done));
            },
            nothing);
        return;
      }
      case kFile: {
        const std::string& caisse = caisses_[slot % caisses_.size()];
        auto call =
            NewCall<v1::ListParUrgenceRequest, v1::ListParUrgenceResponse>(
                tokens_["mediateur/" + caisse]);
        call->request.set_page_size(50);
        Send(
            kFile, slot, std::move(call),
            [&](auto* c, auto done) {
              mediation_[channel]->async()->ListParUrgence(
                  &c->context, &c->request, &c->response, std::move(done));
            },
            nothing);
        return;
      }
      case kStats:
      case kOpCount: {
        auto call =
            NewCall<v1::GetStatistiquesRequest, v1::GetStatistiquesResponse>(
                tokens_["national/*"]);
        call->request.set_national(true);
        call->request.set_depuis(absl::FormatTime(
            "%Y-%m", today_ - absl::Hours(24 * 335), absl::UTCTimeZone()));
        call->request.set_jusqu_au(
            absl::FormatTime("%Y-%m", today_, absl::UTCTimeZone()));
        Send(
            kStats, slot, std::move(call),
            [&](auto* c, auto done) {
              national_[channel]->async()->GetStatistiques(
                  &c->context, &c->request, &c->response, std::move(done));
            },
            nothing);
        return;
      }
    }
  }

  // Sends `call` through `start` (a stub's async method applied to it);
  // once answered, records it as `op`, runs `then(call, status, ok)`, frees
  // the call and goes on with the slot's next request.
  template <typename C, typename Start, typename Then>
  void Send(Op op, uint64_t slot, std::unique_ptr<C> call, Start start,
            Then then) {
    C* c = call.release();
    start(c, [this, op, slot, c, then](grpc::Status status) {
      std::unique_ptr<C> owned(c);
      const bool ok = Answered(op, status, c->start);
      then(*c, status, ok);
      Continue(slot, ok);
    });
  }

  bool Answered(Op op, const grpc::Status& status, absl::Time start) {
    if (status.ok()) {
      recorder_->Ok(op, absl::Now() - start);
      return true;
    }
    recorder_->Failed(op, status);
    return false;
  }

  // The pool of saisines of this run. An act takes one out (so that two
  // acts never race on it) and gives it back with its new version.
  std::optional<Known> Take(bool remove) {
    absl::MutexLock lock(&pool_mu_);
    if (pool_.empty()) return std::nullopt;
    if (!remove) return pool_[rng_() % pool_.size()];
    Known k = std::move(pool_.front());
    pool_.pop_front();
    return k;
  }
  void Give(Known k) {
    absl::MutexLock lock(&pool_mu_);
    pool_.push_back(std::move(k));
  }

  void Log(const std::string& op, const std::string& request_id,
           const std::string& saisine_id, uint64_t expected, uint64_t version) {
    if (absl::GetFlag(FLAGS_acquittements).empty()) return;
    absl::MutexLock lock(&log_mu_);
    if (log_ == nullptr) {
      log_ = std::fopen(absl::GetFlag(FLAGS_acquittements).c_str(), "a");
      if (log_ == nullptr) {
        std::perror("acquittements");
        std::exit(2);
      }
    }
    std::fprintf(log_, "%s %s %s %" PRIu64 " %" PRIu64 "\n", op.c_str(),
                 request_id.c_str(), saisine_id.c_str(), expected, version);
    std::fflush(log_);
  }

  // One line of an acknowledgement file, sent again.
  bool VerifyOne(const std::vector<std::string>& f) {
    uint64_t expected = 0, version = 0;
    std::optional<IdParts> parts = f.size() == 5 ? PartsOf(f[1]) : std::nullopt;
    if (!parts.has_value() || !absl::SimpleAtoi(f[3], &expected) ||
        !absl::SimpleAtoi(f[4], &version)) {
      std::cerr << "verifier: bad line: " << absl::StrJoin(f, " ") << "\n";
      return false;
    }
    const std::string& op = f[0];
    const std::string& request_id = f[1];
    const std::string& saisine_id = f[2];
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    context.set_wait_for_ready(true);
    grpc::Status status;
    std::string got_id;
    uint64_t got_version = 0;
    bool rejoue = false;
    if (op == "intake") {
      context.AddMetadata("authorization", tokens_["accueil/" + parts->caisse]);
      v1::DeposerSaisineResponse response;
      status = accueil_[0]->DeposerSaisine(
          &context, IntakeRequest(request_id, *parts), &response);
      got_id = response.saisine_id();
      got_version = response.version();
      rejoue = response.rejoue();
    } else {
      context.AddMetadata("authorization",
                          tokens_["mediateur/" + parts->caisse]);
      // Both acts answer the same three fields.
      auto answer = [&](const auto& response) {
        got_id = response.saisine_id();
        got_version = response.version();
        rejoue = response.rejoue();
      };
      if (op == "recevable") {
        v1::DeclarerRecevableResponse response;
        status = mediation_[0]->DeclarerRecevable(
            &context,
            RecevableRequest(request_id, saisine_id, expected, parts->day),
            &response);
        answer(response);
      } else {
        v1::ConsignerEchangeResponse response;
        status = mediation_[0]->ConsignerEchange(
            &context,
            EchangeRequest(request_id, saisine_id, expected, parts->day),
            &response);
        answer(response);
      }
    }
    if (status.ok() && rejoue && got_id == saisine_id &&
        got_version == version) {
      return true;
    }
    if (reported_++ >= 20) return false;
    std::cerr << "verifier: " << op << " " << request_id << " acknowledged as "
              << saisine_id << " v" << version << ", now: "
              << (status.ok() ? absl::StrCat(got_id, " v", got_version,
                                             rejoue ? " (replay)" : " (NEW)")
                              : absl::StrCat("error ", status.error_code(), " ",
                                             status.error_message()))
              << "\n";
    return false;
  }

  const absl::Time today_;
  std::atomic<int> reported_{0};
  std::vector<std::unique_ptr<v1::AccueilService::Stub>> accueil_;
  std::vector<std::unique_ptr<v1::MediationService::Stub>> mediation_;
  std::vector<std::unique_ptr<v1::NationalService::Stub>> national_;
  std::vector<std::string> caisses_;
  std::map<std::string, std::string> tokens_;

  std::vector<int> mix_;
  absl::Time deadline_;
  int64_t budget_ = 0;
  std::atomic<int64_t> sent_{0};
  std::atomic<uint64_t> ids_{0};
  Recorder* recorder_ = nullptr;

  absl::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;

  absl::Mutex pool_mu_;
  std::deque<Known> pool_ ABSL_GUARDED_BY(pool_mu_);
  std::mt19937_64 rng_ ABSL_GUARDED_BY(pool_mu_){42};

  absl::Mutex retry_mu_;
  std::vector<std::pair<absl::Time, uint64_t>> retries_
      ABSL_GUARDED_BY(retry_mu_);
  bool closing_ ABSL_GUARDED_BY(retry_mu_) = false;
  std::thread retry_thread_{[this] { RetryLoop(); }};

  absl::Mutex log_mu_;
  FILE* log_ ABSL_GUARDED_BY(log_mu_) = nullptr;
};

std::optional<std::vector<int>> ParseMix(const std::string& text) {
  std::vector<int> mix(kOpCount, 0);
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(part, ':');
    int weight = 0;
    auto name = std::find(std::begin(kOpNames), std::end(kOpNames), kv.first);
    if (name == std::end(kOpNames) || !absl::SimpleAtoi(kv.second, &weight) ||
        weight < 0) {
      return std::nullopt;
    }
    mix[name - std::begin(kOpNames)] = weight;
  }
  int total = 0;
  for (int w : mix) total += w;
  if (total == 0) return std::nullopt;
  return mix;
}

int Main() {
  if (absl::StrContains(absl::GetFlag(FLAGS_run_id), '.')) {
    std::cerr << "--run_id: no '.'\n";
    return 2;
  }
  Client client;
  if (absl::Status s = client.SignTokens(); !s.ok()) {
    std::cerr << "tokens: " << s << "\n";
    return 2;
  }
  if (!absl::GetFlag(FLAGS_verifier).empty()) {
    int64_t checked = 0;
    const int64_t missing =
        client.Verify(absl::GetFlag(FLAGS_verifier), &checked);
    std::printf("verifier: %" PRId64 " acknowledged writes checked, %" PRId64
                " not found as acknowledged\n",
                checked, missing);
    return missing == 0 && checked > 0 ? 0 : 1;
  }
  std::optional<std::vector<int>> mix = ParseMix(absl::GetFlag(FLAGS_mix));
  if (!mix.has_value()) {
    std::cerr << "--mix: op:weight,... with op among intake acte get file "
                 "stats\n";
    return 2;
  }
  const int pid = absl::GetFlag(FLAGS_server_pid);
  const int64_t preload = absl::GetFlag(FLAGS_preload);
  if (preload > 0) {
    Recorder recorder;
    const absl::Time start = absl::Now();
    std::vector<int> intake(kOpCount, 0);
    intake[kIntake] = 1;
    client.Run(intake, absl::GetFlag(FLAGS_preload_concurrency),
               absl::InfiniteFuture(), preload, recorder);
    const absl::Duration took = absl::Now() - start;
    std::printf(
        "preload: %zu saisines in %.1f s (%.0f/s)\n", client.PoolSize(),
        absl::ToDoubleSeconds(took),
        static_cast<double>(client.PoolSize()) / absl::ToDoubleSeconds(took));
    if (recorder.FailureCount() > 0) recorder.Print(took);
  }
  ProcSample before;
  const bool measured = pid > 0 && SampleProc(pid).has_value();
  if (measured) before = *SampleProc(pid);
  const double own_before = OwnCpuSeconds();
  Recorder recorder;
  const absl::Time start = absl::Now();
  client.Run(*mix, absl::GetFlag(FLAGS_concurrency),
             start + absl::GetFlag(FLAGS_duration), 0, recorder);
  const absl::Duration elapsed = absl::Now() - start;
  const double seconds = absl::ToDoubleSeconds(elapsed);
  std::printf("%d in flight, %.1f s, mix %s, %d caisses, %s\n",
              absl::GetFlag(FLAGS_concurrency), seconds,
              absl::GetFlag(FLAGS_mix).c_str(), absl::GetFlag(FLAGS_caisses),
              absl::GetFlag(FLAGS_insecure) ? "plaintext" : "TLS");
  recorder.Print(elapsed);
  if (pid > 0) {
    const std::optional<ProcSample> after = SampleProc(pid);
    if (measured && after.has_value()) {
      std::printf(
          "server: pid %d, CPU %.2f cores (%.1f s), peak RSS %.0f MB, RSS "
          "%.0f MB\n",
          pid, (after->cpu_seconds - before.cpu_seconds) / seconds,
          after->cpu_seconds - before.cpu_seconds,
          static_cast<double>(after->peak_rss_kb) / 1024.0,
          static_cast<double>(after->rss_kb) / 1024.0);
    } else {
      std::printf("server: pid %d not readable in /proc\n", pid);
    }
  }
  std::printf("client: CPU %.2f cores\n",
              (OwnCpuSeconds() - own_before) / seconds);
  const int64_t failures = recorder.FailureCount();
  return failures == 0 || absl::GetFlag(FLAGS_tolerer_erreurs) ? 0 : 1;
}

}  // namespace
}  // namespace mediation

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  struct sigaction stop = {};
  stop.sa_handler = +[](int) { mediation::stop_requested.store(true); };
  sigaction(SIGINT, &stop, nullptr);
  sigaction(SIGTERM, &stop, nullptr);
  return mediation::Main();
}
