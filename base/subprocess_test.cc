#include "base/subprocess.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;

std::string Journal() { return ::testing::TempDir() + "/subprocess_test.log"; }

std::string Lire(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RunProgramTest, SortieEtStatut) {
  std::remove(Journal().c_str());
  EXPECT_TRUE(RunProgram({"sh", "-c", "echo bonjour; echo erreur >&2"},
                         Journal(), absl::Seconds(10))
                  .ok());
  EXPECT_EQ(Lire(Journal()), "bonjour\nerreur\n");
  const absl::Status echec = RunProgram({"sh", "-c", "echo raison; exit 3"},
                                        Journal(), absl::Seconds(10));
  EXPECT_EQ(echec.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(echec.message(), HasSubstr("exit status 3"));
  EXPECT_THAT(echec.message(), HasSubstr("raison"));
}

TEST(RunProgramTest, ProgrammeAbsentEtDelaiDepasse) {
  EXPECT_EQ(
      RunProgram({"mediation-programme-absent"}, Journal(), absl::Seconds(10))
          .code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(
      RunProgram({"sleep", "30"}, Journal(), absl::Milliseconds(200)).code(),
      absl::StatusCode::kDeadlineExceeded);
}

}  // namespace
}  // namespace mediation
