#include "security/authenticator.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "grpc/grpc_security_constants.h"

namespace mediation {
namespace {

constexpr absl::string_view kBearer = "Bearer ";

absl::string_view View(const grpc::string_ref& ref) {
  return absl::string_view(ref.data(), ref.size());
}

}  // namespace

absl::StatusOr<Principal> PrincipalFromCertificateUri(absl::string_view uri) {
  if (!absl::StartsWith(uri, kCertificateUriPrefix)) {
    return absl::InvalidArgumentError("not a mediation principal URI");
  }
  std::vector<absl::string_view> parts = absl::StrSplit(
      uri.substr(sizeof(kCertificateUriPrefix) - 1), absl::MaxSplits(':', 2));
  if (parts.size() != 3) {
    return absl::InvalidArgumentError(
        "expected urn:mediation:role:caisse:sujet");
  }
  return MakePrincipal(parts[2], parts[0], parts[1]);
}

absl::Status CheckCredentialCaisse(const Principal& principal,
                                   const CaisseReferentiel& caisses) {
  const bool spans = principal.role == Role::kNational ||
                     principal.role == Role::kAuditeur ||
                     principal.role == Role::kOperateur;
  if (principal.caisse == kToutesCaisses) {
    if (spans) return absl::OkStatus();
    return absl::UnauthenticatedError(
        "the credential's role acts for one caisse: '*' is not allowed");
  }
  if (caisses.Find(principal.caisse) != nullptr) return absl::OkStatus();
  return absl::UnauthenticatedError(
      "the credential's caisse is not a code of the caisse referential");
}

absl::StatusOr<Principal> Authenticator::Authenticate(
    const grpc::ServerContextBase& context) const {
  std::optional<absl::string_view> authorization;
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find("authorization"); it != metadata.end()) {
    authorization = View(it->second);
  }
  // The URIs of our scheme (gRPC lists a SAN URI under both properties).
  std::vector<std::string> uris;
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth != nullptr && auth->IsPeerAuthenticated()) {
    for (const char* property :
         {GRPC_PEER_URI_PROPERTY_NAME, GRPC_X509_SAN_PROPERTY_NAME}) {
      for (const grpc::string_ref& value : auth->FindPropertyValues(property)) {
        uris.emplace_back(View(value));
      }
    }
  }
  return AuthenticateCredentials(authorization, uris);
}

absl::StatusOr<Principal> Authenticator::AuthenticateCredentials(
    std::optional<absl::string_view> authorization,
    const std::vector<std::string>& certificate_uris) const {
  absl::StatusOr<Principal> principal =
      Credential(authorization, certificate_uris);
  if (!principal.ok()) return principal;
  if (absl::Status scope = CheckCredentialCaisse(*principal, *caisses_);
      !scope.ok()) {
    return scope;
  }
  return principal;
}

absl::StatusOr<Principal> Authenticator::Credential(
    std::optional<absl::string_view> authorization,
    const std::vector<std::string>& certificate_uris) const {
  if (authorization.has_value()) {
    if (!absl::StartsWith(*authorization, kBearer)) {
      return absl::UnauthenticatedError(
          "authorization: expected 'Bearer <token>'");
    }
    if (verifier_ == nullptr) {
      return absl::UnauthenticatedError(
          "this server accepts no tokens (no --jwks)");
    }
    return verifier_->Verify(authorization->substr(kBearer.size()),
                             clock_->Now());
  }
  if (std::optional<Principal> principal = FromCertificate(certificate_uris)) {
    return *principal;
  }
  return absl::UnauthenticatedError(
      "credentials required: a bearer token or a client certificate");
}

std::optional<Principal> Authenticator::FromCertificate(
    const std::vector<std::string>& certificate_uris) const {
  // The URIs of our scheme, once each.
  std::set<std::string> uris;
  for (const std::string& uri : certificate_uris) {
    if (absl::StartsWith(uri, kCertificateUriPrefix)) uris.insert(uri);
  }
  if (uris.size() != 1) return std::nullopt;
  absl::StatusOr<Principal> principal =
      PrincipalFromCertificateUri(*uris.begin());
  if (!principal.ok()) return std::nullopt;
  return *principal;
}

}  // namespace mediation
