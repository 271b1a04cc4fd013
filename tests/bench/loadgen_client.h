// The load generator's client (loadgen.cc has its flags and main): a
// closed loop of gRPC calls over several channels, each slot sending its
// next request once the previous one is answered.
#ifndef MEDIATION_TESTS_BENCH_LOADGEN_CLIENT_H_
#define MEDIATION_TESTS_BENCH_LOADGEN_CLIENT_H_

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

#include "absl/flags/declare.h"
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
#include "security/jwt.h"
#include "security/principal.h"
#include "server/caisses.h"
#include "tests/bench/loadgen_support.h"

ABSL_DECLARE_FLAG(std::string, server);
ABSL_DECLARE_FLAG(bool, insecure);
ABSL_DECLARE_FLAG(std::string, credentials);
ABSL_DECLARE_FLAG(int, channels);
ABSL_DECLARE_FLAG(int, caisses);
ABSL_DECLARE_FLAG(std::string, acquittements);
ABSL_DECLARE_FLAG(bool, tolerer_erreurs);
ABSL_DECLARE_FLAG(std::string, run_id);

namespace mediation::loadgen {

struct Known {
  std::string saisine_id;
  std::string caisse;
  uint64_t version = 0;
};

class Client {
 public:
  // The requests' dates are yesterday's in UTC: not in the future for any
  // caisse, whose day the service takes in its own time zone (the
  // Antilles', at UTC-4, are still on the day before until 04:00 UTC).
  Client() : today_(absl::Now() - absl::Hours(24)) {
    for (int i = 0; i < absl::GetFlag(FLAGS_channels); ++i) {
      grpc::ChannelArguments args;
      args.SetInt("mediation.loadgen.channel", i);  // One connection each.
      args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
      args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
      args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
      std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
          absl::GetFlag(FLAGS_server), Credentials(), args);
      channels_.push_back(channel);
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

  // Waits until every channel has its connection, `within` at most; returns
  // how many have none. Called before a run, so that no request fails
  // fast on a connection still being made: with the short reconnect
  // backoff above, gRPC gives an attempt 100 ms for its handshake, which a
  // busy machine can miss, and a request sent on a channel without a
  // connection then fails UNAVAILABLE (unless --tolerer_erreurs).
  int Connect(absl::Duration within) {
    const auto deadline = absl::ToChronoTime(absl::Now() + within);
    int unconnected = 0;
    for (const std::shared_ptr<grpc::Channel>& channel : channels_) {
      if (!channel->WaitForConnected(deadline)) ++unconnected;
    }
    return unconnected;
  }

  absl::Status SignTokens() {
    const std::string dir = absl::GetFlag(FLAGS_credentials);
    ASSIGN_OR_RETURN(std::string pem, ReadFile(dir + "/jeton-signature.key"));
    absl::StatusOr<JwtSigner> signer =
        JwtSigner::FromPrivateKeyPem(pem, "mediation-dev", "mediation");
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
    switch (op) {
      case kIntake:
        return SendIntake(slot, channel);
      case kActe:
        return SendActe(slot, channel, *known);
      case kGet:
        return SendGet(slot, channel, *known);
      case kFile:
        return SendFile(slot, channel);
      case kStats:
      case kOpCount:
        return SendStats(slot, channel);
    }
  }

  void SendIntake(uint64_t slot, size_t channel) {
    const std::string& caisse = caisses_[slot % caisses_.size()];
    auto call = NewCall<v1::DeposerSaisineRequest, v1::DeposerSaisineResponse>(
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
  }

  // An act on a known saisine, which goes back to the pool with its new
  // version.
  void SendActe(uint64_t slot, size_t channel, const Known& known_saisine) {
    const Known* known = &known_saisine;
    const std::string token = tokens_["mediateur/" + known->caisse];
    const std::string id = NewRequestId(known->caisse);
    // The saisine goes back to the pool with its new version.
    const auto then = [this](auto& c, const grpc::Status& status, bool ok) {
      Known k = c.known;
      if (ok) {
        Log(c.log_op, c.request.commun().request_id(), k.saisine_id, k.version,
            c.response.version());
        k.version = c.response.version();
      } else if (status.error_code() == grpc::StatusCode::ABORTED) {
        k.version = 0;  // Unknown now: the next act takes the current.
      }
      Give(std::move(k));
    };
    if (known->version == 1) {
      auto call =
          NewCall<v1::DeclarerRecevableRequest, v1::DeclarerRecevableResponse>(
              token);
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
      auto call =
          NewCall<v1::ConsignerEchangeRequest, v1::ConsignerEchangeResponse>(
              token);
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
  }

  void SendGet(uint64_t slot, size_t channel, const Known& known_saisine) {
    const Known* known = &known_saisine;
    auto call = NewCall<v1::GetSaisineRequest, v1::GetSaisineResponse>(
        tokens_["accueil/" + known->caisse]);
    call->request.set_saisine_id(known->saisine_id);
    Send(
        kGet, slot, std::move(call),
        [&](auto* c, auto done) {
          accueil_[channel]->async()->GetSaisine(&c->context, &c->request,
                                                 &c->response, std::move(done));
        },
        [](auto&, const grpc::Status&, bool) {});
  }

  void SendFile(uint64_t slot, size_t channel) {
    const std::string& caisse = caisses_[slot % caisses_.size()];
    auto call = NewCall<v1::ListParUrgenceRequest, v1::ListParUrgenceResponse>(
        tokens_["mediateur/" + caisse]);
    call->request.set_page_size(50);
    Send(
        kFile, slot, std::move(call),
        [&](auto* c, auto done) {
          mediation_[channel]->async()->ListParUrgence(
              &c->context, &c->request, &c->response, std::move(done));
        },
        [](auto&, const grpc::Status&, bool) {});
  }

  void SendStats(uint64_t slot, size_t channel) {
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
        [](auto&, const grpc::Status&, bool) {});
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
  // What a request sent again answered.
  struct Renvoi {
    grpc::Status status;
    std::string saisine_id;
    uint64_t version = 0;
    bool rejoue = false;
    template <typename Response>
    void From(const grpc::Status& s, const Response& response) {
      status = s;
      saisine_id = response.saisine_id();
      version = response.version();
      rejoue = response.rejoue();
    }
  };

  // Sends again the request `op` logged under `request_id`.
  Renvoi Renvoyer(const std::string& op, const std::string& request_id,
                  const std::string& saisine_id, uint64_t expected,
                  const IdParts& parts) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    context.set_wait_for_ready(true);
    Renvoi renvoi;
    const bool intake = op == "intake";
    context.AddMetadata(
        "authorization",
        tokens_[(intake ? "accueil/" : "mediateur/") + parts.caisse]);
    if (intake) {
      v1::DeposerSaisineResponse response;
      renvoi.From(accueil_[0]->DeposerSaisine(
                      &context, IntakeRequest(request_id, parts), &response),
                  response);
    } else if (op == "recevable") {
      v1::DeclarerRecevableResponse response;
      renvoi.From(
          mediation_[0]->DeclarerRecevable(
              &context,
              RecevableRequest(request_id, saisine_id, expected, parts.day),
              &response),
          response);
    } else {
      v1::ConsignerEchangeResponse response;
      renvoi.From(
          mediation_[0]->ConsignerEchange(
              &context,
              EchangeRequest(request_id, saisine_id, expected, parts.day),
              &response),
          response);
    }
    return renvoi;
  }

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
    const Renvoi r = Renvoyer(op, request_id, saisine_id, expected, *parts);
    if (r.status.ok() && r.rejoue && r.saisine_id == saisine_id &&
        r.version == version) {
      return true;
    }
    if (reported_++ >= 20) return false;
    std::cerr << "verifier: " << op << " " << request_id << " acknowledged as "
              << saisine_id << " v" << version << ", now: "
              << (r.status.ok()
                      ? absl::StrCat(r.saisine_id, " v", r.version,
                                     r.rejoue ? " (replay)" : " (NEW)")
                      : absl::StrCat("error ", r.status.error_code(), " ",
                                     r.status.error_message()))
              << "\n";
    return false;
  }

  const absl::Time today_;
  std::atomic<int> reported_{0};
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
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

}  // namespace mediation::loadgen

#endif  // MEDIATION_TESTS_BENCH_LOADGEN_CLIENT_H_
