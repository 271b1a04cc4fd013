#include "server/server.h"

#include "base/status_matchers.h"
#include "gtest/gtest.h"

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
