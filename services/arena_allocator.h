// ArenaMessageAllocator: the request and response of a callback RPC
// allocated on one protobuf arena per call, whose first block is part of the
// call's holder (storage/proto_arena.h). Parsing a request then puts its
// submessages, string objects and short strings there instead of one
// allocation each, and the call's end frees them at once (one `delete`), on
// whichever thread gRPC ends the call.
//
//   static ArenaMessageAllocator<v1::DeposerSaisineRequest,
//                                v1::DeposerSaisineResponse> allocator;
//   service.SetMessageAllocatorFor_DeposerSaisine(&allocator);
//
// The allocator must outlive the server (a member of the service does).
// Handlers see ordinary messages, and must not keep a pointer to the request
// or the response past the end of the call: the holder is deleted then.
#ifndef MEDIATION_SERVICES_ARENA_ALLOCATOR_H_
#define MEDIATION_SERVICES_ARENA_ALLOCATOR_H_

#include <cstddef>

#include "grpcpp/support/message_allocator.h"
#include "storage/proto_arena.h"

namespace mediation {

template <typename Request, typename Response>
class ArenaMessageAllocator final
    : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override {
    return new Holder();
  }

 private:
  // A deposit's request and response objects fit in the first block; a
  // larger request takes more blocks from the heap.
  static constexpr size_t kFirstBlockBytes = 4096;

  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() {
      this->set_request(arena_.template Create<Request>());
      this->set_response(arena_.template Create<Response>());
    }
    void Release() override { delete this; }

   private:
    ProtoArena<kFirstBlockBytes> arena_;
  };
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ARENA_ALLOCATOR_H_
