#include "base/thread_name.h"

#include <pthread.h>

#include <string>

namespace mediation {

void NameThisThread(absl::string_view name) {
  const std::string kept(name.substr(0, kMaxThreadName));
  pthread_setname_np(pthread_self(), kept.c_str());
}

std::string ThisThreadName() {
  char name[kMaxThreadName + 1] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof(name)) != 0) return "";
  return name;
}

}  // namespace mediation
