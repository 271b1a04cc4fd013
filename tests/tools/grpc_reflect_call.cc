// grpc_reflect_call: a generic gRPC client that knows no service at build
// time. It learns the server's services and message types through gRPC
// server reflection (grpc.reflection.v1alpha), as grpcurl or grpc_cli do, and
// calls a unary method with a JSON request.
//
//   grpc_reflect_call [--ca=PEM] [--token=FILE] HOST:PORT list
//   grpc_reflect_call [--ca=PEM] [--token=FILE] HOST:PORT call
//       package.Service/Method '{"json": 1}'
//
// With --ca the channel is TLS (server verified against that CA); with
// --token every call carries "authorization: Bearer <token>".
//
// Prints the service names, or the response as JSON. Exit status: 0 on OK,
// 100 + the gRPC status code when the call fails, 2 on bad usage or a
// reflection failure.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cmd/mediationctl/generic_call.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/descriptor_database.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace {

namespace reflection = grpc::reflection::v1alpha;
using google::protobuf::FileDescriptorProto;

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  std::string content = text.str();
  while (!content.empty() &&
         (content.back() == '\n' || content.back() == ' ')) {
    content.pop_back();
  }
  return content;
}

// The bearer token of every call, if any.
std::string& Token() {
  static std::string token;
  return token;
}

void Authenticate(grpc::ClientContext& context) {
  if (!Token().empty())
    context.AddMetadata("authorization", "Bearer " + Token());
}

// Asks the server's reflection service, one request at a time.
class ReflectionClient {
 public:
  explicit ReflectionClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(reflection::ServerReflection::NewStub(std::move(channel))) {
    Authenticate(context_);
    stream_ = stub_->ServerReflectionInfo(&context_);
  }

  bool Ask(const reflection::ServerReflectionRequest& request,
           reflection::ServerReflectionResponse* response) {
    return stream_->Write(request) && stream_->Read(response) &&
           !response->has_error_response();
  }

 private:
  std::unique_ptr<reflection::ServerReflection::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<
      grpc::ClientReaderWriter<reflection::ServerReflectionRequest,
                               reflection::ServerReflectionResponse>>
      stream_;
};

// A descriptor database filled on demand from the server.
class ReflectionDatabase final : public google::protobuf::DescriptorDatabase {
 public:
  explicit ReflectionDatabase(ReflectionClient& client) : client_(client) {}

  bool FindFileByName(const std::string& filename,
                      FileDescriptorProto* output) override {
    if (cache_.FindFileByName(filename, output)) return true;
    reflection::ServerReflectionRequest request;
    request.set_file_by_filename(filename);
    return Fetch(request) && cache_.FindFileByName(filename, output);
  }

  bool FindFileContainingSymbol(const std::string& symbol,
                                FileDescriptorProto* output) override {
    if (cache_.FindFileContainingSymbol(symbol, output)) return true;
    reflection::ServerReflectionRequest request;
    request.set_file_containing_symbol(symbol);
    return Fetch(request) && cache_.FindFileContainingSymbol(symbol, output);
  }

  bool FindFileContainingExtension(const std::string&, int,
                                   FileDescriptorProto*) override {
    return false;
  }

 private:
  bool Fetch(const reflection::ServerReflectionRequest& request) {
    reflection::ServerReflectionResponse response;
    if (!client_.Ask(request, &response)) return false;
    for (const std::string& bytes :
         response.file_descriptor_response().file_descriptor_proto()) {
      FileDescriptorProto file;
      if (!file.ParseFromString(bytes)) return false;
      FileDescriptorProto known;
      if (!cache_.FindFileByName(file.name(), &known)) cache_.Add(file);
    }
    return true;
  }

  ReflectionClient& client_;
  google::protobuf::SimpleDescriptorDatabase cache_;
};

int List(ReflectionClient& client) {
  reflection::ServerReflectionRequest request;
  request.set_list_services("*");
  reflection::ServerReflectionResponse response;
  if (!client.Ask(request, &response)) return 2;
  for (const auto& service : response.list_services_response().service()) {
    std::cout << service.name() << "\n";
  }
  return 0;
}

int Call(std::shared_ptr<grpc::Channel> channel, ReflectionClient& client,
         const std::string& full_method, const std::string& json) {
  const size_t slash = full_method.find('/');
  if (slash == std::string::npos) return 2;
  ReflectionDatabase database(client);
  google::protobuf::DescriptorPool pool(&database);
  const auto* method = pool.FindMethodByName(
      full_method.substr(0, slash) + "." + full_method.substr(slash + 1));
  if (method == nullptr) {
    std::cerr << "no method " << full_method << " on the server\n";
    return 2;
  }
  google::protobuf::DynamicMessageFactory factory(&pool);
  std::unique_ptr<google::protobuf::Message> request(
      factory.GetPrototype(method->input_type())->New());
  std::unique_ptr<google::protobuf::Message> response(
      factory.GetPrototype(method->output_type())->New());
  if (!google::protobuf::util::JsonStringToMessage(json, request.get()).ok()) {
    std::cerr << "request is not a " << method->input_type()->full_name()
              << "\n";
    return 2;
  }
  grpc::ClientContext context;
  Authenticate(context);
  grpc::Status status = mediation::CallUnary(
      channel, context, "/" + full_method, *request, *response);
  if (!status.ok()) {
    std::cerr << "status " << status.error_code() << ": "
              << status.error_message() << "\n";
    return 100 + status.error_code();
  }
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  if (!google::protobuf::util::MessageToJsonString(*response, &out, options)
           .ok()) {
    return 2;
  }
  std::cout << out << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string ca;
  while (!args.empty() && args.front().rfind("--", 0) == 0) {
    const std::string option = args.front();
    args.erase(args.begin());
    if (option.rfind("--ca=", 0) == 0) ca = ReadFile(option.substr(5));
    if (option.rfind("--token=", 0) == 0) Token() = ReadFile(option.substr(8));
  }
  if (args.size() < 2) {
    std::cerr << "usage: grpc_reflect_call HOST:PORT list | call "
                 "package.Service/Method JSON\n";
    return 2;
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ca;
  auto channel = grpc::CreateChannel(
      args[0], ca.empty() ? grpc::InsecureChannelCredentials()
                          : grpc::SslCredentials(ssl));
  ReflectionClient client(channel);
  if (args[1] == "list" && args.size() == 2) return List(client);
  if (args[1] == "call" && args.size() == 4) {
    return Call(channel, client, args[2], args[3]);
  }
  std::cerr << "bad usage\n";
  return 2;
}
