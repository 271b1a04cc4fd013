// Running another program (a helper such as headless Chromium) and waiting
// for it, bounded. No shell: arguments are passed as they are.
#ifndef MEDIATION_BASE_SUBPROCESS_H_
#define MEDIATION_BASE_SUBPROCESS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace mediation {

// Runs argv[0] (looked up in PATH) with argv, its stdin from /dev/null and
// its stdout and stderr appended to `log_path`, and waits at most
// `timeout`. OK when it exits with status 0. NOT_FOUND when the program
// cannot be started, DEADLINE_EXCEEDED (the process is killed) when it runs
// too long, INTERNAL when it fails, naming its status and the end of its
// log.
absl::Status RunProgram(const std::vector<std::string>& argv,
                        const std::string& log_path, absl::Duration timeout);

}  // namespace mediation

#endif  // MEDIATION_BASE_SUBPROCESS_H_
