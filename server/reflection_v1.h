// ReflectionV1: the gRPC server reflection protocol, version grpc.reflection.v1
// (gRPC 1.51 serves only v1alpha, which current tools such as `buf curl` and
// grpcurl ask second, or not at all). It answers from the process's
// generated descriptor pool, as v1alpha does.
#ifndef MEDIATION_SERVER_REFLECTION_V1_H_
#define MEDIATION_SERVER_REFLECTION_V1_H_

#include <string>
#include <vector>

#include "grpc/reflection/v1/reflection.grpc.pb.h"

namespace mediation {

class ReflectionV1 final
    : public grpc::reflection::v1::ServerReflection::Service {
 public:
  // `services`: the full names list_services answers.
  explicit ReflectionV1(std::vector<std::string> services)
      : services_(std::move(services)) {}

  grpc::Status ServerReflectionInfo(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
                               grpc::reflection::v1::ServerReflectionRequest>*
          stream) override;

 private:
  const std::vector<std::string> services_;
};

}  // namespace mediation

#endif  // MEDIATION_SERVER_REFLECTION_V1_H_
