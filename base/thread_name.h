// Names the calling thread, as `top -H`, `ps -L`, `perf` and gdb show it, so
// that an operator sees which of the server's threads is busy (the log's
// stager, its WAL writer, the answers…) rather than "mediationd" for all.
//
//   std::thread([this] {
//     NameThisThread("mdn-wal-writer");
//     Loop();
//   });
//
// Linux keeps 15 bytes of a name: a longer one is cut there. Naming is a
// hint for people: a failure (another platform) is ignored.
#ifndef MEDIATION_BASE_THREAD_NAME_H_
#define MEDIATION_BASE_THREAD_NAME_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mediation {

// The longest name the kernel keeps, in bytes.
inline constexpr size_t kMaxThreadName = 15;

void NameThisThread(absl::string_view name);

// The calling thread's name ("" when it cannot be read).
std::string ThisThreadName();

}  // namespace mediation

#endif  // MEDIATION_BASE_THREAD_NAME_H_
