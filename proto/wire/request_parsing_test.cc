#include "proto/wire/request_parsing.h"

#include <initializer_list>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"
#include "gtest/gtest.h"
#include "mediation/v1/accueil.pb.h"
#include "proto/wire/test_requests.h"

namespace mediation::wire {
namespace {

using ::testing::HasSubstr;

using ::mediation::wire::testing::Depot;

grpc::ByteBuffer BufferOf(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// Unknown length-delimited fields, as a client could append them to a
// request's bytes.
std::string UnknownFields(
    std::initializer_list<std::pair<int, std::string>> fields) {
  google::protobuf::UnknownFieldSet set;
  for (const auto& [number, value] : fields) {
    set.AddLengthDelimited(number, value);
  }
  std::string bytes;
  set.SerializeToString(&bytes);
  return bytes;
}

TEST(RequestParsingTest, ParsesARequest) {
  grpc::ByteBuffer buffer = BufferOf(Depot().SerializeAsString());
  v1::DeposerSaisineRequest request;
  ASSERT_TRUE(ParseRequest(&buffer, &request).ok());
  EXPECT_EQ(request.caisse(), "591");
  EXPECT_EQ(request.objet().description(), "remboursement");
  EXPECT_TRUE(RequeteLisible(request).ok());
  EXPECT_TRUE(request.GetReflection()->GetUnknownFields(request).empty());
}

TEST(RequestParsingTest, ParsesARequestOnAnArena) {
  google::protobuf::Arena arena;
  auto* request =
      google::protobuf::Arena::CreateMessage<v1::DeposerSaisineRequest>(&arena);
  grpc::ByteBuffer buffer = BufferOf(Depot().SerializeAsString());
  ASSERT_TRUE(ParseRequest(&buffer, request).ok());
  EXPECT_EQ(request->requerant().nom(), "Martin");
  EXPECT_TRUE(RequeteLisible(*request).ok());
}

TEST(RequestParsingTest, ACallerCannotPlantTheMark) {
  const std::string bytes =
      Depot().SerializeAsString() +
      UnknownFields({{kParseFailureField, std::string("caisse\0forged", 13)},
                     {999, "kept"}});
  grpc::ByteBuffer buffer = BufferOf(bytes);
  v1::DeposerSaisineRequest request;
  ASSERT_TRUE(ParseRequest(&buffer, &request).ok());
  EXPECT_TRUE(RequeteLisible(request).ok());
  EXPECT_EQ(request.caisse(), "591");
  // Only the mark is dropped: another unknown field stays.
  const google::protobuf::UnknownFieldSet& unknown =
      request.GetReflection()->GetUnknownFields(request);
  ASSERT_EQ(unknown.field_count(), 1);
  EXPECT_EQ(unknown.field(0).number(), 999);
}

TEST(RequestParsingTest, ARequestThatDoesNotParseArrivesEmptyAndMarked) {
  std::string bytes = Depot().SerializeAsString();
  const size_t at = bytes.find("rembours");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 8, std::string("rem\xc3(urs", 8));  // Not UTF-8.
  grpc::ByteBuffer buffer = BufferOf(bytes);
  v1::DeposerSaisineRequest request;
  ASSERT_TRUE(ParseRequest(&buffer, &request).ok());
  EXPECT_EQ(request.caisse(), "");
  const absl::Status readable = RequeteLisible(request);
  EXPECT_EQ(readable.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(readable.message(), HasSubstr("objet.description"));
}

}  // namespace
}  // namespace mediation::wire
