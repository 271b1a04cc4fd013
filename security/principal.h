// Who calls the service: an authenticated principal, its role and its caisse.
#ifndef MEDIATION_SECURITY_PRINCIPAL_H_
#define MEDIATION_SECURITY_PRINCIPAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace mediation {

enum class Role {
  kAccueil,    // Front office: deposits and follows its caisse's saisines.
  kMediateur,  // Local mediator: every mediation act on its caisse.
  kAssistant,  // The mediator's assistant (and suppléant): the same.
  kDirection,  // Director: decides on équité proposals of its caisse.
  kCra,        // Commission de recours amiable of its caisse.
  kNational,   // National mediation direction: reads every caisse.
  kAuditeur,   // History, replay, integrity, consultations; never writes.
  kOperateur,  // Operations: backups; no access to cases.
};

inline constexpr Role kAllRoles[] = {
    Role::kAccueil, Role::kMediateur, Role::kAssistant, Role::kDirection,
    Role::kCra,     Role::kNational,  Role::kAuditeur,  Role::kOperateur};

// "accueil", "mediateur", …
const char* RoleName(Role role);
// INVALID_ARGUMENT for an unknown name.
absl::StatusOr<Role> ParseRole(absl::string_view name);

// The caisse of a principal that acts for every caisse.
inline constexpr char kToutesCaisses[] = "*";

struct Principal {
  std::string sujet;
  Role role = Role::kOperateur;
  // A caisse code, or kToutesCaisses.
  std::string caisse;
  // When the credential stops being valid (a token's "exp"); streams end
  // then. A client certificate's validity is TLS's to check.
  absl::Time expire_a = absl::InfiniteFuture();

  // How events and the consultation journal name the principal:
  // "<role>:<sujet>@<caisse>".
  std::string Acteur() const;
  // True when the principal may act on the saisines of `code`.
  bool Couvre(absl::string_view code) const {
    return caisse == kToutesCaisses || caisse == code;
  }
  // True when the role needs the requester's NIR and contact details.
  bool VoitDonneesPersonnelles() const;
};

// Checks a principal's fields (non-empty subject and caisse, printable,
// bounded; national and operateur act for every caisse). INVALID_ARGUMENT
// otherwise.
absl::StatusOr<Principal> MakePrincipal(absl::string_view sujet,
                                        absl::string_view role,
                                        absl::string_view caisse);

}  // namespace mediation

#endif  // MEDIATION_SECURITY_PRINCIPAL_H_
