#include "security/principal.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"

namespace mediation {
namespace {

bool IsPrintableToken(absl::string_view text) {
  if (text.empty() || text.size() > 128) return false;
  for (char c : text) {
    if (c <= ' ' || c > '~' || c == '@' || c == ':') return false;
  }
  return true;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAccueil:
      return "accueil";
    case Role::kMediateur:
      return "mediateur";
    case Role::kAssistant:
      return "assistant";
    case Role::kDirection:
      return "direction";
    case Role::kCra:
      return "cra";
    case Role::kNational:
      return "national";
    case Role::kAuditeur:
      return "auditeur";
    case Role::kOperateur:
      return "operateur";
  }
  return "inconnu";
}

absl::StatusOr<Role> ParseRole(absl::string_view name) {
  for (Role role : kAllRoles) {
    if (name == RoleName(role)) return role;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown role '", name, "'"));
}

std::string Principal::Acteur() const {
  return absl::StrCat(RoleName(role), ":", sujet, "@", caisse);
}

bool Principal::VoitDonneesPersonnelles() const {
  switch (role) {
    case Role::kAccueil:
    case Role::kMediateur:
    case Role::kAssistant:
    case Role::kCra:
      return true;
    case Role::kDirection:
    case Role::kNational:
    case Role::kAuditeur:
    case Role::kOperateur:
      return false;
  }
  return false;
}

absl::StatusOr<Principal> MakePrincipal(absl::string_view sujet,
                                        absl::string_view role,
                                        absl::string_view caisse) {
  Principal principal;
  ASSIGN_OR_RETURN(principal.role, ParseRole(role));
  if (!IsPrintableToken(sujet)) {
    return absl::InvalidArgumentError("sujet: 1 to 128 printable characters");
  }
  if (caisse != kToutesCaisses && !IsPrintableToken(caisse)) {
    return absl::InvalidArgumentError("caisse: a caisse code or '*'");
  }
  const bool national_level =
      principal.role == Role::kNational || principal.role == Role::kOperateur;
  if (national_level && caisse != kToutesCaisses) {
    return absl::InvalidArgumentError(
        absl::StrCat(role, " acts for every caisse: caisse must be '*'"));
  }
  principal.sujet = std::string(sujet);
  principal.caisse = std::string(caisse);
  return principal;
}

}  // namespace mediation
