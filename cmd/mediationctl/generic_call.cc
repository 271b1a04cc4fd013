#include "cmd/mediationctl/generic_call.h"

#include <memory>
#include <vector>

#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"

namespace mediation {
namespace {

bool Flatten(const grpc::ByteBuffer& buffer, std::string* bytes) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  for (const grpc::Slice& slice : slices) {
    bytes->append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return true;
}

}  // namespace

grpc::Status CallUnary(const std::shared_ptr<grpc::Channel>& channel,
                       grpc::ClientContext& context,
                       const std::string& full_method,
                       const google::protobuf::Message& request,
                       google::protobuf::Message& response) {
  grpc::Slice request_slice(request.SerializeAsString());
  grpc::ByteBuffer request_buffer(&request_slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  grpc::Status status;
  auto call =
      stub.PrepareUnaryCall(&context, full_method, request_buffer, &queue);
  call->StartCall();
  call->Finish(&response_buffer, &status, reinterpret_cast<void*>(1));
  void* tag = nullptr;
  bool ok = false;
  queue.Next(&tag, &ok);
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  if (!status.ok()) return status;
  std::string bytes;
  if (!Flatten(response_buffer, &bytes) || !response.ParseFromString(bytes)) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "the answer does not parse as " +
                            response.GetDescriptor()->full_name());
  }
  return grpc::Status::OK;
}

}  // namespace mediation
