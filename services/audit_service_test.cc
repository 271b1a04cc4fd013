// AuditService: replay at a point, integrity, subscription to the log.
#include <thread>

#include "services/service_test_fixture.h"
#include "storage/integrity.h"
#include "storage/keys.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;

class AuditServiceTest : public testing::ServiceTest {
 protected:
  grpc::Status Rejouer(const v1::RejouerAuPointRequest& request,
                       v1::RejouerAuPointResponse* response) {
    return audit_->RejouerAuPoint(As(Role::kAuditeur, "*").get(), request,
                                  response);
  }

  // Four days later (Tuesday 18 March), records `id` recevable as notified
  // on Monday the 17th.
  void RecevableLe17(const std::string& id) {
    clock_.Advance(absl::Hours(24 * 4));  // Tuesday 18 March.
    v1::DeclarerRecevableRequest recevable;
    *recevable.mutable_commun() = Commun(id);
    recevable.mutable_acte()->set_fondement(
        v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
    recevable.mutable_acte()->set_date_notification("2025-03-17");
    testing::ReponseActe acte;
    ASSERT_TRUE(mediation_
                    ->DeclarerRecevable(As(Role::kMediateur, "591").get(),
                                        recevable, &acte)
                    .ok());
  }
};

TEST_F(AuditServiceTest, ReplayAtATimeReturnsWhatWasKnownThen) {
  const absl::Time deposited = clock_.Now();  // Friday 14 March 2025.
  const std::string id = Preparer("591", Etape::kRecue);
  RecevableLe17(id);

  v1::RejouerAuPointRequest request;
  request.set_saisine_id(id);
  request.mutable_connu_le()->set_seconds(
      absl::ToUnixSeconds(deposited + absl::Hours(1)));
  v1::RejouerAuPointResponse then;
  ASSERT_TRUE(Rejouer(request, &then).ok());
  EXPECT_EQ(then.saisine().statut(), v1::STATUT_RECUE);
  EXPECT_EQ(then.saisine().version(), 1u);
  EXPECT_EQ(then.delais().aujourd_hui(), "2025-03-14");
  EXPECT_EQ(then.delais().accuse_reception().etat(),
            v1::ETAT_ECHEANCE_A_VENIR);                // Due 17 March.
  EXPECT_EQ(then.saisine().requerant().nir(), "***");  // An auditor.

  request.mutable_connu_le()->set_seconds(absl::ToUnixSeconds(clock_.Now()));
  v1::RejouerAuPointResponse now;
  ASSERT_TRUE(Rejouer(request, &now).ok());
  EXPECT_EQ(now.saisine().statut(), v1::STATUT_EN_INSTRUCTION);
  EXPECT_EQ(now.delais().aujourd_hui(), "2025-03-18");
  EXPECT_EQ(now.delais().accuse_reception().fait_le(), "2025-03-17");

  request.set_position(then.derniere_position());
  v1::RejouerAuPointResponse by_position;
  ASSERT_TRUE(Rejouer(request, &by_position).ok());
  EXPECT_EQ(by_position.saisine().statut(), v1::STATUT_RECUE);

  request.mutable_connu_le()->set_seconds(
      absl::ToUnixSeconds(deposited - absl::Hours(1)));
  EXPECT_EQ(Rejouer(request, &then).error_code(), grpc::StatusCode::NOT_FOUND);
  request.clear_point();
  EXPECT_EQ(Rejouer(request, &then).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AuditServiceTest, ReplayAsOfAnEffectiveDate) {
  const std::string id = Preparer("591", Etape::kRecue);
  RecevableLe17(id);
  v1::RejouerAuPointRequest request;
  request.set_saisine_id(id);
  v1::RejouerAuPointResponse then;
  // As it stood on a day of its life (received 10 March, recevable
  // notified on the 17th, recorded on the 18th).
  request.set_date_effet("2025-03-16");
  v1::RejouerAuPointResponse sunday;
  ASSERT_TRUE(Rejouer(request, &sunday).ok());
  EXPECT_EQ(sunday.saisine().statut(), v1::STATUT_RECUE);
  EXPECT_EQ(sunday.delais().aujourd_hui(), "2025-03-16");
  EXPECT_EQ(sunday.delais().accuse_reception().etat(),
            v1::ETAT_ECHEANCE_A_VENIR);
  request.set_date_effet("2025-03-17");
  v1::RejouerAuPointResponse monday;
  ASSERT_TRUE(Rejouer(request, &monday).ok());
  EXPECT_EQ(monday.saisine().statut(), v1::STATUT_EN_INSTRUCTION);
  EXPECT_EQ(monday.delais().accuse_reception().fait_le(), "2025-03-17");
  request.set_date_effet("2025-03-09");  // Before the receipt.
  EXPECT_EQ(Rejouer(request, &then).error_code(), grpc::StatusCode::NOT_FOUND);
  request.set_date_effet("17/03/2025");
  grpc::Status bad = Rejouer(request, &then);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("date_effet"));
}

TEST_F(AuditServiceTest, TamperedEventIsDetectedAndNamed) {
  const std::string a = Preparer("591", Etape::kEnInstruction);
  const std::string b = Preparer("591", Etape::kRecue);
  v1::VerifierIntegriteRequest whole;
  v1::VerifierIntegriteResponse report;
  ASSERT_TRUE(
      audit_->VerifierIntegrite(As(Role::kAuditeur, "*").get(), whole, &report)
          .ok());
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.evenements_verifies(), 3u);  // a: reçue, recevable; b.
  // A caisse's auditor checks its saisines, not the whole log.
  EXPECT_EQ(
      audit_
          ->VerifierIntegrite(As(Role::kAuditeur, "591").get(), whole, &report)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  // Alter the recevabilité of `a` (position 2) directly in RocksDB.
  std::string bytes;
  ASSERT_TRUE(store_->database()
                  .db()
                  ->Get(rocksdb::ReadOptions(), store_->database().events(),
                        BigEndian64(2), &bytes)
                  .ok());
  v1::EventRecord record;
  ASSERT_TRUE(record.ParseFromString(bytes));
  record.mutable_saisine_recevable()->set_date_notification("2025-03-10");
  ASSERT_TRUE(store_->database()
                  .db()
                  ->Put(rocksdb::WriteOptions(), store_->database().events(),
                        BigEndian64(2), record.SerializeAsString())
                  .ok());
  ASSERT_TRUE(
      audit_->VerifierIntegrite(As(Role::kOperateur, "*").get(), whole, &report)
          .ok());
  EXPECT_FALSE(report.intact());
  EXPECT_EQ(report.position_invalide(), 2u);
  EXPECT_EQ(report.saisine_invalide(), a);
  EXPECT_EQ(report.version_invalide(), 2u);
  EXPECT_THAT(report.raison(), HasSubstr("hash"));
  v1::VerifierIntegriteRequest only_b;
  only_b.set_saisine_id(b);
  ASSERT_TRUE(
      audit_
          ->VerifierIntegrite(As(Role::kAuditeur, "591").get(), only_b, &report)
          .ok());
  EXPECT_TRUE(report.intact());
}

TEST_F(AuditServiceTest, SubscriptionCatchesUpThenFollowsLiveWithFilters) {
  Preparer("591", Etape::kEnInstruction);  // Reçue, recevable.
  Preparer("751", Etape::kRecue);
  grpc::ClientContext context;
  tokens_.Authenticate(context, Role::kNational, "*", clock_.Now());
  // Bounded: a broken subscription fails the test instead of hanging it.
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(60));
  v1::SouscrireJournalRequest request;
  request.set_caisse("591");
  request.add_types("SaisineRecue");
  request.add_types("SaisineRecevable");
  auto reader = audit_->SouscrireJournal(&context, request);
  v1::Evenement event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.type(), "SaisineRecue");
  EXPECT_EQ(event.caisse(), "591");
  EXPECT_EQ(event.hash().size(), 64u);
  EXPECT_THAT(event.contenu().DebugString(), Not(HasSubstr("269054958815780")));
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.type(), "SaisineRecevable");
  // Live: an event appended after the catch-up arrives; 751's do not.
  std::thread later([&] {
    Preparer("751", Etape::kRecue);
    Preparer("591", Etape::kRecue);
  });
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.type(), "SaisineRecue");
  EXPECT_EQ(event.caisse(), "591");
  EXPECT_EQ(event.global_position(), 5u);  // After 751's at 4.
  later.join();
  context.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(AuditServiceTest, SubscriptionRefusesUnknownTypes) {
  grpc::ClientContext context;
  tokens_.Authenticate(context, Role::kAuditeur, "*", clock_.Now());
  v1::SouscrireJournalRequest request;
  request.add_types("SaisinePerdue");
  auto reader = audit_->SouscrireJournal(&context, request);
  v1::Evenement event;
  EXPECT_FALSE(reader->Read(&event));
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("types"));
}

}  // namespace
}  // namespace mediation
