// CPU and memory of a process, read from /proc (Linux): the load
// generator samples the server it loads and itself, store_bench its own
// peak memory.
#ifndef MEDIATION_TESTS_BENCH_PROC_SAMPLE_H_
#define MEDIATION_TESTS_BENCH_PROC_SAMPLE_H_

#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace mediation::bench {

// CPU seconds (user + system) and peak / current RSS of a process.
struct ProcSample {
  double cpu_seconds = 0;
  int64_t peak_rss_kb = 0;
  int64_t rss_kb = 0;
};

inline std::optional<ProcSample> SampleProc(int pid) {
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

inline double OwnCpuSeconds() {
  std::optional<ProcSample> s = SampleProc(getpid());
  return s ? s->cpu_seconds : 0;
}

// Forgets the peak RSS of this process (VmHWM starts again from the
// current RSS), so that a later sample gives the peak of what follows.
inline void ResetOwnPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace mediation::bench

#endif  // MEDIATION_TESTS_BENCH_PROC_SAMPLE_H_
