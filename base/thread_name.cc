#include "base/thread_name.h"

#include <pthread.h>

#include <string>

namespace mediation {

void NameThread(std::thread& thread, absl::string_view name) {
  const std::string kept(name.substr(0, kMaxThreadName));
  pthread_setname_np(thread.native_handle(), kept.c_str());
}

std::string ThreadName(std::thread& thread) {
  char name[kMaxThreadName + 1] = {};
  if (pthread_getname_np(thread.native_handle(), name, sizeof(name)) != 0) {
    return "";
  }
  return name;
}

}  // namespace mediation
