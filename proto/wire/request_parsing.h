// How the server reads the bytes of a request, so that a request that does
// not parse is answered INVALID_ARGUMENT naming the field.
//
// gRPC 1.51's callback API drops the status of a failed deserialisation and
// answers UNIMPLEMENTED with an empty message. So the SerializationTraits of
// every request type of our services are specialised here (protoc's gRPC
// plugin includes this header into each generated *.grpc.pb.h, right after
// the messages, through `additional_header_includes`, so every translation
// unit that instantiates them sees the same specialisation): Deserialize
// always succeeds, and a request that does not parse arrives at its handler
// empty, carrying the reason; the handler answers it with RequeteLisible.
#ifndef MEDIATION_PROTO_WIRE_REQUEST_PARSING_H_
#define MEDIATION_PROTO_WIRE_REQUEST_PARSING_H_

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "mediation/v1/accueil.pb.h"
#include "mediation/v1/administration.pb.h"
#include "mediation/v1/audit.pb.h"
#include "mediation/v1/cra.pb.h"
#include "mediation/v1/mediation.pb.h"
#include "mediation/v1/national.pb.h"

namespace mediation::wire {

// The highest field number protobuf allows: no message of ours uses it. A
// request that does not parse carries its failure there, as an unknown
// field "<field>\0<description>"; ParseRequest removes it from a request
// that parses, so that no caller can plant it.
inline constexpr int kParseFailureField = (1 << 29) - 1;

// Parses `buffer` into `request`. When the bytes do not parse, `request` is
// left empty but for a mark that RequeteLisible reads. Always OK: the
// failure is the handler's to answer.
grpc::Status ParseRequest(grpc::ByteBuffer* buffer,
                          google::protobuf::Message* request);

// OK for a request that parsed; else INVALID_ARGUMENT "<field>: <why>",
// with the field where the bytes went wrong.
absl::Status RequeteLisible(const google::protobuf::Message& request);

}  // namespace mediation::wire

#define MEDIATION_WIRE_REQUEST(Type)                                         \
  template <>                                                                \
  class grpc::SerializationTraits<Type, void> {                              \
   public:                                                                   \
    static grpc::Status Serialize(const grpc::protobuf::MessageLite& msg,    \
                                  grpc::ByteBuffer* bb, bool* own) {         \
      return grpc::GenericSerialize<grpc::ProtoBufferWriter, Type>(msg, bb,  \
                                                                   own);     \
    }                                                                        \
    static grpc::Status Deserialize(grpc::ByteBuffer* buffer,                \
                                    grpc::protobuf::MessageLite* msg) {      \
      return mediation::wire::ParseRequest(buffer, static_cast<Type*>(msg)); \
    }                                                                        \
  }

// Every request type of our services' rpcs, generated from the protos.
#include "proto/wire/requests.inc"

#undef MEDIATION_WIRE_REQUEST

#endif  // MEDIATION_PROTO_WIRE_REQUEST_PARSING_H_
