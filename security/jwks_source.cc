#include "security/jwks_source.h"

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/files.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "curl/curl.h"

namespace mediation {
namespace {

constexpr long kFetchTimeoutSeconds = 10;
// How often the loop wakes to see whether a token named an unknown kid.
constexpr absl::Duration kWakeUp = absl::Seconds(1);

size_t Collect(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const size_t bytes = size * count;
  // Returning less than given makes libcurl fail the transfer.
  if (body->size() + bytes > kMaxJwksBytes) return 0;
  body->append(data, bytes);
  return bytes;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

absl::StatusOr<std::string> FetchUrl(const JwksSource& source) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (curl == nullptr) return absl::InternalError("curl_easy_init failed");
  std::string body;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, source.location.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kFetchTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  if (!source.ca_file.empty()) {
    curl_easy_setopt(c, CURLOPT_CAINFO, source.ca_file.c_str());
  }
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    return absl::UnavailableError(
        absl::StrCat("JWKS ", source.location, ": ", curl_easy_strerror(code)));
  }
  long http = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &http);
  if (http != 200) {
    return absl::UnavailableError(
        absl::StrCat("JWKS ", source.location, ": HTTP ", http));
  }
  return body;
}

}  // namespace

absl::StatusOr<Jwks> FetchJwks(const JwksSource& source) {
  const std::string& where = source.location;
  if (where.empty()) return absl::InvalidArgumentError("jwks: required");
  std::string document;
  if (absl::StartsWith(where, "https://")) {
    ASSIGN_OR_RETURN(document, FetchUrl(source));
  } else if (absl::StrContains(where, "://")) {
    return absl::InvalidArgumentError(
        absl::StrCat("jwks: '", where, "' is neither a file nor an https URL"));
  } else {
    absl::StatusOr<std::string> read = ReadFile(where);
    if (!read.ok()) {
      return absl::UnavailableError(read.status().message());
    }
    document = *std::move(read);
  }
  if (document.size() > kMaxJwksBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "JWKS ", where, ": larger than ", kMaxJwksBytes, " bytes"));
  }
  return Jwks::Parse(document);
}

JwksRefresher::JwksRefresher(JwksSource source, JwtVerifier* verifier)
    : source_(std::move(source)), verifier_(verifier) {
  thread_ = std::thread([this] { Loop(); });
}

JwksRefresher::~JwksRefresher() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

absl::Status JwksRefresher::RefreshNow() {
  absl::StatusOr<Jwks> keys = FetchJwks(source_);
  if (!keys.ok()) {
    LogWarning(absl::StrCat("JWKS refresh failed, the keys in force are kept: ",
                            keys.status().ToString()));
    return keys.status();
  }
  verifier_->ReplaceKeys(*std::move(keys));
  return absl::OkStatus();
}

void JwksRefresher::Loop() {
  absl::Time last = absl::Now();
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), kWakeUp);
    if (stopping_) break;
    const absl::Time now = absl::Now();
    const bool due = now - last >= source_.refresh;
    const bool early =
        now - last >= source_.min_refresh && verifier_->TakeUnknownKid();
    if (!due && !early) continue;
    last = now;
    mu_.Unlock();
    RefreshNow().IgnoreError();  // Logged; the old keys stay.
    mu_.Lock();
  }
}

}  // namespace mediation
