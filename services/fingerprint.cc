#include "services/fingerprint.h"

#include "absl/strings/str_cat.h"
#include "storage/codec.h"
#include "storage/keys.h"
#include "storage/proto_arena.h"
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
  // request's submessages and string objects are not allocated one by one,
  // nor freed one by one (a deposit's copy is about thirty of them).
  ProtoArena<4096> arena;
  google::protobuf::Message* copy = arena.NewLike(request);
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
