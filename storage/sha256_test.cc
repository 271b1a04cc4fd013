#include "storage/sha256.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

std::string Hex(absl::string_view bytes) {
  return absl::BytesToHexString(bytes);
}

// FIPS 180-2's examples.
TEST(Sha256Test, GivesTheStandardDigests) {
  EXPECT_EQ(Hex(Sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      Hex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Hex(Sha256(std::string(1000000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, BytesAfterANulCount) {
  EXPECT_NE(Sha256(std::string("a\0b", 3)), Sha256("a"));
}

TEST(Sha256Test, ThreadsShareTheDigest) {
  const std::string expected = Sha256("abc");
  std::vector<std::thread> threads;
  std::vector<std::string> got(4);
  for (size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&got, t] {
      for (int i = 0; i < 1000; ++i) got[t] = Sha256("abc");
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& digest : got) EXPECT_EQ(digest, expected);
}

}  // namespace
}  // namespace mediation
