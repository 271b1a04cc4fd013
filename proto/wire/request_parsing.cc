#include "proto/wire/request_parsing.h"

#include <string>
#include <vector>

#include "base/violations.h"
#include "google/protobuf/unknown_field_set.h"
#include "proto/wire/parse_diagnosis.h"

namespace mediation::wire {
namespace {

std::string Bytes(grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

}  // namespace

grpc::Status ParseRequest(grpc::ByteBuffer* buffer,
                          google::protobuf::Message* request) {
  bool parsed;
  {
    grpc::ProtoBufferReader reader(buffer);
    parsed = request->ParseFromZeroCopyStream(&reader);
  }
  const google::protobuf::Reflection& reflection = *request->GetReflection();
  if (parsed) {
    // A caller cannot plant the mark itself. (Most requests have no unknown
    // field: their set is not created only to be searched.)
    if (!reflection.GetUnknownFields(*request).empty()) {
      reflection.MutableUnknownFields(request)->DeleteByNumber(
          kParseFailureField);
    }
  } else {
    google::protobuf::UnknownFieldSet* unknown =
        reflection.MutableUnknownFields(request);
    ParseFailure failure =
        DiagnoseParseFailure(*request->GetDescriptor(), Bytes(*buffer));
    request->Clear();
    unknown->AddLengthDelimited(
        kParseFailureField,
        failure.field + std::string(1, '\0') + failure.description);
  }
  buffer->Clear();
  return grpc::Status::OK;
}

absl::Status RequeteLisible(const google::protobuf::Message& request) {
  const google::protobuf::UnknownFieldSet& unknown =
      request.GetReflection()->GetUnknownFields(request);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const google::protobuf::UnknownField& field = unknown.field(i);
    if (field.number() != kParseFailureField ||
        field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    const std::string& mark = field.length_delimited();
    const size_t split = mark.find('\0');
    if (split == std::string::npos) return InvalidField("requete", mark);
    return InvalidField(mark.substr(0, split), mark.substr(split + 1));
  }
  return absl::OkStatus();
}

}  // namespace mediation::wire
