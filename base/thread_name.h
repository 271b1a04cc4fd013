// Names a thread, as `top -H`, `ps -L`, `perf` and gdb show it, so that an
// operator sees which of the server's threads is busy (the log's stager,
// its WAL writer, the answers…) rather than "mediationd" for all.
//
//   thread_ = std::thread([this] { Loop(); });
//   NameThread(thread_, "mdn-wal-writer");
//
// Named by its creator, the thread carries its name once the call returns
// (a thread naming itself would race whoever looks). Linux keeps 15 bytes of
// a name: a longer one is cut there. Naming is a hint for people: a failure
// (another platform, a thread already ended) is ignored.
#ifndef MEDIATION_BASE_THREAD_NAME_H_
#define MEDIATION_BASE_THREAD_NAME_H_

#include <string>
#include <thread>

#include "absl/strings/string_view.h"

namespace mediation {

// The longest name the kernel keeps, in bytes.
inline constexpr size_t kMaxThreadName = 15;

// REQUIRES: `thread` is joinable.
void NameThread(std::thread& thread, absl::string_view name);

// `thread`'s name ("" when it cannot be read). REQUIRES: joinable.
std::string ThreadName(std::thread& thread);

}  // namespace mediation

#endif  // MEDIATION_BASE_THREAD_NAME_H_
