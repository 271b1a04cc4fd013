#include "storage/anchor.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "domain/saisine_testing.h"
#include "gtest/gtest.h"
#include "openssl/evp.h"
#include "openssl/pem.h"
#include "storage/forgery_testing.h"
#include "storage/keys.h"
#include "storage/test_util.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;

// A new Ed25519 key as PEM: private, and its public half.
std::pair<std::string, std::string> NewKeyPem() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  auto pem = [&](bool is_private) {
    BIO* bio = BIO_new(BIO_s_mem());
    if (is_private) {
      PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    } else {
      PEM_write_bio_PUBKEY(bio, key);
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<size_t>(size));
    BIO_free(bio);
    return out;
  };
  std::pair<std::string, std::string> pair{pem(true), pem(false)};
  EVP_PKEY_free(key);
  return pair;
}

TEST(AnchorKeyTest, SignsWithThePrivateKeyVerifiesWithEither) {
  auto [private_pem, public_pem] = NewKeyPem();
  ASSERT_OK_AND_ASSIGN(AnchorKey signer, AnchorKey::FromPem(private_pem));
  ASSERT_OK_AND_ASSIGN(AnchorKey verifier, AnchorKey::FromPem(public_pem));
  EXPECT_EQ(signer.id(), verifier.id());
  ASSERT_OK_AND_ASSIGN(
      LogAnchor anchor,
      signer.Sign(7, std::string(32, 'h'), absl::FromUnixSeconds(1741600000)));
  EXPECT_TRUE(verifier.Verify(anchor));
  LogAnchor moved = anchor;
  moved.position = 6;
  EXPECT_FALSE(verifier.Verify(moved));
  LogAnchor rehashed = anchor;
  rehashed.hash[0] = 'x';
  EXPECT_FALSE(verifier.Verify(rehashed));
  EXPECT_THAT(verifier.Sign(7, "h", absl::Now()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(AnchorKey::FromPem("not a key"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

class AnchoredStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto [private_pem, public_pem] = NewKeyPem();
    key_ = std::make_unique<AnchorKey>(*AnchorKey::FromPem(private_pem));
    Open();
    for (int i = 0; i < 5; ++i) {
      AppendRequest request;
      request.stream_id = absl::StrCat("s", i);
      request.expected = ExpectedVersion::NoStream();
      request.events.push_back(
          NewEvent{absl::StrCat("e", i), testing::ExempleSaisineRecue()});
      ASSERT_OK(store_->events().Append(std::move(request)));
    }
  }

  void Open() {
    store_.reset();
    RocksDbStoreOptions options;
    options.clock = &clock_;
    options.anchor_key = key_.get();
    auto store =
        RocksDbStore::Open(dir_.path(), options, testing::DefaultProjections());
    ASSERT_OK(store.status());
    store_ = *std::move(store);
  }

  testing::TempDir dir_;
  ManualClock clock_{absl::FromUnixSeconds(1741600000)};
  std::unique_ptr<AnchorKey> key_;
  std::unique_ptr<RocksDbStore> store_;
};

TEST_F(AnchoredStoreTest, AnchorsOfTheHeadVerifyWhileTheLogIsIntact) {
  ASSERT_OK_AND_ASSIGN(LogAnchor first, store_->integrity().AnchorHead());
  EXPECT_EQ(first.position, 5u);
  EXPECT_TRUE(key_->Verify(first));
  Open();  // Anchors are stored.
  ASSERT_OK_AND_ASSIGN(IntegrityReport report,
                       store_->integrity().VerifyIntegrity(""));
  EXPECT_TRUE(report.intact) << report.reason;
  EXPECT_EQ(report.anchors_verified, 1u);
  EXPECT_EQ(report.last_anchor_position, 5u);
}

// Attack: alter event 2 and rehash every event after it. The chain holds
// together; the anchor signed at 5 no longer matches, and is named.
TEST_F(AnchoredStoreTest, AForgerWhoRehashesToTheEndIsCaughtAtTheAnchor) {
  ASSERT_OK(store_->integrity().AnchorHead().status());  // At 5.
  ASSERT_OK(testing::Forge(
      store_->database(), 2,
      [](v1::EventRecord& r) { r.set_actor("quelqu'un d'autre"); },
      /*rehash=*/true));
  ASSERT_OK_AND_ASSIGN(IntegrityReport report,
                       store_->integrity().VerifyIntegrity(""));
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.events_verified, 5u);  // The chain itself holds.
  EXPECT_EQ(report.first_bad_position, 5u);
  EXPECT_EQ(report.first_bad_stream, "s4");
  EXPECT_EQ(report.first_bad_version, 1u);
  EXPECT_THAT(report.reason, HasSubstr("rewritten"));
}

TEST_F(AnchoredStoreTest, ALogCutBeforeAnAnchorIsCaught) {
  ASSERT_OK(store_->integrity().AnchorHead().status());
  ASSERT_TRUE(store_->database()
                  .db()
                  ->Delete(rocksdb::WriteOptions(), store_->database().events(),
                           BigEndian64(5))
                  .ok());
  ASSERT_OK_AND_ASSIGN(IntegrityReport report,
                       store_->integrity().VerifyIntegrity(""));
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_position, 5u);
  EXPECT_THAT(report.reason, HasSubstr("cut"));
}

TEST_F(AnchoredStoreTest, NothingToAnchorWithoutAKeyOrAnEvent) {
  testing::TempDir empty;
  RocksDbStoreOptions options;
  options.anchor_key = key_.get();
  auto store =
      RocksDbStore::Open(empty.path(), options, testing::DefaultProjections());
  ASSERT_OK(store.status());
  EXPECT_THAT(
      (*store)->integrity().AnchorHead(),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("empty")));
  store->reset();
  auto unkeyed = RocksDbStore::Open(empty.path(), RocksDbStoreOptions(),
                                    testing::DefaultProjections());
  ASSERT_OK(unkeyed.status());
  EXPECT_THAT((*unkeyed)->integrity().AnchorHead(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("no anchor signing key")));
}

}  // namespace
}  // namespace mediation
