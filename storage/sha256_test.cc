#include "storage/sha256.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "storage/codec.h"
#include "storage/integrity.h"

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

// An event's hash covers every field but its own: the same whether the
// record already carries it (verification) or not yet (an append).
TEST(Sha256Test, HashOfARecordLeavesOutItsOwnHash) {
  v1::EventRecord record;
  record.set_event_id("e1");
  record.set_stream_id("s1");
  record.set_stream_version(1);
  record.set_hash_precedent_journal(std::string(32, 'j'));
  record.mutable_saisine_recue()->set_caisse("591");
  const std::string unhashed = HashOf(record);
  EXPECT_EQ(unhashed, Sha256(SerializeDeterministic(record)));
  record.set_hash(unhashed);
  EXPECT_EQ(HashOf(record), unhashed);
  EXPECT_EQ(record.hash(), unhashed);  // Left as it was.
  record.set_stream_version(2);
  EXPECT_NE(HashOf(record), unhashed);
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
