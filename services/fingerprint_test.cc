#include "services/fingerprint.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "mediation/v1/accueil.pb.h"
#include "mediation/v1/mediation.pb.h"

namespace mediation {
namespace {

v1::DeposerSaisineRequest Depot() {
  v1::DeposerSaisineRequest request;
  request.set_request_id("depot-1");
  request.set_correlation_id("corr-1");
  request.set_caisse("751");
  request.mutable_requerant()->set_type(v1::TYPE_REQUERANT_ASSURE);
  request.mutable_requerant()->set_nom("Martin");
  request.mutable_requerant()->set_nir("185057800608491");
  request.set_canal(v1::CANAL_COURRIER);
  request.set_date_reception("2026-12-01");
  request.set_montant_centimes(12345);
  return request;
}

v1::DeclarerRecevableRequest Acte() {
  v1::DeclarerRecevableRequest request;
  request.mutable_commun()->set_request_id("acte-1");
  request.mutable_commun()->set_saisine_id(
      "0193a1b2-7c4d-7e5f-8a9b-0c1d2e3f4a5b");
  request.mutable_commun()->set_version_attendue(2);
  request.mutable_commun()->set_correlation_id("corr-2");
  request.mutable_acte()->set_justification("dans le champ");
  request.mutable_acte()->set_date_notification("2026-12-02");
  return request;
}

std::string Hex(const std::string& digest) {
  return absl::BytesToHexString(digest);
}

// Fingerprints are stored with idempotency records: a retry sent after an
// upgrade must still match. These values were computed by the code that
// wrote the records already stored; a change to them is a change of format.
TEST(RequestFingerprintTest, IsStableAcrossBuilds) {
  EXPECT_EQ(Hex(RequestFingerprint(Depot())),
            "9fde95cd0b9296f065b90dc6dedc855502a2428db03188604720097a3ccf6a44");
  EXPECT_EQ(Hex(RequestFingerprint(Acte())),
            "867ed33fafe01b6a9c7e1844b5b28d3cf344d76e9210df2fd906bbb7ae86ddf3");
}

TEST(RequestFingerprintTest, IgnoresTheIdsOfTheRequest) {
  v1::DeposerSaisineRequest depot = Depot();
  depot.set_request_id("depot-2");
  depot.clear_correlation_id();
  EXPECT_EQ(RequestFingerprint(depot), RequestFingerprint(Depot()));
  v1::DeclarerRecevableRequest acte = Acte();
  acte.mutable_commun()->set_request_id("acte-2");
  acte.mutable_commun()->set_correlation_id("corr-3");
  EXPECT_EQ(RequestFingerprint(acte), RequestFingerprint(Acte()));
}

TEST(RequestFingerprintTest, TellsTheContentApart) {
  v1::DeposerSaisineRequest depot = Depot();
  depot.set_montant_centimes(12346);
  EXPECT_NE(RequestFingerprint(depot), RequestFingerprint(Depot()));
  v1::DeclarerRecevableRequest acte = Acte();
  acte.mutable_commun()->set_version_attendue(3);
  EXPECT_NE(RequestFingerprint(acte), RequestFingerprint(Acte()));
}

TEST(RequestFingerprintTest, TellsTheRequestTypesApart) {
  // The same bytes (both empty) under two RPCs.
  EXPECT_NE(RequestFingerprint(v1::DeclarerRecevableRequest()),
            RequestFingerprint(v1::DeclarerIrrecevableRequest()));
}

TEST(RequestFingerprintTest, LeavesTheRequestAsItWas) {
  const v1::DeclarerRecevableRequest acte = Acte();
  RequestFingerprint(acte);
  EXPECT_EQ(acte.SerializeAsString(), Acte().SerializeAsString());
}

}  // namespace
}  // namespace mediation
