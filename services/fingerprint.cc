#include "services/fingerprint.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/arena.h"
#include "storage/codec.h"
#include "storage/keys.h"
#include "storage/sha256.h"

namespace mediation {
namespace {

void ClearRequestIds(google::protobuf::Message& message) {
  for (const char* name : {"request_id", "correlation_id"}) {
    if (const auto* field = message.GetDescriptor()->FindFieldByName(name)) {
      message.GetReflection()->ClearField(&message, field);
    }
  }
}

}  // namespace

std::string RequestFingerprint(const google::protobuf::Message& request) {
  // The copy lives on an arena whose first block is on the stack: a
  // request's strings and submessages are not allocated one by one, nor
  // freed one by one (a deposit's copy is about thirty of them).
  alignas(8) char initial_block[4096];
  google::protobuf::ArenaOptions arena_options;
  arena_options.initial_block = initial_block;
  arena_options.initial_block_size = sizeof(initial_block);
  google::protobuf::Arena arena(arena_options);
  google::protobuf::Message* copy = request.New(&arena);
  // Merged into the new, empty message: a copy, without the check that
  // Message::CopyFrom runs when protobuf is built without NDEBUG (as
  // Debian's is), a walk of every field by reflection.
  copy->MergeFrom(request);
  ClearRequestIds(*copy);
  // Acts carry them in their common header.
  if (const auto* commun = copy->GetDescriptor()->FindFieldByName("commun");
      commun != nullptr &&
      commun->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
    ClearRequestIds(*copy->GetReflection()->MutableMessage(copy, commun));
  }
  // The request's type names its RPC: two acts whose bodies have the same
  // bytes (an orientation and a clôture can) are different requests.
  return Sha256(absl::StrCat(request.GetDescriptor()->full_name(), "\n",
                             SerializeDeterministic(*copy)));
}

std::string RequestScope(absl::string_view caisse,
                         const google::protobuf::Message& request) {
  return absl::StrCat(LengthPrefixed(caisse),
                      LengthPrefixed(request.GetDescriptor()->full_name()));
}

}  // namespace mediation
