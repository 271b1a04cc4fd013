// Test helpers for storage (tests only): temporary directories and a store
// opened in one.
#ifndef MEDIATION_STORAGE_TEST_UTIL_H_
#define MEDIATION_STORAGE_TEST_UTIL_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "openssl/evp.h"
#include "openssl/pem.h"
#include "storage/anchor.h"
#include "storage/rocksdb_store.h"
#include "storage/saisine_projection.h"

namespace mediation::testing {

// A fresh directory, removed with its content on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = absl::StrCat(::testing::TempDir(), "/mediation-", getpid(), "-",
                         counter++);
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A fixed NIR index key (tests and benchmarks only).
inline const NirIndexKey& TestNirIndexKey() {
  static const NirIndexKey* const key = new NirIndexKey(
      NirIndexKey::FromBytes("cle de test de l'index des NIR, 32+ octets"));
  return *key;
}

// An Ed25519 anchor key made once per test binary (tests only).
inline const AnchorKey& TestAnchorKey() {
  static const AnchorKey* const key = [] {
    EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, raw, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    const std::string pem(data, static_cast<size_t>(size));
    BIO_free(bio);
    EVP_PKEY_free(raw);
    return new AnchorKey(*AnchorKey::FromPem(pem));
  }();
  return *key;
}

inline std::vector<std::unique_ptr<Projection>> DefaultProjections(
    const CaisseReferentiel& caisses = CaisseReferentielParDefaut()) {
  std::vector<std::unique_ptr<Projection>> projections;
  projections.push_back(
      std::make_unique<SaisineProjection>(caisses, TestNirIndexKey()));
  return projections;
}

// Opens a store with the production projections; fails the test on error.
inline std::unique_ptr<RocksDbStore> OpenStore(
    const std::string& path, const Clock* clock, bool sync = false,
    const CaisseReferentiel& caisses = CaisseReferentielParDefaut()) {
  RocksDbStoreOptions options;
  options.sync = sync;
  options.clock = clock;
  options.anchor_key = &TestAnchorKey();
  // Every other write of a counter table is its full value: the tests that
  // compare the projections with a rebuild go through both kinds of entry.
  options.max_counter_operands = 2;
  auto store = RocksDbStore::Open(path, options, DefaultProjections(caisses));
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

}  // namespace mediation::testing

#endif  // MEDIATION_STORAGE_TEST_UTIL_H_
