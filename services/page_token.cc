#include "services/page_token.h"

#include <cstdlib>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "openssl/evp.h"
#include "openssl/rand.h"
#include "storage/codec.h"

namespace mediation {
namespace {

constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;

struct CipherFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using Cipher = std::unique_ptr<EVP_CIPHER_CTX, CipherFree>;

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* Bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

// OpenSSL failing on valid arguments (out of memory) is a broken
// invariant, not a caller's error.
void Require(bool ok) {
  if (!ok) std::abort();
}

absl::Status NotAToken() {
  return absl::InvalidArgumentError("page_token: not a token of this listing");
}

}  // namespace

PageTokens::PageTokens(std::string key) : key_(std::move(key)) {
  Require(key_.size() == kKeyBytes);
}

PageTokens PageTokens::WithRandomKey() {
  std::string key(kKeyBytes, '\0');
  Require(RAND_bytes(Bytes(key), static_cast<int>(key.size())) == 1);
  return PageTokens(std::move(key));
}

std::string PageTokens::Seal(absl::string_view cursor,
                             absl::string_view binding) const {
  if (cursor.empty()) return "";
  std::string out(kNonceBytes + cursor.size() + kTagBytes, '\0');
  Require(RAND_bytes(Bytes(out), kNonceBytes) == 1);
  Cipher ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  Require(ctx != nullptr &&
          EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key_),
                             Bytes(out)) == 1 &&
          EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(binding),
                            static_cast<int>(binding.size())) == 1 &&
          EVP_EncryptUpdate(ctx.get(), Bytes(out) + kNonceBytes, &len,
                            Bytes(cursor),
                            static_cast<int>(cursor.size())) == 1 &&
          EVP_EncryptFinal_ex(ctx.get(), Bytes(out) + kNonceBytes + len,
                              &len) == 1 &&
          EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                              Bytes(out) + kNonceBytes + cursor.size()) == 1);
  return absl::WebSafeBase64Escape(out);
}

absl::StatusOr<std::string> PageTokens::Open(absl::string_view token,
                                             absl::string_view binding) const {
  if (token.empty()) return std::string();
  std::string sealed;
  if (!absl::WebSafeBase64Unescape(token, &sealed) ||
      sealed.size() <= kNonceBytes + kTagBytes) {
    return NotAToken();
  }
  const size_t size = sealed.size() - kNonceBytes - kTagBytes;
  std::string cursor(size, '\0');
  Cipher ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  const bool ok =
      ctx != nullptr &&
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key_),
                         Bytes(sealed)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(binding),
                        static_cast<int>(binding.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), Bytes(cursor), &len,
                        Bytes(sealed) + kNonceBytes,
                        static_cast<int>(size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                          Bytes(sealed) + kNonceBytes + size) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), Bytes(cursor) + len, &len) == 1;
  if (!ok) return NotAToken();
  return cursor;
}

std::string PageBinding(absl::string_view method,
                        const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> filters(request.New());
  filters->CopyFrom(request);
  const google::protobuf::Reflection* reflection = filters->GetReflection();
  for (const char* name : {"page_token", "page_size"}) {
    if (const google::protobuf::FieldDescriptor* field =
            filters->GetDescriptor()->FindFieldByName(name)) {
      reflection->ClearField(filters.get(), field);
    }
  }
  return absl::StrCat(method, "\n", SerializeDeterministic(*filters));
}

}  // namespace mediation
