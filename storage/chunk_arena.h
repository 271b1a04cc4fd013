// ChunkArena: memory handed out in pieces from chunks, freed all at once.
// One allocation serves thousands of small records or keys, and freeing
// them costs one free per chunk, whichever thread does it.
//
//   ChunkArena arena(64 << 10);
//   absl::string_view key = arena.Copy("s/0192…");  // Valid until Clear.
//
// Not thread safe. Movable: pieces handed out stay valid in the moved-to
// arena.
#ifndef MEDIATION_STORAGE_CHUNK_ARENA_H_
#define MEDIATION_STORAGE_CHUNK_ARENA_H_

#include <cstddef>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/strings/string_view.h"

namespace mediation {

class ChunkArena {
 public:
  // Chunks of `chunk_bytes`; a piece larger than a chunk gets its own.
  explicit ChunkArena(size_t chunk_bytes = 4 << 20)
      : chunk_bytes_(chunk_bytes) {}
  ChunkArena(ChunkArena&&) = default;
  ChunkArena& operator=(ChunkArena&&) = default;

  // `size` bytes at an offset aligned to `align` (a power of two, at most
  // the alignment of operator new[]), valid until Clear or destruction.
  char* Allocate(size_t size, size_t align = 1) {
    if (size > chunk_bytes_) {
      large_.emplace_back(new char[size]);
      return large_.back().get();
    }
    size_t offset = (used_ + align - 1) & ~(align - 1);
    if (in_use_ == 0 || offset + size > chunk_bytes_) {
      if (in_use_ == chunks_.size()) {
        chunks_.emplace_back(new char[chunk_bytes_]);
      }
      ++in_use_;
      offset = 0;
    }
    used_ = offset + size;
    return chunks_[in_use_ - 1].get() + offset;
  }

  // A copy of `bytes` in the arena.
  absl::string_view Copy(absl::string_view bytes) {
    if (bytes.empty()) return absl::string_view();
    char* copy = Allocate(bytes.size());
    std::memcpy(copy, bytes.data(), bytes.size());
    return absl::string_view(copy, bytes.size());
  }

  // Forgets the pieces but keeps the chunks for the next ones.
  void Clear() {
    large_.clear();
    in_use_ = 0;
    used_ = 0;
  }

 private:
  size_t chunk_bytes_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t in_use_ = 0;  // Chunks in use, the last of them being filled
  size_t used_ = 0;    // up to here.
  std::vector<std::unique_ptr<char[]>> large_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_CHUNK_ARENA_H_
