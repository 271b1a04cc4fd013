// ArenaMessageAllocator: the request and response of a callback RPC
// allocated on one protobuf arena per call, whose first block is part of the
// call's holder. Parsing a request then allocates no string or submessage of
// its own, and the call's end frees them all at once (one `delete`), on
// whichever thread gRPC ends the call.
//
//   static ArenaMessageAllocator<v1::DeposerSaisineRequest,
//                                v1::DeposerSaisineResponse> allocator;
//   service.SetMessageAllocatorFor_DeposerSaisine(&allocator);
//
// The allocator must outlive the server. Handlers see ordinary messages:
// they must not keep a pointer to the request or response once the call is
// finished (which holds whatever the allocator).
#ifndef MEDIATION_SERVICES_ARENA_ALLOCATOR_H_
#define MEDIATION_SERVICES_ARENA_ALLOCATOR_H_

#include <cstddef>

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace mediation {

template <typename Request, typename Response>
class ArenaMessageAllocator final
    : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override {
    return new Holder();
  }

 private:
  // A deposit's request and response (about 1.5 KB with their strings) fit
  // in the first block; a larger request takes more blocks from the heap.
  static constexpr size_t kFirstBlockBytes = 4096;

  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(FirstBlock(first_block_)) {
      this->set_request(
          google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(
          google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

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
};

}  // namespace mediation

#endif  // MEDIATION_SERVICES_ARENA_ALLOCATOR_H_
