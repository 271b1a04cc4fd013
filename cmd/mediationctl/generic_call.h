// A unary gRPC call by method name with dynamic messages: for clients that
// pick the method at run time (mediationctl's `acte`, the reflection-based
// test client). Depends on no mediation proto.
#ifndef MEDIATION_CMD_MEDIATIONCTL_GENERIC_CALL_H_
#define MEDIATION_CMD_MEDIATIONCTL_GENERIC_CALL_H_

#include <memory>
#include <string>

#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace mediation {

// Calls `full_method` ("/package.Service/Method") with `request` and parses
// the answer into `response` (whose type must be the method's output type).
// INTERNAL when the answer does not parse.
grpc::Status CallUnary(const std::shared_ptr<grpc::Channel>& channel,
                       grpc::ClientContext& context,
                       const std::string& full_method,
                       const google::protobuf::Message& request,
                       google::protobuf::Message& response);

}  // namespace mediation

#endif  // MEDIATION_CMD_MEDIATIONCTL_GENERIC_CALL_H_
