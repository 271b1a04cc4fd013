#include "security/authorization.h"

#include <set>

#include "base/clock.h"
#include "base/status_matchers.h"
#include "domain/caisse.h"
#include "gtest/gtest.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/administration.grpc.pb.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "mediation/v1/cra.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "mediation/v1/national.grpc.pb.h"
#include "security/authenticator.h"

namespace mediation {
namespace {

using ::mediation::testing::StatusIs;

// Every RPC the server exposes, from the protos themselves.
std::set<std::string> ServedMethods() {
  std::set<std::string> methods;
  // Each service from a message of its file (which links that file in).
  for (const auto* service :
       {v1::GetSaisineRequest::descriptor()->file()->FindServiceByName(
            "AccueilService"),
        v1::GetHistoriqueRequest::descriptor()->file()->FindServiceByName(
            "AuditService"),
        v1::GetEcheancesRequest::descriptor()->file()->FindServiceByName(
            "MediationService"),
        v1::GetStatistiquesRequest::descriptor()->file()->FindServiceByName(
            "NationalService"),
        v1::SuivreSaisinesRequest::descriptor()->file()->FindServiceByName(
            "CraService"),
        v1::SauvegarderRequest::descriptor()->file()->FindServiceByName(
            "AdministrationService")}) {
    EXPECT_NE(service, nullptr);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      methods.insert(absl::StrCat("/", service->full_name(), "/",
                                  service->method(i)->name()));
    }
  }
  return methods;
}

TEST(AuthorizationTest, TableCoversExactlyTheServedRpcs) {
  std::set<std::string> in_table;
  for (const RpcPermission& permission : RpcPermissions()) {
    EXPECT_TRUE(in_table.insert(permission.method).second) << permission.method;
  }
  EXPECT_EQ(in_table, ServedMethods());
}

TEST(AuthorizationTest, OperateurReadsNoCaseAndAuditeurWritesNothing) {
  // Operations back the store up, anchor the log's head and check the
  // log's integrity (reports without case data), and nothing else.
  for (const RpcPermission& permission : RpcPermissions()) {
    EXPECT_EQ(permission.roles.contains(Role::kOperateur),
              permission.method == rpc::kVerifierIntegrite ||
                  permission.method == rpc::kSauvegarder ||
                  permission.method == rpc::kAncrerJournal)
        << permission.method;
  }
  EXPECT_FALSE(RoleMay(Role::kAuditeur, rpc::kDeposerSaisine));
  EXPECT_FALSE(RoleMay(Role::kMediateur, "/unknown.Service/Method"));
}

TEST(PrincipalTest, ParsesCertificateUris) {
  ASSERT_OK_AND_ASSIGN(
      Principal principal,
      PrincipalFromCertificateUri("urn:mediation:accueil:591:eptica-591"));
  EXPECT_EQ(principal.role, Role::kAccueil);
  EXPECT_EQ(principal.caisse, "591");
  EXPECT_EQ(principal.sujet, "eptica-591");
  EXPECT_THAT(PrincipalFromCertificateUri("urn:mediation:roi:591:x"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(PrincipalFromCertificateUri("spiffe://x/y"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(PrincipalFromCertificateUri("urn:mediation:national:591:n"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PrincipalTest, CaisseCoverage) {
  const Principal local{"m", Role::kMediateur, "591"};
  const Principal national{"n", Role::kNational, "*"};
  EXPECT_TRUE(local.Couvre("591"));
  EXPECT_FALSE(local.Couvre("751"));
  EXPECT_TRUE(national.Couvre("751"));
  EXPECT_OK(CheckCaisse(local, "591"));
  EXPECT_THAT(CheckCaisse(local, "751"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

// The pages' path: credentials that are not a gRPC call's.
TEST(AuthenticatorTest, CredentialsOutsideGrpc) {
  SystemClock clock;
  const CaisseReferentiel& caisses = CaisseReferentielParDefaut();
  const Authenticator authenticator(nullptr, &clock, &caisses);
  ASSERT_OK_AND_ASSIGN(Principal principal,
                       authenticator.AuthenticateCredentials(
                           std::nullopt, {"https://example.org",
                                          "urn:mediation:national:*:dn"}));
  EXPECT_EQ(principal.role, Role::kNational);
  EXPECT_EQ(principal.caisse, "*");
  // Two principals in one certificate name none.
  EXPECT_THAT(authenticator.AuthenticateCredentials(
                  std::nullopt, {"urn:mediation:national:*:a",
                                 "urn:mediation:mediateur:591:b"}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(authenticator.AuthenticateCredentials(std::nullopt, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  // A caisse that is not a code of the referential.
  EXPECT_THAT(authenticator.AuthenticateCredentials(
                  std::nullopt, {"urn:mediation:mediateur:999:m"}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  // A header that is not a bearer token, or a token without --jwks.
  EXPECT_THAT(authenticator.AuthenticateCredentials("Basic eDp5", {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(authenticator.AuthenticateCredentials(
                  "Bearer x.y.z", {"urn:mediation:national:*:dn"}),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(AuthorizationTest, CheckRoleMayFollowsTheTable) {
  const Principal accueil{"a", Role::kAccueil, "591"};
  const Principal mediateur{"m", Role::kMediateur, "591"};
  EXPECT_THAT(CheckRoleMay(accueil, rpc::kGetStatistiques),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_OK(CheckRoleMay(mediateur, rpc::kGetStatistiques));
}

}  // namespace
}  // namespace mediation
