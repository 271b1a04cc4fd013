#include "security/authorization.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"

namespace mediation {

const std::vector<RpcPermission>& RpcPermissions() {
  static const auto* const kTable = [] {
    const std::set<Role> lecteurs = {
        Role::kAccueil, Role::kMediateur, Role::kAssistant, Role::kDirection,
        Role::kCra,     Role::kNational,  Role::kAuditeur};
    const std::set<Role> mediation = {Role::kMediateur, Role::kAssistant};
    return new std::vector<RpcPermission>{
        {rpc::kDeposerSaisine,
         {Role::kAccueil, Role::kMediateur, Role::kAssistant}},
        {rpc::kGetSaisine, lecteurs},
        {rpc::kListSaisines, lecteurs},
        {rpc::kGetHistorique,
         {Role::kMediateur, Role::kAssistant, Role::kAuditeur}},
        {rpc::kListConsultations, {Role::kAuditeur}},
        {rpc::kRejouerAuPoint,
         {Role::kMediateur, Role::kAssistant, Role::kAuditeur}},
        // Operations check the log after a restore; the report holds no
        // case data.
        {rpc::kVerifierIntegrite, {Role::kAuditeur, Role::kOperateur}},
        {rpc::kSouscrireJournal, {Role::kAuditeur, Role::kNational}},
        {rpc::kDeclarerRecevable, mediation},
        {rpc::kDeclarerIrrecevable, mediation},
        {rpc::kOrienter, mediation},
        {rpc::kConsignerEchange, mediation},
        // The front office corrects what it typed, too.
        {rpc::kRectifierDonnees,
         {Role::kMediateur, Role::kAssistant, Role::kAccueil}},
        {rpc::kEmettreRecommandation, mediation},
        // Only the director decides en équité.
        {rpc::kDeciderEquite, {Role::kDirection}},
        {rpc::kCommuniquerConclusions, mediation},
        {rpc::kEnregistrerRecoursContentieux, mediation},
        {rpc::kCloturer, mediation},
        {rpc::kGetEcheances, lecteurs},
        {rpc::kListSaisinesNationales, {Role::kNational}},
        // A caisse's mediator and director write its annual report.
        {rpc::kGetStatistiques,
         {Role::kNational, Role::kMediateur, Role::kAssistant,
          Role::kDirection}},
        {rpc::kTransmettreSaisine, {Role::kNational}},
        {rpc::kEmettreRecommandationNationale, {Role::kNational}},
        {rpc::kSauvegarder, {Role::kOperateur}},
        {rpc::kAncrerJournal, {Role::kOperateur}},
        {rpc::kTransmettreDossier, {Role::kCra}},
        {rpc::kDeclarerRecoursPrealable, {Role::kCra}},
        // The mediator sees the CRA's side too.
        {rpc::kConsulterSuspension,
         {Role::kCra, Role::kMediateur, Role::kAssistant}},
        {rpc::kEnregistrerMaintienOuDesistement, {Role::kCra}},
        {rpc::kSuivreSaisinesCra, {Role::kCra}},
        {rpc::kListParUrgence,
         {Role::kMediateur, Role::kAssistant, Role::kDirection, Role::kNational,
          Role::kAuditeur}},
        {rpc::kListSaisinesDuRequerant, {Role::kMediateur, Role::kAssistant}},
        {rpc::kConfirmerPriseEnCharge, mediation},
        {rpc::kListOrientationsAConfirmer,
         {Role::kMediateur, Role::kAssistant, Role::kDirection}},
        {rpc::kConvoquerProfessionnel, mediation},
        {rpc::kConsignerConciliation, mediation},
        {rpc::kEnregistrerDecisionCra, {Role::kCra}},
    };
  }();
  return *kTable;
}

bool RoleMayDeclareOrigine(Role role, Origine origine) {
  switch (origine) {
    case Origine::kDirectionNationale:
    case Origine::kCra:
      return false;
    case Origine::kDirectionCaisse:
    case Origine::kDefenseurDesDroits:
      return role == Role::kMediateur || role == Role::kAssistant;
    default:
      return true;
  }
}

bool RoleMay(Role role, absl::string_view method) {
  for (const RpcPermission& permission : RpcPermissions()) {
    if (permission.method == method) return permission.roles.contains(role);
  }
  return false;
}

absl::StatusOr<Principal> Authorize(const Authenticator& authenticator,
                                    const grpc::ServerContextBase& context,
                                    absl::string_view method) {
  ASSIGN_OR_RETURN(Principal principal, authenticator.Authenticate(context));
  RETURN_IF_ERROR(CheckRoleMay(principal, method));
  return principal;
}

absl::Status CheckRoleMay(const Principal& principal,
                          absl::string_view method) {
  if (RoleMay(principal.role, method)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "role ", RoleName(principal.role), " may not call ", method));
}

absl::Status CheckCaisse(const Principal& principal, absl::string_view caisse) {
  if (principal.Couvre(caisse)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("a principal of caisse ", principal.caisse,
                   " may not act on another caisse's saisines"));
}

absl::StatusOr<std::string> CaisseVisee(const Principal& principal,
                                        const std::string& requested) {
  if (requested.empty() && principal.caisse == kToutesCaisses) {
    return absl::InvalidArgumentError("caisse: required at national level");
  }
  const std::string caisse = requested.empty() ? principal.caisse : requested;
  RETURN_IF_ERROR(CheckCaisse(principal, caisse));
  return caisse;
}

}  // namespace mediation
