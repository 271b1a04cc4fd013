#include "base/memory.h"

#include <malloc.h>

// Declared weak: defined only when tcmalloc is linked into the process
// (gperftools/malloc_extension_c.h), null otherwise.
extern "C" void MallocExtension_ReleaseFreeMemory(void) __attribute__((weak));

namespace mediation {

void ReleaseFreeMemory() {
  if (MallocExtension_ReleaseFreeMemory != nullptr) {
    MallocExtension_ReleaseFreeMemory();
  }
  malloc_trim(0);
}

const char* AllocatorName() {
  return MallocExtension_ReleaseFreeMemory != nullptr ? "tcmalloc" : "glibc";
}

}  // namespace mediation
