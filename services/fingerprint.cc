#include "services/fingerprint.h"

#include <memory>

#include "openssl/sha.h"
#include "storage/codec.h"

namespace mediation {

std::string RequestFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const google::protobuf::Descriptor* descriptor = copy->GetDescriptor();
  for (const char* name : {"request_id", "correlation_id"}) {
    if (const auto* field = descriptor->FindFieldByName(name)) {
      copy->GetReflection()->ClearField(copy.get(), field);
    }
  }
  const std::string bytes = SerializeDeterministic(*copy);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

}  // namespace mediation
