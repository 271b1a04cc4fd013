#include "base/log.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

TEST(LogTest, JsonLineEscapesStringsAndWritesNumbersBare) {
  const LogField fields[] = {{"method", "/a.B/C"},
                             {"code", "OK"},
                             {"latency_ms", 1.5},
                             {"events", int64_t{3}},
                             {"note", "a \"quoted\"\nline\x01"}};
  EXPECT_EQ(FormatLogLine(LogFormat::kJson, "2025-03-14T10:00:00.000Z",
                          LogLevel::kInfo, "rpc", fields),
            "{\"time\":\"2025-03-14T10:00:00.000Z\",\"level\":\"INFO\","
            "\"msg\":\"rpc\",\"method\":\"/a.B/C\",\"code\":\"OK\","
            "\"latency_ms\":1.5,\"events\":3,"
            "\"note\":\"a \\\"quoted\\\"\\nline\\u0001\"}");
}

TEST(LogTest, TextLineQuotesOnlyValuesThatNeedIt) {
  const LogField fields[] = {{"code", "OK"}, {"why", "two words"}};
  EXPECT_EQ(FormatLogLine(LogFormat::kText, "T", LogLevel::kWarning,
                          "disk reserve reached", fields),
            "T WARNING disk reserve reached code=OK why=\"two words\"");
}

TEST(LogTest, LevelsAndFormatsParseAndUnknownOnesAreRefused) {
  EXPECT_EQ(*ParseLogLevel("WARNING"), LogLevel::kWarning);
  EXPECT_EQ(*ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_FALSE(ParseLogLevel("verbose").ok());
  EXPECT_EQ(*ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_FALSE(ParseLogFormat("xml").ok());
}

TEST(LogTest, EntriesBelowTheLevelAreDropped) {
  SetLogLevel(LogLevel::kWarning);
  EXPECT_FALSE(LogEnabled(LogLevel::kInfo));
  EXPECT_TRUE(LogEnabled(LogLevel::kError));
  SetLogLevel(LogLevel::kInfo);
  EXPECT_TRUE(LogEnabled(LogLevel::kInfo));
}

}  // namespace
}  // namespace mediation
