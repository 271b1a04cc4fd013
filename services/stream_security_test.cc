// Attacks on the long-lived streams (SouscrireJournal, SuivreSaisines): a
// token that expires while its stream is open, a caller that opens streams
// until the server runs out of threads, personal data sent untraced.
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "security/authorization.h"
#include "services/handler_util.h"
#include "services/service_test_fixture.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;

class StreamSecurityTest : public testing::ServiceTest {
 protected:
  // A CRA dossier of 591 (its reçue, with the NIR, concerns the CRA).
  std::string Dossier(const std::string& request_id) {
    v1::DeposerSaisineResponse dossier;
    EXPECT_TRUE(cra_->TransmettreDossier(
                        As(Role::kCra, "591").get(),
                        testing::DepotValide(request_id, "591"), &dossier)
                    .ok());
    return dossier.saisine_id();
  }

  // A context for role@591 whose token is valid `validity` from now, and
  // whose call gives up after 60 s (a broken stream fails, never hangs).
  std::unique_ptr<grpc::ClientContext> Context(
      Role role, const std::string& sujet,
      absl::Duration validity = absl::Hours(1)) {
    auto context = std::make_unique<grpc::ClientContext>();
    const std::string caisse = role == Role::kCra ? "591" : "*";
    context->AddMetadata(
        "authorization",
        absl::StrCat("Bearer ",
                     tokens_.For(role, caisse, clock_.Now(), sujet, validity)));
    context->set_deadline(std::chrono::system_clock::now() +
                          std::chrono::seconds(60));
    return context;
  }
};

TEST_F(StreamSecurityTest, AStreamEndsWhenItsTokenExpires) {
  Dossier("d1");
  auto context = Context(Role::kCra, "cra", absl::Minutes(10));
  auto reader =
      cra_->SuivreSaisines(context.get(), v1::SuivreSaisinesRequest());
  v1::Evenement event;
  ASSERT_TRUE(reader->Read(&event));
  // Past the token's expiry the server ends the stream by itself, even with
  // nothing new to send.
  clock_.Advance(absl::Minutes(11));
  EXPECT_FALSE(reader->Read(&event));
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("expired"));
}

TEST_F(StreamSecurityTest, ShutdownEndsStreamsAtOnceWithAClearStatus) {
  Dossier("d1");
  auto context = Context(Role::kCra, "cra");
  auto reader =
      cra_->SuivreSaisines(context.get(), v1::SuivreSaisinesRequest());
  v1::Evenement event;
  ASSERT_TRUE(reader->Read(&event));
  // A long grace: a stream left to it would end CANCELLED when it runs out.
  std::thread stop([&] { server_->Shutdown(absl::Seconds(30)); });
  EXPECT_FALSE(reader->Read(&event));
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("shutting down"));
  stop.join();
}

TEST_F(StreamSecurityTest, StreamsAreBoundedPerPrincipalAndInTotal) {
  Dossier("d1");
  // The fixture allows 2 streams per principal and 8 in all.
  struct Abonnement {
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<testing::LecteurEvenements<v1::SouscrireJournalResponse>>
        reader;
  };
  std::vector<Abonnement> open;
  // A new subscription of `sujet`: OK once the server holds it (its first
  // event came), else the status it ended with.
  auto subscribe = [&](const std::string& sujet) -> grpc::Status {
    Abonnement a{Context(Role::kAuditeur, sujet), nullptr};
    a.reader = audit_->SouscrireJournal(a.context.get(),
                                        v1::SouscrireJournalRequest());
    v1::Evenement event;
    if (!a.reader->Read(&event)) return a.reader->Finish();
    open.push_back(std::move(a));
    return grpc::Status::OK;
  };
  ASSERT_TRUE(subscribe("a").ok());
  ASSERT_TRUE(subscribe("a").ok());
  grpc::Status third = subscribe("a");
  EXPECT_EQ(third.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(third.error_message(), HasSubstr("principal"));
  // Other principals, until the server's total.
  for (const char* sujet : {"b", "b", "c", "c", "d", "d"}) {
    ASSERT_TRUE(subscribe(sujet).ok()) << sujet;
  }
  grpc::Status full = subscribe("e");
  EXPECT_EQ(full.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(full.error_message(), HasSubstr("server"));
  // A stream that ends gives its place back (once the server has seen the
  // cancellation: retried briefly, bounded).
  open[0].context->TryCancel();
  EXPECT_EQ(open[0].reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  open.erase(open.begin());
  grpc::Status again = subscribe("a");
  for (int i = 0; i < 100 && !again.ok(); ++i) {
    absl::SleepFor(absl::Milliseconds(20));
    again = subscribe("a");
  }
  EXPECT_TRUE(again.ok()) << again.error_message();
  for (Abonnement& a : open) {
    a.context->TryCancel();
    a.reader->Finish();
  }
}

TEST_F(StreamSecurityTest, EachStreamedEventWithPersonalDataIsJournaled) {
  const std::string id = Dossier("d1");
  auto context = Context(Role::kCra, "agent-cra");
  auto reader =
      cra_->SuivreSaisines(context.get(), v1::SuivreSaisinesRequest());
  v1::Evenement event;
  ASSERT_TRUE(reader->Read(&event));
  ASSERT_EQ(event.type(), "SaisineRecue");
  EXPECT_THAT(event.contenu().DebugString(), HasSubstr("269054958815780"));
  context->TryCancel();
  reader->Finish();
  v1::ListConsultationsRequest request;
  request.set_saisine_id(id);
  v1::ListConsultationsResponse journal;
  ASSERT_TRUE(
      audit_
          ->ListConsultations(As(Role::kAuditeur, "*").get(), request, &journal)
          .ok());
  ASSERT_EQ(journal.consultations_size(), 1);
  EXPECT_EQ(journal.consultations(0).acteur(), "cra:agent-cra@591");
  EXPECT_EQ(journal.consultations(0).rpc(), rpc::kSuivreSaisinesCra);
}

}  // namespace
}  // namespace mediation

namespace mediation {
namespace {

TEST(GarderPerimetreTest, RecordsOutsideTheCallersCaisseNeverLeave) {
  std::vector<SaisineRecord> records(3);
  records[0].saisine_id = "a";
  records[0].state.recue.caisse = "591";
  records[1].saisine_id = "b";
  records[1].state.recue.caisse = "751";
  records[2].saisine_id = "c";
  records[2].state.recue.caisse = "591";
  std::vector<SaisineRecord> for_591 = records;
  GarderPerimetre({"m", Role::kMediateur, "591"}, "test", for_591);
  ASSERT_EQ(for_591.size(), 2u);
  EXPECT_EQ(for_591[0].saisine_id, "a");
  EXPECT_EQ(for_591[1].saisine_id, "c");
  std::vector<SaisineRecord> for_all = records;
  GarderPerimetre({"n", Role::kNational, "*"}, "test", for_all);
  EXPECT_EQ(for_all.size(), 3u);
}

}  // namespace
}  // namespace mediation
