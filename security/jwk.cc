#include "security/jwk.h"

#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "openssl/bio.h"
#include "openssl/bn.h"
#include "openssl/core_names.h"
#include "openssl/ecdsa.h"
#include "openssl/evp.h"
#include "openssl/param_build.h"
#include "openssl/pem.h"
#include "openssl/sha.h"

namespace mediation {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

constexpr int kMinRsaBits = 2048;
constexpr size_t kP256Bytes = 32;

struct Free {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

std::shared_ptr<EVP_PKEY> Share(EVP_PKEY* key) {
  if (key == nullptr) return nullptr;
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Base64url without padding (RFC 7515 §2), and nothing else.
bool DecodeBase64Url(absl::string_view text, std::string* out) {
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return absl::WebSafeBase64Unescape(text, out);
}

std::string BigEndian(const BIGNUM* n, int width) {
  std::string out(width > 0 ? width : BN_num_bytes(n), '\0');
  unsigned char* to = reinterpret_cast<unsigned char*>(&out[0]);
  if (width > 0) {
    BN_bn2binpad(n, to, width);
  } else {
    BN_bn2bin(n, to);
  }
  return out;
}

std::optional<std::string> StringField(const Struct& object,
                                       const std::string& name) {
  auto it = object.fields().find(name);
  if (it == object.fields().end() ||
      it->second.kind_case() != Value::kStringValue) {
    return std::nullopt;
  }
  return it->second.string_value();
}

std::optional<std::string> Base64Field(const Struct& object,
                                       const std::string& name) {
  std::optional<std::string> text = StringField(object, name);
  std::string bytes;
  if (!text || !DecodeBase64Url(*text, &bytes) || bytes.empty()) {
    return std::nullopt;
  }
  return bytes;
}

EVP_PKEY* FromParams(const char* type, OSSL_PARAM_BLD* builder) {
  Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(builder));
  Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (params == nullptr || ctx == nullptr ||
      EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) !=
          1) {
    return nullptr;
  }
  return key;
}

std::shared_ptr<EVP_PKEY> Ec256Key(const std::string& x, const std::string& y) {
  if (x.size() != kP256Bytes || y.size() != kP256Bytes) return nullptr;
  const std::string point = absl::StrCat("\x04", x, y);
  Owned<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new());
  char group[] = "prime256v1";
  if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                      group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                       point.data(), point.size()) != 1) {
    return nullptr;
  }
  std::shared_ptr<EVP_PKEY> key = Share(FromParams("EC", builder.get()));
  if (key == nullptr) return nullptr;
  // The point must be on the curve (an invalid-curve key verifies forgeries).
  Owned<EVP_PKEY_CTX> check(EVP_PKEY_CTX_new(key.get(), nullptr));
  if (EVP_PKEY_public_check(check.get()) != 1) return nullptr;
  return key;
}

std::shared_ptr<EVP_PKEY> RsaKey(const std::string& n, const std::string& e) {
  Owned<BIGNUM> modulus(
      BN_bin2bn(Bytes(n), static_cast<int>(n.size()), nullptr));
  Owned<BIGNUM> exponent(
      BN_bin2bn(Bytes(e), static_cast<int>(e.size()), nullptr));
  Owned<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new());
  if (modulus == nullptr || exponent == nullptr ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N,
                             modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E,
                             exponent.get()) != 1) {
    return nullptr;
  }
  std::shared_ptr<EVP_PKEY> key = Share(FromParams("RSA", builder.get()));
  if (key == nullptr || EVP_PKEY_get_bits(key.get()) < kMinRsaBits) {
    return nullptr;
  }
  return key;
}

// The algorithm and key of one JWK; nullopt when it is not a usable
// signature key (see Jwks::Parse).
std::optional<Jwk> UsableKey(const Struct& object) {
  if (auto use = StringField(object, "use"); use && *use != "sig") {
    return std::nullopt;
  }
  if (auto it = object.fields().find("key_ops"); it != object.fields().end()) {
    bool verify = false;
    for (const Value& op : it->second.list_value().values()) {
      verify = verify || op.string_value() == "verify";
    }
    if (!verify) return std::nullopt;
  }
  const std::string kty = StringField(object, "kty").value_or("");
  const std::string crv = StringField(object, "crv").value_or("");
  Jwk jwk;
  jwk.kid = StringField(object, "kid").value_or("");
  if (kty == "OKP" && crv == "Ed25519") {
    std::optional<std::string> x = Base64Field(object, "x");
    if (!x) return std::nullopt;
    jwk.algorithm = JwsAlgorithm::kEdDSA;
    jwk.key = Share(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                                Bytes(*x), x->size()));
  } else if (kty == "EC" && crv == "P-256") {
    std::optional<std::string> x = Base64Field(object, "x");
    std::optional<std::string> y = Base64Field(object, "y");
    if (!x || !y) return std::nullopt;
    jwk.algorithm = JwsAlgorithm::kES256;
    jwk.key = Ec256Key(*x, *y);
  } else if (kty == "RSA") {
    std::optional<std::string> n = Base64Field(object, "n");
    std::optional<std::string> e = Base64Field(object, "e");
    if (!n || !e) return std::nullopt;
    jwk.algorithm = JwsAlgorithm::kRS256;
    jwk.key = RsaKey(*n, *e);
  } else {
    return std::nullopt;
  }
  if (auto alg = StringField(object, "alg");
      alg && *alg != JwsAlgorithmName(jwk.algorithm)) {
    return std::nullopt;
  }
  if (jwk.key == nullptr) return std::nullopt;
  return jwk;
}

bool KeyFits(JwsAlgorithm algorithm, EVP_PKEY* key) {
  absl::StatusOr<JwsAlgorithm> own = AlgorithmOf(key);
  return own.ok() && *own == algorithm;
}

const EVP_MD* Digest(JwsAlgorithm algorithm) {
  return algorithm == JwsAlgorithm::kEdDSA ? nullptr : EVP_sha256();
}

// JWS's raw r||s as the DER ECDSA-Sig-Value OpenSSL verifies.
std::optional<std::string> EcdsaDer(absl::string_view raw) {
  if (raw.size() != 2 * kP256Bytes) return std::nullopt;
  Owned<ECDSA_SIG> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(Bytes(raw), kP256Bytes, nullptr);
  BIGNUM* s = BN_bin2bn(Bytes(raw.substr(kP256Bytes)), kP256Bytes, nullptr);
  if (sig == nullptr || r == nullptr || s == nullptr ||
      ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int size = i2d_ECDSA_SIG(sig.get(), &der);
  if (size <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  return out;
}

std::optional<std::string> EcdsaRaw(absl::string_view der) {
  const unsigned char* p = Bytes(der);
  Owned<ECDSA_SIG> sig(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (sig == nullptr) return std::nullopt;
  return absl::StrCat(BigEndian(ECDSA_SIG_get0_r(sig.get()), kP256Bytes),
                      BigEndian(ECDSA_SIG_get0_s(sig.get()), kP256Bytes));
}

std::string Base64Url(absl::string_view bytes) {
  return absl::WebSafeBase64Escape(bytes);
}

std::optional<std::string> BnParam(EVP_PKEY* key, const char* name, int width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) return std::nullopt;
  Owned<BIGNUM> n(raw);
  return Base64Url(BigEndian(n.get(), width));
}

// The RFC 7638 members of a public key, in lexicographic order.
absl::StatusOr<std::string> ThumbprintMembers(EVP_PKEY* key) {
  ASSIGN_OR_RETURN(JwsAlgorithm algorithm, AlgorithmOf(key));
  switch (algorithm) {
    case JwsAlgorithm::kEdDSA: {
      unsigned char raw[32];
      size_t size = sizeof(raw);
      if (EVP_PKEY_get_raw_public_key(key, raw, &size) != 1) break;
      return absl::StrCat(
          R"("crv":"Ed25519","kty":"OKP","x":")",
          Base64Url(absl::string_view(reinterpret_cast<char*>(raw), size)),
          "\"");
    }
    case JwsAlgorithm::kES256: {
      auto x = BnParam(key, OSSL_PKEY_PARAM_EC_PUB_X, kP256Bytes);
      auto y = BnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, kP256Bytes);
      if (!x || !y) break;
      return absl::StrCat(R"("crv":"P-256","kty":"EC","x":")", *x, R"(","y":")",
                          *y, "\"");
    }
    case JwsAlgorithm::kRS256: {
      auto e = BnParam(key, OSSL_PKEY_PARAM_RSA_E, 0);
      auto n = BnParam(key, OSSL_PKEY_PARAM_RSA_N, 0);
      if (!e || !n) break;
      return absl::StrCat(R"("e":")", *e, R"(","kty":"RSA","n":")", *n, "\"");
    }
  }
  return absl::InternalError("cannot read the public key's parameters");
}

}  // namespace

std::optional<JwsAlgorithm> ParseJwsAlgorithm(absl::string_view name) {
  for (JwsAlgorithm algorithm :
       {JwsAlgorithm::kEdDSA, JwsAlgorithm::kES256, JwsAlgorithm::kRS256}) {
    if (name == JwsAlgorithmName(algorithm)) return algorithm;
  }
  return std::nullopt;
}

const char* JwsAlgorithmName(JwsAlgorithm algorithm) {
  switch (algorithm) {
    case JwsAlgorithm::kEdDSA:
      return "EdDSA";
    case JwsAlgorithm::kES256:
      return "ES256";
    case JwsAlgorithm::kRS256:
      return "RS256";
  }
  return "";
}

absl::StatusOr<Jwks> Jwks::Parse(absl::string_view json) {
  Struct document;
  if (!google::protobuf::util::JsonStringToMessage(std::string(json), &document)
           .ok()) {
    return absl::InvalidArgumentError("JWKS: not a JSON object");
  }
  auto it = document.fields().find("keys");
  if (it == document.fields().end() ||
      it->second.kind_case() != Value::kListValue) {
    return absl::InvalidArgumentError("JWKS: no \"keys\" array");
  }
  Jwks set;
  std::set<std::string> kids;
  for (const Value& value : it->second.list_value().values()) {
    if (value.kind_case() != Value::kStructValue) continue;
    std::optional<Jwk> jwk = UsableKey(value.struct_value());
    if (!jwk) continue;
    if (!jwk->kid.empty() && !kids.insert(jwk->kid).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("JWKS: two keys have the kid '", jwk->kid, "'"));
    }
    set.keys_.push_back(*std::move(jwk));
  }
  if (set.keys_.empty()) {
    return absl::InvalidArgumentError(
        "JWKS: no signature key for EdDSA, ES256 or RS256 (>= 2048 bits)");
  }
  return set;
}

absl::StatusOr<const Jwk*> Jwks::Select(absl::string_view kid,
                                        JwsAlgorithm algorithm,
                                        bool* unknown_kid) const {
  if (unknown_kid != nullptr) *unknown_kid = false;
  if (!kid.empty()) {
    for (const Jwk& jwk : keys_) {
      if (jwk.kid != kid) continue;
      if (jwk.algorithm != algorithm) {
        return absl::UnauthenticatedError(
            "invalid token: its alg is not its key's algorithm");
      }
      return &jwk;
    }
    if (unknown_kid != nullptr) *unknown_kid = true;
    return absl::UnauthenticatedError("invalid token: unknown key id (kid)");
  }
  const Jwk* only = nullptr;
  for (const Jwk& jwk : keys_) {
    if (jwk.algorithm != algorithm) continue;
    if (only != nullptr) {
      return absl::UnauthenticatedError(
          "invalid token: no kid, and several keys could verify it");
    }
    only = &jwk;
  }
  if (only == nullptr) {
    return absl::UnauthenticatedError("invalid token: no key for its alg");
  }
  return only;
}

bool VerifyJws(JwsAlgorithm algorithm, EVP_PKEY* key, absl::string_view input,
               absl::string_view signature) {
  if (key == nullptr || !KeyFits(algorithm, key)) return false;
  std::string der;
  if (algorithm == JwsAlgorithm::kES256) {
    std::optional<std::string> converted = EcdsaDer(signature);
    if (!converted) return false;
    der = *std::move(converted);
    signature = der;
  }
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  return ctx != nullptr &&
         EVP_DigestVerifyInit(ctx.get(), nullptr, Digest(algorithm), nullptr,
                              key) == 1 &&
         EVP_DigestVerify(ctx.get(), Bytes(signature), signature.size(),
                          Bytes(input), input.size()) == 1;
}

absl::StatusOr<std::string> SignJws(JwsAlgorithm algorithm, EVP_PKEY* key,
                                    absl::string_view input) {
  if (key == nullptr || !KeyFits(algorithm, key)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the key does not sign ", JwsAlgorithmName(algorithm)));
  }
  Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
  size_t size = 0;
  if (ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, Digest(algorithm), nullptr, key) !=
          1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, Bytes(input), input.size()) !=
          1) {
    return absl::InternalError("signing failed");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(&signature[0]),
                     &size, Bytes(input), input.size()) != 1) {
    return absl::InternalError("signing failed");
  }
  signature.resize(size);
  if (algorithm != JwsAlgorithm::kES256) return signature;
  std::optional<std::string> raw = EcdsaRaw(signature);
  if (!raw) return absl::InternalError("cannot convert the ECDSA signature");
  return *raw;
}

absl::StatusOr<PublicJwk> ToPublicJwk(EVP_PKEY* key) {
  ASSIGN_OR_RETURN(JwsAlgorithm algorithm, AlgorithmOf(key));
  ASSIGN_OR_RETURN(std::string members, ThumbprintMembers(key));
  unsigned char digest[SHA256_DIGEST_LENGTH];
  const std::string canonical = absl::StrCat("{", members, "}");
  SHA256(Bytes(canonical), canonical.size(), digest);
  PublicJwk jwk;
  jwk.kid = Base64Url(
      absl::string_view(reinterpret_cast<char*>(digest), sizeof(digest)));
  jwk.json = absl::StrCat("{", members, R"(,"kid":")", jwk.kid, R"(","alg":")",
                          JwsAlgorithmName(algorithm), R"(","use":"sig"})");
  return jwk;
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> ReadPemKey(const std::string& pem) {
  Owned<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (EVP_PKEY* key =
          PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)) {
    return Share(key);
  }
  Owned<BIO> again(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (EVP_PKEY* key =
          PEM_read_bio_PUBKEY(again.get(), nullptr, nullptr, nullptr)) {
    return Share(key);
  }
  return absl::InvalidArgumentError("not a PEM private or public key");
}

absl::StatusOr<JwsAlgorithm> AlgorithmOf(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "ED25519")) return JwsAlgorithm::kEdDSA;
  if (EVP_PKEY_is_a(key, "EC")) {
    char group[64] = {0};
    size_t size = 0;
    if (EVP_PKEY_get_group_name(key, group, sizeof(group), &size) == 1 &&
        absl::string_view(group, size) == "prime256v1") {
      return JwsAlgorithm::kES256;
    }
  }
  if (EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) >= kMinRsaBits) {
    return JwsAlgorithm::kRS256;
  }
  return absl::InvalidArgumentError(
      "not an Ed25519, P-256 or RSA (>= 2048 bits) key");
}

absl::StatusOr<std::string> GeneratePrivateKeyPem(JwsAlgorithm algorithm) {
  EVP_PKEY* raw = nullptr;
  switch (algorithm) {
    case JwsAlgorithm::kEdDSA:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
      break;
    case JwsAlgorithm::kES256:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
      break;
    case JwsAlgorithm::kRS256:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{kMinRsaBits});
      break;
  }
  std::shared_ptr<EVP_PKEY> key = Share(raw);
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (key == nullptr || bio == nullptr ||
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0,
                               nullptr, nullptr) != 1) {
    return absl::InternalError("key generation failed");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string JwksDocument(const std::vector<PublicJwk>& keys) {
  std::string out = R"({"keys":[)";
  for (size_t i = 0; i < keys.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",", keys[i].json);
  }
  return absl::StrCat(out, "]}");
}

}  // namespace mediation
