// What the process's allocator keeps of freed memory.
//
// mediationd links tcmalloc (gperftools' tcmalloc_minimal, Debian's
// libtcmalloc-minimal4): on the write path about a fifth of the server's
// CPU went to glibc's malloc and free, spread over gRPC, protobuf, RocksDB
// and the projections. mediationctl, the reference server and the
// benchmarks link it too; tests keep glibc's allocator. Code that frees a
// large working set (a projection rebuild) calls ReleaseFreeMemory, which
// works with either.
#ifndef MEDIATION_BASE_MEMORY_H_
#define MEDIATION_BASE_MEMORY_H_

namespace mediation {

// Returns the free memory the allocator holds to the system, so that the
// process's RSS drops back after a large build: tcmalloc's page heap when
// tcmalloc is linked, glibc's arenas (malloc_trim) in any case.
void ReleaseFreeMemory();

// "tcmalloc" when the process allocates with tcmalloc, "glibc" otherwise:
// for the start log line, so that an operator sees which one runs.
const char* AllocatorName();

}  // namespace mediation

#endif  // MEDIATION_BASE_MEMORY_H_
