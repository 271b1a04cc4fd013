#include "storage/nir_index_key.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/files.h"
#include "openssl/evp.h"

namespace mediation {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

constexpr size_t kBlockBytes = 64;  // SHA-256's block.

// SHA-256 started on the key, padded to a block, XOR `pad`.
MdCtx Padded(const std::string& key, unsigned char pad) {
  unsigned char block[kBlockBytes] = {};
  if (key.size() > kBlockBytes) {
    unsigned int size = 0;
    EVP_Digest(key.data(), key.size(), block, &size, EVP_sha256(), nullptr);
  } else {
    std::memcpy(block, key.data(), key.size());
  }
  for (unsigned char& byte : block) byte ^= pad;
  MdCtx ctx(EVP_MD_CTX_new());
  if (ctx == nullptr ||
      EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), block, sizeof(block)) != 1) {
    std::abort();  // Out of memory, or no SHA-256 in this OpenSSL.
  }
  return ctx;
}

}  // namespace

struct NirIndexKey::Pads {
  MdCtx inner;
  MdCtx outer;

  std::string Hmac(absl::string_view data) const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    MdCtx ctx(EVP_MD_CTX_new());
    if (ctx == nullptr || EVP_MD_CTX_copy_ex(ctx.get(), inner.get()) != 1 ||
        EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1 ||
        EVP_MD_CTX_copy_ex(ctx.get(), outer.get()) != 1 ||
        EVP_DigestUpdate(ctx.get(), digest, size) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) {
      std::abort();  // Out of memory.
    }
    return absl::BytesToHexString(
        absl::string_view(reinterpret_cast<const char*>(digest), size));
  }
};

NirIndexKey::NirIndexKey(std::string key)
    : pads_(std::make_shared<const Pads>(
          Pads{Padded(key, 0x36), Padded(key, 0x5c)})),
      id_(pads_->Hmac("mediation/index-nir/id").substr(0, 16)) {}

NirIndexKey NirIndexKey::FromBytes(std::string key) {
  if (key.size() < kMinKeyBytes) std::abort();  // A broken REQUIRES.
  return NirIndexKey(std::move(key));
}

absl::StatusOr<NirIndexKey> NirIndexKey::FromFile(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return absl::UnavailableError(bytes.status().message());
  std::string key(absl::StripTrailingAsciiWhitespace(*bytes));
  if (key.size() < kMinKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the NIR index key ", path, " must hold at least ",
                     kMinKeyBytes, " bytes (openssl rand -hex 32 > FILE)"));
  }
  return NirIndexKey(std::move(key));
}

std::string NirIndexKey::Digest(absl::string_view nir) const {
  return pads_->Hmac(nir);
}

}  // namespace mediation
