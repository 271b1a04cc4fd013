#include "server/server.h"

#include "base/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/metrics.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;

TEST(ServerTest, LoopbackAddresses) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackAddress("127.1.2.3:0"));
  EXPECT_TRUE(IsLoopbackAddress("localhost:50051"));
  EXPECT_TRUE(IsLoopbackAddress("[::1]:50051"));
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0:50051"));
  EXPECT_FALSE(IsLoopbackAddress("[::]:50051"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.1:50051"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1.example.org:50051"));
  EXPECT_FALSE(IsLoopbackAddress("127.0.0.1"));
}

TEST(ServerTest, PlaintextOnlyOnLoopbackAndOnlyWhenAsked) {
  Dependencies deps;  // Never reached: the server refuses to start.
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  EXPECT_THAT(MediationServer::Start(options, deps),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  options.listen_address = "0.0.0.0:0";
  options.insecure_loopback = true;
  EXPECT_THAT(MediationServer::Start(options, deps),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace mediation

namespace mediation {
namespace {

TEST(MetricsTest, CountsEachRpcByServiceMethodAndCodeWithItsLatency) {
  Metrics metrics;
  metrics.RpcHandled("/mediation.v1.AccueilService/DeposerSaisine",
                     grpc::StatusCode::OK, absl::Milliseconds(2));
  metrics.RpcHandled("/mediation.v1.AccueilService/DeposerSaisine",
                     grpc::StatusCode::OK, absl::Milliseconds(3));
  metrics.RpcHandled("/mediation.v1.AccueilService/DeposerSaisine",
                     grpc::StatusCode::INVALID_ARGUMENT, absl::Milliseconds(1));
  metrics.GroupWritten(3, absl::Microseconds(700));
  metrics.AppendRefused(AppendRefusal::kConflict);
  const std::string text = metrics.Text();
  EXPECT_THAT(text,
              ::testing::HasSubstr(
                  "grpc_server_handled_total{grpc_code=\"OK\","
                  "grpc_method=\"DeposerSaisine\",grpc_service=\"mediation."
                  "v1.AccueilService\"} 2"));
  EXPECT_THAT(text, ::testing::HasSubstr("grpc_code=\"INVALID_ARGUMENT\""));
  EXPECT_THAT(text, ::testing::HasSubstr(
                        "grpc_server_handling_seconds_count{grpc_method="
                        "\"DeposerSaisine\",grpc_service=\"mediation.v1."
                        "AccueilService\"} 3"));
  EXPECT_THAT(text,
              ::testing::HasSubstr("mediation_write_group_appends_sum 3"));
  EXPECT_THAT(text,
              ::testing::HasSubstr(
                  "mediation_appends_refused_total{cause=\"conflict\"} 1"));
  // Every cause is there from the start.
  EXPECT_THAT(text,
              ::testing::HasSubstr(
                  "mediation_appends_refused_total{cause=\"overload\"} 0"));
  EXPECT_THAT(text, ::testing::HasSubstr("mediation_build_info{"));
}

TEST(MetricsTest, AnUndeclaredMethodIsCountedAsUnknownNotUnderItsName) {
  Metrics metrics;
  metrics.RpcHandled("/mediation.v1.AccueilService/Invente123",
                     grpc::StatusCode::UNIMPLEMENTED, absl::Microseconds(50));
  metrics.RpcHandled("/grpc.health.v1.Health/Check", grpc::StatusCode::OK,
                     absl::Microseconds(50));
  const std::string text = metrics.Text();
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("Invente123")));
  EXPECT_THAT(text, ::testing::HasSubstr(
                        "grpc_code=\"UNIMPLEMENTED\",grpc_method=\"unknown\","
                        "grpc_service=\"unknown\"} 1"));
  EXPECT_THAT(text, ::testing::HasSubstr("grpc_method=\"Check\""));
}

TEST(MetricsTest, ServesTheTextOverHttpOnAPortOfItsOwn) {
  Metrics metrics;
  ASSERT_OK_AND_ASSIGN(const int port, metrics.Serve("127.0.0.1:0"));
  EXPECT_GT(port, 0);
  EXPECT_THAT(metrics.Serve("127.0.0.1:0"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(MetricsTest, StatusCodesHaveTheirGrpcNames) {
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::FAILED_PRECONDITION),
            "FAILED_PRECONDITION");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::UNAUTHENTICATED),
            "UNAUTHENTICATED");
}

}  // namespace
}  // namespace mediation
