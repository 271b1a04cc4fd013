#include "server/reflection_v1.h"

#include <set>
#include <utility>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"

namespace mediation {
namespace {

namespace v1 = grpc::reflection::v1;
using google::protobuf::DescriptorPool;
using google::protobuf::FileDescriptor;

// `file` and the files it imports, transitively, each once; a client asks
// for what it lacks, so every file not sent yet on the stream goes.
void AddFile(const FileDescriptor* file, std::set<std::string>& sent,
             v1::FileDescriptorResponse* response) {
  if (!sent.insert(file->name()).second) return;
  google::protobuf::FileDescriptorProto proto;
  file->CopyTo(&proto);
  response->add_file_descriptor_proto(proto.SerializeAsString());
  for (int i = 0; i < file->dependency_count(); ++i) {
    AddFile(file->dependency(i), sent, response);
  }
}

void NotFound(v1::ServerReflectionResponse& response,
              const std::string& message) {
  response.mutable_error_response()->set_error_code(
      static_cast<int>(grpc::StatusCode::NOT_FOUND));
  response.mutable_error_response()->set_error_message(message);
}

}  // namespace

grpc::Status ReflectionV1::ServerReflectionInfo(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::ServerReflectionResponse,
                             v1::ServerReflectionRequest>* stream) {
  const DescriptorPool* pool = DescriptorPool::generated_pool();
  std::set<std::string> sent;
  v1::ServerReflectionRequest request;
  while (stream->Read(&request)) {
    v1::ServerReflectionResponse response;
    response.set_valid_host(request.host());
    *response.mutable_original_request() = request;
    switch (request.message_request_case()) {
      case v1::ServerReflectionRequest::kListServices:
        for (const std::string& name : services_) {
          response.mutable_list_services_response()->add_service()->set_name(
              name);
        }
        break;
      case v1::ServerReflectionRequest::kFileByFilename: {
        const FileDescriptor* file =
            pool->FindFileByName(request.file_by_filename());
        if (file == nullptr) {
          NotFound(response, "file not found: " + request.file_by_filename());
        } else {
          AddFile(file, sent, response.mutable_file_descriptor_response());
        }
        break;
      }
      case v1::ServerReflectionRequest::kFileContainingSymbol: {
        const FileDescriptor* file =
            pool->FindFileContainingSymbol(request.file_containing_symbol());
        if (file == nullptr) {
          NotFound(response,
                   "symbol not found: " + request.file_containing_symbol());
        } else {
          AddFile(file, sent, response.mutable_file_descriptor_response());
        }
        break;
      }
      case v1::ServerReflectionRequest::kFileContainingExtension: {
        const auto& extension = request.file_containing_extension();
        const google::protobuf::Descriptor* type =
            pool->FindMessageTypeByName(extension.containing_type());
        const google::protobuf::FieldDescriptor* field =
            type == nullptr ? nullptr
                            : pool->FindExtensionByNumber(
                                  type, extension.extension_number());
        if (field == nullptr) {
          NotFound(response, "extension not found");
        } else {
          AddFile(field->file(), sent,
                  response.mutable_file_descriptor_response());
        }
        break;
      }
      case v1::ServerReflectionRequest::kAllExtensionNumbersOfType: {
        const google::protobuf::Descriptor* type = pool->FindMessageTypeByName(
            request.all_extension_numbers_of_type());
        if (type == nullptr) {
          NotFound(response, "type not found: " +
                                 request.all_extension_numbers_of_type());
          break;
        }
        std::vector<const google::protobuf::FieldDescriptor*> extensions;
        pool->FindAllExtensions(type, &extensions);
        auto* numbers = response.mutable_all_extension_numbers_response();
        numbers->set_base_type_name(type->full_name());
        for (const auto* field : extensions) {
          numbers->add_extension_number(field->number());
        }
        break;
      }
      default:
        response.mutable_error_response()->set_error_code(
            static_cast<int>(grpc::StatusCode::UNIMPLEMENTED));
        response.mutable_error_response()->set_error_message(
            "unknown reflection request");
    }
    if (!stream->Write(response)) break;
  }
  return context->IsCancelled()
             ? grpc::Status(grpc::StatusCode::CANCELLED, "cancelled")
             : grpc::Status::OK;
}

}  // namespace mediation
