// ProtoArena: a protobuf arena whose first block is part of the object (on
// the stack, or inside whatever holds it). Messages built on it put their
// submessages and string objects in that block until they outgrow it (then
// in blocks from the heap), and are freed at once with the arena; none of
// their destructors runs. With protobuf 3.21 a string longer than the
// string's own buffer (15 bytes) still allocates its characters.
//
//   ProtoArena<2048> arena;
//   auto* record = arena.Create<v1::EventRecord>();
//
// Not thread safe; not movable (the arena points into the object).
#ifndef MEDIATION_STORAGE_PROTO_ARENA_H_
#define MEDIATION_STORAGE_PROTO_ARENA_H_

#include <cstddef>
#include <cstdint>

#include "google/protobuf/arena.h"
#include "google/protobuf/message.h"

namespace mediation {

template <size_t kFirstBlockBytes>
class ProtoArena {
 public:
  ProtoArena() : arena_(FirstBlock(first_block_)) {}
  ProtoArena(const ProtoArena&) = delete;
  ProtoArena& operator=(const ProtoArena&) = delete;

  // A new, empty message on the arena.
  template <typename Message>
  Message* Create() {
    return google::protobuf::Arena::CreateMessage<Message>(&arena_);
  }
  // A new, empty message of `prototype`'s type on the arena (a type known
  // only at run time).
  google::protobuf::Message* NewLike(
      const google::protobuf::Message& prototype) {
    return prototype.New(&arena_);
  }
  // The bytes of its blocks, the first included.
  uint64_t SpaceAllocated() const { return arena_.SpaceAllocated(); }

 private:
  static google::protobuf::ArenaOptions FirstBlock(char* block) {
    google::protobuf::ArenaOptions options;
    options.initial_block = block;
    options.initial_block_size = kFirstBlockBytes;
    return options;
  }

  // Declared before the arena, which is built on it and destroyed first.
  alignas(std::max_align_t) char first_block_[kFirstBlockBytes];
  google::protobuf::Arena arena_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_PROTO_ARENA_H_
