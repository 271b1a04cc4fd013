#include "storage/anchor.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/files.h"
#include "openssl/bio.h"
#include "openssl/evp.h"
#include "openssl/pem.h"
#include "storage/sha256.h"

namespace mediation {
namespace {

constexpr size_t kEd25519Bytes = 32;

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::shared_ptr<EVP_PKEY> ReadKey(const std::string& pem, bool* is_private) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  *is_private = key != nullptr;
  if (key == nullptr) {
    bio.reset(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  }
  if (key == nullptr) return nullptr;
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

}  // namespace

std::string AnchorMessage(const LogAnchor& anchor) {
  return absl::StrCat("mediation/ancre/v1\n", anchor.position, "\n",
                      absl::BytesToHexString(anchor.hash), "\n",
                      absl::ToUnixMicros(anchor.signed_at));
}

absl::StatusOr<AnchorKey> AnchorKey::FromPem(const std::string& pem) {
  AnchorKey key;
  key.key_ = ReadKey(pem, &key.can_sign_);
  if (key.key_ == nullptr ||
      EVP_PKEY_get_id(key.key_.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError(
        "the anchor key must be an Ed25519 key (PEM)");
  }
  unsigned char raw[kEd25519Bytes];
  size_t size = sizeof(raw);
  if (EVP_PKEY_get_raw_public_key(key.key_.get(), raw, &size) != 1) {
    return absl::InvalidArgumentError("cannot read the anchor key");
  }
  key.id_ = absl::BytesToHexString(
      Sha256(absl::string_view(reinterpret_cast<char*>(raw), size))
          .substr(0, 8));
  return key;
}

absl::StatusOr<AnchorKey> AnchorKey::FromFile(const std::string& path) {
  absl::StatusOr<std::string> pem = ReadFile(path);
  if (!pem.ok()) return absl::UnavailableError(pem.status().message());
  return FromPem(*pem);
}

absl::StatusOr<LogAnchor> AnchorKey::Sign(uint64_t position, std::string hash,
                                          absl::Time now) const {
  if (!can_sign_) {
    return absl::FailedPreconditionError(
        "the anchor key is a public key: it verifies, it does not sign");
  }
  LogAnchor anchor;
  anchor.position = position;
  anchor.hash = std::move(hash);
  // Microseconds: what the message and the stored record keep.
  anchor.signed_at = absl::FromUnixMicros(absl::ToUnixMicros(now));
  anchor.key_id = id_;
  const std::string message = AnchorMessage(anchor);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                              EVP_MD_CTX_free);
  std::string signature(64, '\0');
  size_t size = signature.size();
  if (ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) !=
          1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(&signature[0]),
                     &size, Bytes(message), message.size()) != 1) {
    return absl::InternalError("signing the anchor failed");
  }
  signature.resize(size);
  anchor.signature = std::move(signature);
  return anchor;
}

bool AnchorKey::Verify(const LogAnchor& anchor) const {
  if (anchor.key_id != id_) return false;
  const std::string message = AnchorMessage(anchor);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                              EVP_MD_CTX_free);
  return ctx != nullptr &&
         EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr,
                              key_.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), Bytes(anchor.signature),
                          anchor.signature.size(), Bytes(message),
                          message.size()) == 1;
}

}  // namespace mediation
