#include "security/token.h"

#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/status_macros.h"
#include "google/protobuf/util/json_util.h"
#include "mediation/v1/securite.pb.h"
#include "openssl/bio.h"
#include "openssl/evp.h"
#include "openssl/pem.h"

namespace mediation {
namespace {

constexpr size_t kMaxTokenBytes = 4096;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct PkeyCtxDeleter {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};

absl::StatusOr<EvpKey> ReadKey(const std::string& pem, bool is_private) {
  std::unique_ptr<BIO, BioDeleter> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EvpKey key(is_private
                 ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                 : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not an Ed25519 ", is_private ? "private" : "public", " key (PEM)"));
  }
  return key;
}

absl::StatusOr<std::string> WriteKey(EVP_PKEY* key, bool is_private) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  const int written =
      is_private ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0,
                                            nullptr, nullptr)
                 : PEM_write_bio_PUBKEY(bio.get(), key);
  if (written != 1) return absl::InternalError("cannot write key");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

absl::Status Unauthenticated(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", why));
}

}  // namespace

void EvpKeyDeleter::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

absl::StatusOr<TokenSigner> TokenSigner::FromPrivateKeyPem(
    const std::string& pem) {
  ASSIGN_OR_RETURN(EvpKey key, ReadKey(pem, /*is_private=*/true));
  return TokenSigner(std::move(key));
}

absl::StatusOr<std::string> TokenSigner::Sign(const Principal& principal,
                                              absl::Time now,
                                              absl::Time expiry) const {
  v1::JetonAcces claims;
  claims.set_sujet(principal.sujet);
  claims.set_role(RoleName(principal.role));
  claims.set_caisse(principal.caisse);
  claims.set_emis_a(absl::ToUnixSeconds(now));
  claims.set_expire_a(absl::ToUnixSeconds(expiry));
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(claims, &json).ok()) {
    return absl::InternalError("cannot encode claims");
  }
  const std::string payload = absl::WebSafeBase64Escape(json);
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  size_t size = 64;
  std::string signature(size, '\0');
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) !=
          1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(&signature[0]),
                     &size,
                     reinterpret_cast<const unsigned char*>(payload.data()),
                     payload.size()) != 1) {
    return absl::InternalError("Ed25519 signing failed");
  }
  signature.resize(size);
  return absl::StrCat(payload, ".", absl::WebSafeBase64Escape(signature));
}

absl::StatusOr<TokenVerifier> TokenVerifier::FromPublicKeyPem(
    const std::string& pem) {
  ASSIGN_OR_RETURN(EvpKey key, ReadKey(pem, /*is_private=*/false));
  return TokenVerifier(std::move(key));
}

struct TokenVerifier::Cache {
  struct Entry {
    Principal principal;
    int64_t emis_a = 0;
    int64_t expire_a = 0;
  };
  absl::Mutex mu;
  absl::flat_hash_map<std::string, Entry> entries ABSL_GUARDED_BY(mu);
};

TokenVerifier::TokenVerifier(EvpKey key)
    : key_(std::move(key)), cache_(std::make_shared<Cache>()) {}

namespace {

// The validity window of a token whose signature and claims are good.
absl::StatusOr<Principal> AtTime(const Principal& principal, int64_t emis_a,
                                 int64_t expire_a, absl::Time now) {
  const int64_t seconds = absl::ToUnixSeconds(now);
  if (expire_a <= seconds) return Unauthenticated("expired");
  // A minute of tolerance for clocks that disagree.
  if (emis_a > seconds + 60) return Unauthenticated("not yet valid");
  return principal;
}

}  // namespace

absl::StatusOr<Principal> TokenVerifier::Verify(absl::string_view token,
                                                absl::Time now) const {
  if (token.size() > kMaxTokenBytes) return Unauthenticated("too long");
  {
    absl::MutexLock lock(&cache_->mu);
    if (auto it = cache_->entries.find(token); it != cache_->entries.end()) {
      const Cache::Entry& entry = it->second;
      return AtTime(entry.principal, entry.emis_a, entry.expire_a, now);
    }
  }
  const size_t dot = token.find('.');
  if (dot == absl::string_view::npos) return Unauthenticated("malformed");
  const absl::string_view payload = token.substr(0, dot);
  std::string signature;
  if (!absl::WebSafeBase64Unescape(token.substr(dot + 1), &signature)) {
    return Unauthenticated("malformed signature");
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) !=
          1 ||
      EVP_DigestVerify(ctx.get(),
                       reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(),
                       reinterpret_cast<const unsigned char*>(payload.data()),
                       payload.size()) != 1) {
    return Unauthenticated("bad signature");
  }
  std::string json;
  v1::JetonAcces claims;
  if (!absl::WebSafeBase64Unescape(payload, &json) ||
      !google::protobuf::util::JsonStringToMessage(json, &claims).ok()) {
    return Unauthenticated("malformed claims");
  }
  absl::StatusOr<Principal> principal =
      MakePrincipal(claims.sujet(), claims.role(), claims.caisse());
  if (!principal.ok()) return Unauthenticated(principal.status().message());
  {
    absl::MutexLock lock(&cache_->mu);
    // Bounded: a flood of distinct tokens empties the cache, no more.
    if (cache_->entries.size() >= kMaxCachedTokens) cache_->entries.clear();
    cache_->entries.emplace(
        std::string(token),
        Cache::Entry{*principal, claims.emis_a(), claims.expire_a()});
  }
  return AtTime(*principal, claims.emis_a(), claims.expire_a(), now);
}

absl::StatusOr<std::pair<std::string, std::string>> GenerateEd25519KeyPair() {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (ctx == nullptr || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return absl::InternalError("Ed25519 key generation failed");
  }
  EvpKey key(raw);
  ASSIGN_OR_RETURN(std::string private_pem, WriteKey(key.get(), true));
  ASSIGN_OR_RETURN(std::string public_pem, WriteKey(key.get(), false));
  return std::make_pair(std::move(private_pem), std::move(public_pem));
}

}  // namespace mediation
