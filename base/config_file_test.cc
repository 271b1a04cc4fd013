#include "base/config_file.h"

#include <string>

#include "absl/flags/flag.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

ABSL_FLAG(std::string, config_test_address, "127.0.0.1:1", "for tests");
ABSL_FLAG(int, config_test_count, 4, "for tests");
ABSL_FLAG(bool, config_test_switch, false, "for tests");

namespace mediation {
namespace {

using ::testing::HasSubstr;

TEST(ConfigFileTest, SetsEachFlagItNamesIgnoringCommentsAndBlanks) {
  ASSERT_TRUE(ApplyConfig("f.conf",
                          "# the service\n\n"
                          "config_test_address = 0.0.0.0:50051 \n"
                          "  config_test_count=12\n"
                          "config_test_switch = true\n")
                  .ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_address), "0.0.0.0:50051");
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_count), 12);
  EXPECT_TRUE(absl::GetFlag(FLAGS_config_test_switch));
}

TEST(ConfigFileTest, ABadFileSaysWhereAndSetsNothing) {
  absl::SetFlag(&FLAGS_config_test_count, 4);
  absl::SetFlag(&FLAGS_config_test_address, "a:1");
  absl::Status status = ApplyConfig(
      "f.conf", "config_test_address = b:2\nconfig_test_count = many\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("config_test_count"));
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_address), "a:1");
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_count), 4);

  status = ApplyConfig("f.conf", "\nno_such_flag = 1\n");
  EXPECT_THAT(status.message(), HasSubstr("f.conf:2: unknown setting"));
  status = ApplyConfig("f.conf", "config_test_count 3\n");
  EXPECT_THAT(status.message(), HasSubstr("f.conf:1: expected"));
}

TEST(ConfigFileTest, TheConfigPathIsFoundInEitherFormBeforeParsing) {
  const char* a[] = {"prog", "--listen=x", "--config=/etc/m.conf"};
  EXPECT_EQ(FlagFromArgs(3, const_cast<char**>(a), "config"), "/etc/m.conf");
  const char* b[] = {"prog", "-config", "/etc/n.conf"};
  EXPECT_EQ(FlagFromArgs(3, const_cast<char**>(b), "config"), "/etc/n.conf");
  const char* c[] = {"prog", "--configuration=x", "--", "--config=y"};
  EXPECT_EQ(FlagFromArgs(4, const_cast<char**>(c), "config"), std::nullopt);
}

TEST(ConfigFileTest, AMissingFileIsNotFound) {
  EXPECT_EQ(ApplyConfigFile("/nonexistent/m.conf").code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace mediation
