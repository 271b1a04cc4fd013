// Authenticator: maps a call to its principal.
//
// A call is authenticated by one of:
//   - a bearer token in the "authorization" metadata ("Bearer <token>"): an
//     OAuth 2.0 / OpenID Connect access token as a JWT, verified against the
//     identity provider's JWKS (security/jwt.h); it names a person and takes
//     precedence;
//   - a client certificate verified by TLS (mutual TLS, for systems) that
//     carries a URI subject alternative name
//     "urn:mediation:<role>:<caisse>:<sujet>" (exactly one such URI: a
//     certificate naming two principals names none).
// The credential's caisse must be a code of the caisse referential, or "*"
// for the roles that span caisses (national, auditeur, operateur) and no
// other: a caisse that is not a code could extend a key prefix of the store.
// Anything else is UNAUTHENTICATED. gRPC health checks never get here.
//
// Thread safety: immutable; safe to share.
#ifndef MEDIATION_SECURITY_AUTHENTICATOR_H_
#define MEDIATION_SECURITY_AUTHENTICATOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "domain/caisse.h"
#include "grpcpp/server_context.h"
#include "security/jwt.h"
#include "security/principal.h"

namespace mediation {

inline constexpr char kCertificateUriPrefix[] = "urn:mediation:";

class Authenticator {
 public:
  // `verifier` may be null: then only client certificates authenticate.
  // `clock` and `caisses` are not owned and must outlive the authenticator.
  Authenticator(std::shared_ptr<const JwtVerifier> verifier, const Clock* clock,
                const CaisseReferentiel* caisses)
      : verifier_(std::move(verifier)), clock_(clock), caisses_(caisses) {}

  absl::StatusOr<Principal> Authenticate(
      const grpc::ServerContextBase& context) const;

  // The same for a request that is not a gRPC call (the HTTPS pages): the
  // value of its Authorization header (nullopt when it has none) and the
  // URI subject alternative names of the client certificate TLS verified
  // (empty when none).
  absl::StatusOr<Principal> AuthenticateCredentials(
      std::optional<absl::string_view> authorization,
      const std::vector<std::string>& certificate_uris) const;

 private:
  absl::StatusOr<Principal> Credential(
      std::optional<absl::string_view> authorization,
      const std::vector<std::string>& certificate_uris) const;
  std::optional<Principal> FromCertificate(
      const std::vector<std::string>& certificate_uris) const;

  const std::shared_ptr<const JwtVerifier> verifier_;
  const Clock* const clock_;
  const CaisseReferentiel* const caisses_;
};

// The principal a certificate URI "urn:mediation:<role>:<caisse>:<sujet>"
// names; INVALID_ARGUMENT for another form.
absl::StatusOr<Principal> PrincipalFromCertificateUri(absl::string_view uri);

// OK when `principal`'s caisse is a code of `caisses`, or "*" for a role
// that spans caisses; UNAUTHENTICATED otherwise.
absl::Status CheckCredentialCaisse(const Principal& principal,
                                   const CaisseReferentiel& caisses);

}  // namespace mediation

#endif  // MEDIATION_SECURITY_AUTHENTICATOR_H_
