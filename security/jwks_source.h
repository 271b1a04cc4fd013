// Where the keys that verify access tokens come from: a JWKS document (RFC
// 7517) in a file, or at an HTTPS URL of the identity provider, read at
// start and then refreshed so that keys rotate without a restart.
//
//   ASSIGN_OR_RETURN(Jwks keys, FetchJwks(source));
//   ASSIGN_OR_RETURN(auto verifier, JwtVerifier::Create(policy, keys));
//   JwksRefresher refresher(source, verifier.get());  // Until destroyed.
//
// Thread safety: FetchJwks may be called from any thread; a JwksRefresher
// owns one thread, stopped and joined by its destructor.
#ifndef MEDIATION_SECURITY_JWKS_SOURCE_H_
#define MEDIATION_SECURITY_JWKS_SOURCE_H_

#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "security/jwk.h"
#include "security/jwt.h"

namespace mediation {

struct JwksSource {
  // A file path, or an "https://" URL (plain http is refused: keys fetched
  // in clear could be replaced on the way).
  std::string location;
  // For a URL: the CA bundle (PEM) that verifies the provider's
  // certificate; empty: the system's CAs.
  std::string ca_file;
  // How often the keys are read again. A token naming an unknown kid asks
  // for an early read, at most once per `min_refresh`.
  absl::Duration refresh = absl::Minutes(5);
  absl::Duration min_refresh = absl::Seconds(30);
};

inline constexpr size_t kMaxJwksBytes = 1 << 20;

// The key set at `source.location`. INVALID_ARGUMENT for a location that is
// neither a file nor an https URL, or a document that does not parse (see
// Jwks::Parse); UNAVAILABLE when the file cannot be read or the URL does not
// answer 200 with at most kMaxJwksBytes within 10 s over verified TLS.
absl::StatusOr<Jwks> FetchJwks(const JwksSource& source);

// Reads the keys again every `source.refresh` (sooner after an unknown kid)
// and gives them to `verifier`. A failed read is logged and the keys in
// force are kept. `verifier` is not owned and must outlive the refresher.
class JwksRefresher {
 public:
  JwksRefresher(JwksSource source, JwtVerifier* verifier);
  ~JwksRefresher();
  JwksRefresher(const JwksRefresher&) = delete;
  JwksRefresher& operator=(const JwksRefresher&) = delete;

  // Reads now (tests, and SIGHUP-like triggers); the outcome of the read.
  absl::Status RefreshNow();

 private:
  void Loop();

  const JwksSource source_;
  JwtVerifier* const verifier_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace mediation

#endif  // MEDIATION_SECURITY_JWKS_SOURCE_H_
