#include "storage/nir_index_key.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "openssl/evp.h"
#include "openssl/hmac.h"

namespace mediation {
namespace {

std::string OpenSslHmac(const std::string& key, const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest,
       &size);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

// RFC 4231, test cases 6 and 7: a key longer than SHA-256's block.
TEST(NirIndexKeyTest, DigestIsHmacSha256OfTheRfc) {
  const NirIndexKey key = NirIndexKey::FromBytes(std::string(131, '\xaa'));
  EXPECT_EQ(
      key.Digest("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(
      key.Digest("This is a test using a larger than block-size key and a "
                 "larger than block-size data. The key needs to be hashed "
                 "before being used by the HMAC algorithm."),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(NirIndexKeyTest, DigestEqualsOpenSslsHmacForKeysOfEverySize) {
  for (size_t size : {32, 63, 64, 65, 200}) {
    std::string bytes;
    for (size_t i = 0; i < size; ++i) bytes += static_cast<char>(i * 7 + 1);
    const NirIndexKey key = NirIndexKey::FromBytes(bytes);
    for (const std::string nir : {"", "185057800608436", "2850478123456"}) {
      EXPECT_EQ(key.Digest(nir), OpenSslHmac(bytes, nir)) << size;
    }
    // A copy shares the key, and digests the same.
    const NirIndexKey copy = key;
    EXPECT_EQ(copy.Digest("185057800608436"),
              OpenSslHmac(bytes, "185057800608436"));
  }
}

}  // namespace
}  // namespace mediation
