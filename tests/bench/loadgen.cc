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
#include "security/jwt.h"
#include "security/principal.h"
#include "server/caisses.h"
#include "tests/bench/loadgen_client.h"

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

namespace mediation::loadgen {
namespace {

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

// A synthetic population, deposited before the measure.
void Preload(Client& client, int64_t preload) {
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

// Prints the server's CPU and memory over the run, from /proc.
void PrintServer(int pid, bool measured, const ProcSample& before,
                 double seconds) {
  const std::optional<ProcSample> after = SampleProc(pid);
  if (!measured || !after.has_value()) {
    std::printf("server: pid %d not readable in /proc\n", pid);
    return;
  }
  std::printf(
      "server: pid %d, CPU %.2f cores (%.1f s), peak RSS %.0f MB, RSS "
      "%.0f MB\n",
      pid, (after->cpu_seconds - before.cpu_seconds) / seconds,
      after->cpu_seconds - before.cpu_seconds,
      static_cast<double>(after->peak_rss_kb) / 1024.0,
      static_cast<double>(after->rss_kb) / 1024.0);
}

// The measured run: answers per second and latencies, server and client CPU.
int Measure(Client& client, const std::vector<int>& mix) {
  const int pid = absl::GetFlag(FLAGS_server_pid);
  ProcSample before;
  const bool measured = pid > 0 && SampleProc(pid).has_value();
  if (measured) before = *SampleProc(pid);
  const double own_before = OwnCpuSeconds();
  Recorder recorder;
  const absl::Time start = absl::Now();
  client.Run(mix, absl::GetFlag(FLAGS_concurrency),
             start + absl::GetFlag(FLAGS_duration), 0, recorder);
  const absl::Duration elapsed = absl::Now() - start;
  const double seconds = absl::ToDoubleSeconds(elapsed);
  std::printf("%d in flight, %.1f s, mix %s, %d caisses, %s\n",
              absl::GetFlag(FLAGS_concurrency), seconds,
              absl::GetFlag(FLAGS_mix).c_str(), absl::GetFlag(FLAGS_caisses),
              absl::GetFlag(FLAGS_insecure) ? "plaintext" : "TLS");
  recorder.Print(elapsed);
  if (pid > 0) PrintServer(pid, measured, before, seconds);
  std::printf("client: CPU %.2f cores\n",
              (OwnCpuSeconds() - own_before) / seconds);
  const int64_t failures = recorder.FailureCount();
  return failures == 0 || absl::GetFlag(FLAGS_tolerer_erreurs) ? 0 : 1;
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
  // With --tolerer_erreurs the requests wait for a connection themselves
  // (the server may be down, restarting); otherwise, connected first.
  if (!absl::GetFlag(FLAGS_tolerer_erreurs)) {
    if (const int unconnected = client.Connect(absl::Seconds(10));
        unconnected > 0) {
      std::cerr << unconnected << " of " << absl::GetFlag(FLAGS_channels)
                << " channels not connected to " << absl::GetFlag(FLAGS_server)
                << " after 10 s\n";
    }
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
  const int64_t preload = absl::GetFlag(FLAGS_preload);
  if (preload > 0) Preload(client, preload);
  return Measure(client, *mix);
}

}  // namespace
}  // namespace mediation::loadgen

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // As in mediationd's main (cmd/mediationd/main.cc), and for the same
  // reason: no lock-order recording on every absl::Mutex.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  struct sigaction stop = {};
  stop.sa_handler =
      +[](int) { mediation::loadgen::stop_requested.store(true); };
  sigaction(SIGINT, &stop, nullptr);
  sigaction(SIGTERM, &stop, nullptr);
  return mediation::loadgen::Main();
}
