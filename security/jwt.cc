#include "security/jwt.h"

#include <cmath>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace mediation {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

absl::Status Invalid(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", why));
}

bool IsBase64Url(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

// A base64url JSON object of the token.
std::optional<Struct> DecodeObject(absl::string_view part) {
  std::string json;
  Struct object;
  if (!IsBase64Url(part) || !absl::WebSafeBase64Unescape(part, &json) ||
      !google::protobuf::util::JsonStringToMessage(json, &object).ok()) {
    return std::nullopt;
  }
  return object;
}

// The claim at a dotted path ("realm_access.roles"), or null.
const Value* Claim(const Struct& claims, absl::string_view path) {
  const Struct* object = &claims;
  const Value* value = nullptr;
  for (absl::string_view name : absl::StrSplit(path, '.')) {
    if (object == nullptr) return nullptr;
    auto it = object->fields().find(std::string(name));
    if (it == object->fields().end()) return nullptr;
    value = &it->second;
    object = value->kind_case() == Value::kStructValue ? &value->struct_value()
                                                       : nullptr;
  }
  return value;
}

std::optional<std::string> StringClaim(const Struct& claims,
                                       absl::string_view path) {
  const Value* value = Claim(claims, path);
  if (value == nullptr || value->kind_case() != Value::kStringValue) {
    return std::nullopt;
  }
  return value->string_value();
}

std::optional<absl::Time> TimeClaim(const Struct& claims,
                                    absl::string_view name) {
  const Value* value = Claim(claims, name);
  if (value == nullptr || value->kind_case() != Value::kNumberValue ||
      !std::isfinite(value->number_value()) || value->number_value() < 0 ||
      value->number_value() > 1e12) {
    return std::nullopt;
  }
  return absl::FromUnixSeconds(
      static_cast<int64_t>(std::floor(value->number_value())));
}

bool HasAudience(const Struct& claims, const std::string& audience) {
  const Value* aud = Claim(claims, "aud");
  if (aud == nullptr) return false;
  if (aud->kind_case() == Value::kStringValue) {
    return aud->string_value() == audience;
  }
  if (aud->kind_case() != Value::kListValue) return false;
  for (const Value& value : aud->list_value().values()) {
    if (value.string_value() == audience) return true;
  }
  return false;
}

// The one role of ours the claim names (a string, or an array of strings of
// which exactly one is a role name).
absl::StatusOr<std::string> RoleClaim(const Struct& claims,
                                      absl::string_view path) {
  const Value* value = Claim(claims, path);
  if (value != nullptr && value->kind_case() == Value::kStringValue) {
    return value->string_value();
  }
  if (value == nullptr || value->kind_case() != Value::kListValue) {
    return Invalid(absl::StrCat("no role claim '", path, "'"));
  }
  std::vector<std::string> ours;
  for (const Value& item : value->list_value().values()) {
    if (ParseRole(item.string_value()).ok())
      ours.push_back(item.string_value());
  }
  if (ours.size() != 1) {
    return Invalid(absl::StrCat("the role claim '", path,
                                "' must hold exactly one mediation role"));
  }
  return ours[0];
}

absl::Status CheckHeader(const Struct& header) {
  if (header.fields().contains("crit")) {
    return Invalid("critical header parameters are not supported");
  }
  if (auto typ = StringClaim(header, "typ")) {
    std::string type = absl::AsciiStrToLower(*typ);
    if (absl::StartsWith(type, "application/")) type = type.substr(12);
    if (type != "jwt" && type != "at+jwt") return Invalid("typ is not a JWT");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status JwtPolicy::Validate() const {
  if (issuer.empty()) return absl::InvalidArgumentError("jwt_issuer: required");
  if (audience.empty()) {
    return absl::InvalidArgumentError("jwt_audience: required");
  }
  if (role_claim.empty()) {
    return absl::InvalidArgumentError("jwt_role_claim: required");
  }
  if (caisse_claim.empty()) {
    return absl::InvalidArgumentError("jwt_caisse_claim: required");
  }
  if (leeway < absl::ZeroDuration() || leeway > absl::Minutes(5)) {
    return absl::InvalidArgumentError("jwt_leeway: 0 to 5 minutes");
  }
  if (max_lifetime <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("jwt_max_lifetime: positive");
  }
  return absl::OkStatus();
}

struct JwtVerifier::Window {
  absl::Time not_before = absl::InfinitePast();
  absl::Time issued_at;
  absl::Time expiry;
};

struct JwtVerifier::Cache {
  struct Entry {
    Principal principal;
    Window window;
  };
  absl::Mutex mu;
  absl::flat_hash_map<std::string, Entry> entries ABSL_GUARDED_BY(mu);
};

JwtVerifier::~JwtVerifier() = default;

JwtVerifier::JwtVerifier(JwtPolicy policy, Jwks keys)
    : policy_(std::move(policy)),
      keys_(std::make_shared<const Jwks>(std::move(keys))),
      cache_(std::make_unique<Cache>()) {}

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::Create(
    JwtPolicy policy, Jwks keys) {
  RETURN_IF_ERROR(policy.Validate());
  return std::unique_ptr<JwtVerifier>(
      new JwtVerifier(std::move(policy), std::move(keys)));
}

std::shared_ptr<const Jwks> JwtVerifier::Keys() const {
  absl::MutexLock lock(&keys_mu_);
  return keys_;
}

void JwtVerifier::ReplaceKeys(Jwks keys) {
  auto fresh = std::make_shared<const Jwks>(std::move(keys));
  // Keys first, then the cache. A verification that used the old keys
  // caches its result only if they are still current under the cache's
  // lock (Verify): so no entry of the old keys survives the clear.
  {
    absl::MutexLock lock(&keys_mu_);
    keys_ = std::move(fresh);
  }
  absl::MutexLock lock(&cache_->mu);
  cache_->entries.clear();
}

namespace {

absl::StatusOr<Principal> AtTime(Principal principal, absl::Time not_before,
                                 absl::Time expiry, absl::Duration leeway,
                                 absl::Time now) {
  if (now >= expiry + leeway) return Invalid("expired");
  if (not_before > now + leeway) return Invalid("not yet valid (nbf)");
  return principal;
}

}  // namespace

absl::StatusOr<Principal> JwtVerifier::Verify(absl::string_view token,
                                              absl::Time now) const {
  if (token.size() > kMaxTokenBytes) return Invalid("too long");
  {
    absl::MutexLock lock(&cache_->mu);
    if (auto it = cache_->entries.find(token); it != cache_->entries.end()) {
      const Cache::Entry& entry = it->second;
      return AtTime(entry.principal, entry.window.not_before,
                    entry.window.expiry, policy_.leeway, now);
    }
  }
  Window window;
  const std::shared_ptr<const Jwks> keys = Keys();
  ASSIGN_OR_RETURN(Principal principal, VerifyUncached(token, *keys, &window));
  if (window.issued_at > now + policy_.leeway) {
    return Invalid("issued in the future (iat)");
  }
  {
    absl::MutexLock lock(&cache_->mu);
    // Bounded: a flood of distinct tokens empties the cache, no more.
    if (cache_->entries.size() >= kMaxCachedTokens) cache_->entries.clear();
    if (Keys() == keys) {
      cache_->entries.emplace(std::string(token),
                              Cache::Entry{principal, window});
    }
  }
  return AtTime(std::move(principal), window.not_before, window.expiry,
                policy_.leeway, now);
}

absl::StatusOr<Principal> JwtVerifier::VerifyUncached(absl::string_view token,
                                                      const Jwks& keys,
                                                      Window* window) const {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) return Invalid("not a JWS compact serialisation");
  std::optional<Struct> header = DecodeObject(parts[0]);
  if (!header) return Invalid("malformed header");
  RETURN_IF_ERROR(CheckHeader(*header));
  std::optional<JwsAlgorithm> algorithm =
      ParseJwsAlgorithm(StringClaim(*header, "alg").value_or(""));
  if (!algorithm) return Invalid("alg not allowed (EdDSA, ES256, RS256)");
  bool unknown_kid = false;
  absl::StatusOr<const Jwk*> key = keys.Select(
      StringClaim(*header, "kid").value_or(""), *algorithm, &unknown_kid);
  if (unknown_kid) unknown_kid_.store(true);
  if (!key.ok()) return key.status();
  std::string signature;
  if (!IsBase64Url(parts[2]) ||
      !absl::WebSafeBase64Unescape(parts[2], &signature) ||
      !VerifyJws(*algorithm, (*key)->key.get(),
                 token.substr(0, parts[0].size() + 1 + parts[1].size()),
                 signature)) {
    return Invalid("bad signature");
  }
  std::optional<Struct> claims = DecodeObject(parts[1]);
  if (!claims) return Invalid("malformed claims");
  if (StringClaim(*claims, "iss") != policy_.issuer) {
    return Invalid("wrong issuer (iss)");
  }
  if (!HasAudience(*claims, policy_.audience)) {
    return Invalid("not for this service (aud)");
  }
  std::optional<absl::Time> exp = TimeClaim(*claims, "exp");
  std::optional<absl::Time> iat = TimeClaim(*claims, "iat");
  if (!exp || !iat) return Invalid("exp and iat are required");
  if (*exp - *iat > policy_.max_lifetime) {
    return Invalid("lifetime longer than this service allows");
  }
  if (Claim(*claims, "nbf") != nullptr) {
    std::optional<absl::Time> nbf = TimeClaim(*claims, "nbf");
    if (!nbf) return Invalid("malformed nbf");
    window->not_before = *nbf;
  }
  window->issued_at = *iat;
  window->expiry = *exp;
  ASSIGN_OR_RETURN(std::string role, RoleClaim(*claims, policy_.role_claim));
  std::optional<std::string> caisse =
      StringClaim(*claims, policy_.caisse_claim);
  if (!caisse) {
    return Invalid(
        absl::StrCat("no caisse claim '", policy_.caisse_claim, "'"));
  }
  absl::StatusOr<Principal> principal =
      MakePrincipal(StringClaim(*claims, "sub").value_or(""), role, *caisse);
  if (!principal.ok()) return Invalid(principal.status().message());
  principal->expire_a = *exp;
  return principal;
}

absl::StatusOr<JwtSigner> JwtSigner::FromPrivateKeyPem(const std::string& pem,
                                                       std::string issuer,
                                                       std::string audience) {
  ASSIGN_OR_RETURN(std::shared_ptr<EVP_PKEY> key, ReadPemKey(pem));
  ASSIGN_OR_RETURN(JwsAlgorithm algorithm, AlgorithmOf(key.get()));
  ASSIGN_OR_RETURN(PublicJwk jwk, ToPublicJwk(key.get()));
  JwtSigner signer;
  signer.key_ = std::move(key);
  signer.algorithm_ = algorithm;
  signer.kid_ = std::move(jwk.kid);
  signer.issuer_ = std::move(issuer);
  signer.audience_ = std::move(audience);
  return signer;
}

namespace {

absl::StatusOr<std::string> Base64Json(const Struct& object) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(object, &json).ok()) {
    return absl::InternalError("cannot encode JSON");
  }
  return absl::WebSafeBase64Escape(json);
}

void Set(Struct& object, const std::string& name, const std::string& value) {
  (*object.mutable_fields())[name].set_string_value(value);
}

void SetTime(Struct& object, const std::string& name, absl::Time value) {
  (*object.mutable_fields())[name].set_number_value(
      static_cast<double>(absl::ToUnixSeconds(value)));
}

}  // namespace

absl::StatusOr<std::string> JwtSigner::Sign(const Principal& principal,
                                            absl::Time now,
                                            absl::Time expiry) const {
  Struct header;
  Set(header, "alg", JwsAlgorithmName(algorithm_));
  Set(header, "typ", "at+jwt");
  Set(header, "kid", kid_);
  Struct claims;
  Set(claims, "iss", issuer_);
  Set(claims, "aud", audience_);
  Set(claims, "sub", principal.sujet);
  Set(claims, "role", RoleName(principal.role));
  Set(claims, "caisse", principal.caisse);
  SetTime(claims, "iat", now);
  SetTime(claims, "nbf", now);
  SetTime(claims, "exp", expiry);
  ASSIGN_OR_RETURN(std::string head, Base64Json(header));
  ASSIGN_OR_RETURN(std::string body, Base64Json(claims));
  const std::string input = absl::StrCat(head, ".", body);
  ASSIGN_OR_RETURN(std::string signature,
                   SignJws(algorithm_, key_.get(), input));
  return absl::StrCat(input, ".", absl::WebSafeBase64Escape(signature));
}

}  // namespace mediation
