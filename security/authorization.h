// Who may call what: the one table of RPC permissions, and the checks every
// handler runs first.
//
//   absl::StatusOr<Principal> principal =
//       Authorize(*deps_.authenticator, *context, rpc::kDeposerSaisine);
//
// Roles say which RPCs a principal may call; its caisse says on which
// saisines (CheckCaisse). PERMISSION_DENIED messages name the role and the
// RPC, never data of another caisse.
#ifndef MEDIATION_SECURITY_AUTHORIZATION_H_
#define MEDIATION_SECURITY_AUTHORIZATION_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/saisine_types.h"
#include "grpcpp/server_context.h"
#include "security/authenticator.h"
#include "security/principal.h"

namespace mediation {
namespace rpc {
inline constexpr char kDeposerSaisine[] =
    "/mediation.v1.AccueilService/DeposerSaisine";
inline constexpr char kGetSaisine[] = "/mediation.v1.AccueilService/GetSaisine";
inline constexpr char kListSaisines[] =
    "/mediation.v1.AccueilService/ListSaisines";
inline constexpr char kGetHistorique[] =
    "/mediation.v1.AuditService/GetHistorique";
inline constexpr char kListConsultations[] =
    "/mediation.v1.AuditService/ListConsultations";
inline constexpr char kRejouerAuPoint[] =
    "/mediation.v1.AuditService/RejouerAuPoint";
inline constexpr char kVerifierIntegrite[] =
    "/mediation.v1.AuditService/VerifierIntegrite";
inline constexpr char kSouscrireJournal[] =
    "/mediation.v1.AuditService/SouscrireJournal";
#define MEDIATION_RPC(name) "/mediation.v1.MediationService/" name
inline constexpr char kDeclarerRecevable[] = MEDIATION_RPC("DeclarerRecevable");
inline constexpr char kDeclarerIrrecevable[] =
    MEDIATION_RPC("DeclarerIrrecevable");
inline constexpr char kOrienter[] = MEDIATION_RPC("Orienter");
inline constexpr char kConsignerEchange[] = MEDIATION_RPC("ConsignerEchange");
inline constexpr char kRectifierDonnees[] = MEDIATION_RPC("RectifierDonnees");
inline constexpr char kEmettreRecommandation[] =
    MEDIATION_RPC("EmettreRecommandation");
inline constexpr char kDeciderEquite[] = MEDIATION_RPC("DeciderEquite");
inline constexpr char kCommuniquerConclusions[] =
    MEDIATION_RPC("CommuniquerConclusions");
inline constexpr char kEnregistrerRecoursContentieux[] =
    MEDIATION_RPC("EnregistrerRecoursContentieux");
inline constexpr char kCloturer[] = MEDIATION_RPC("Cloturer");
inline constexpr char kGetEcheances[] = MEDIATION_RPC("GetEcheances");
inline constexpr char kListParUrgence[] = MEDIATION_RPC("ListParUrgence");
inline constexpr char kListSaisinesDuRequerant[] =
    MEDIATION_RPC("ListSaisinesDuRequerant");
inline constexpr char kConfirmerPriseEnCharge[] =
    MEDIATION_RPC("ConfirmerPriseEnCharge");
inline constexpr char kListOrientationsAConfirmer[] =
    MEDIATION_RPC("ListOrientationsAConfirmer");
inline constexpr char kConvoquerProfessionnel[] =
    MEDIATION_RPC("ConvoquerProfessionnel");
inline constexpr char kConsignerConciliation[] =
    MEDIATION_RPC("ConsignerConciliation");
#undef MEDIATION_RPC
#define NATIONAL_RPC(name) "/mediation.v1.NationalService/" name
inline constexpr char kListSaisinesNationales[] =
    NATIONAL_RPC("ListSaisinesNationales");
inline constexpr char kGetStatistiques[] = NATIONAL_RPC("GetStatistiques");
inline constexpr char kTransmettreSaisine[] =
    NATIONAL_RPC("TransmettreSaisine");
inline constexpr char kEmettreRecommandationNationale[] =
    NATIONAL_RPC("EmettreRecommandationNationale");
#undef NATIONAL_RPC
inline constexpr char kSauvegarder[] =
    "/mediation.v1.AdministrationService/Sauvegarder";
inline constexpr char kAncrerJournal[] =
    "/mediation.v1.AdministrationService/AncrerJournal";
#define CRA_RPC(name) "/mediation.v1.CraService/" name
inline constexpr char kTransmettreDossier[] = CRA_RPC("TransmettreDossier");
inline constexpr char kDeclarerRecoursPrealable[] =
    CRA_RPC("DeclarerRecoursPrealable");
inline constexpr char kConsulterSuspension[] = CRA_RPC("ConsulterSuspension");
inline constexpr char kEnregistrerMaintienOuDesistement[] =
    CRA_RPC("EnregistrerMaintienOuDesistement");
inline constexpr char kSuivreSaisinesCra[] = CRA_RPC("SuivreSaisines");
inline constexpr char kEnregistrerDecisionCra[] =
    CRA_RPC("EnregistrerDecisionCra");
#undef CRA_RPC
}  // namespace rpc

struct RpcPermission {
  std::string method;  // "/package.Service/Method"
  std::set<Role> roles;
};

// The table: every RPC of every service, and the roles that may call it.
const std::vector<RpcPermission>& RpcPermissions();

// Whether `role` may call `method` (false for a method not in the table).
bool RoleMay(Role role, absl::string_view method);

// Whether `role` may declare `origine` on a deposit (DeposerSaisine). The
// origins that open the "saisine particulière" basis are not the front
// office's to state: the national direction's and the CRA's come only from
// their own RPCs (TransmettreSaisine, TransmettreDossier), and a
// transmission by the caisse's direction or the Défenseur des droits is
// registered by the mediator, who checks where it comes from.
bool RoleMayDeclareOrigine(Role role, Origine origine);

// Authenticates the call and checks the table. UNAUTHENTICATED or
// PERMISSION_DENIED otherwise.
absl::StatusOr<Principal> Authorize(const Authenticator& authenticator,
                                    const grpc::ServerContextBase& context,
                                    absl::string_view method);

// PERMISSION_DENIED unless the table lets `principal`'s role call `method`
// (the HTTPS pages check the RPC whose data they show).
absl::Status CheckRoleMay(const Principal& principal, absl::string_view method);

// PERMISSION_DENIED unless `principal` covers caisse `caisse`.
absl::Status CheckCaisse(const Principal& principal, absl::string_view caisse);

// The caisse a request about one caisse targets: `requested`, or the
// principal's own when empty (INVALID_ARGUMENT "caisse: …" for a principal
// of every caisse); PERMISSION_DENIED when the principal does not cover it.
absl::StatusOr<std::string> CaisseVisee(const Principal& principal,
                                        const std::string& requested);

}  // namespace mediation

#endif  // MEDIATION_SECURITY_AUTHORIZATION_H_
