// AccueilService and AuditService on an in-process server (port 0) over a
// real store in a temporary directory.
#include <memory>

#include "base/status_matchers.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "services/service_test_fixture.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;

v1::DeposerSaisineRequest ValidRequest(const std::string& request_id) {
  return testing::DepotValide(request_id);
}

// Calls as the mediator of caisse 591 unless said otherwise.
class AccueilServiceTest : public testing::ServiceTest {
 protected:
  grpc::Status Deposer(const v1::DeposerSaisineRequest& request,
                       v1::DeposerSaisineResponse* response) {
    // A mediator of the saisine's caisse (of 591 for a code that is none).
    const std::string caisse =
        CaisseReferentielParDefaut().Find(request.caisse()) != nullptr
            ? request.caisse()
            : "591";
    return accueil_->DeposerSaisine(As(Role::kMediateur, caisse).get(), request,
                                    response);
  }

  grpc::Status Get(const std::string& id, v1::Saisine* saisine) {
    v1::GetSaisineRequest request;
    request.set_saisine_id(id);
    return accueil_->GetSaisine(As(Role::kMediateur, "591").get(), request,
                                saisine);
  }

  grpc::Status List(const v1::ListSaisinesRequest& request,
                    v1::ListSaisinesResponse* response) {
    return accueil_->ListSaisines(As(Role::kNational, "*").get(), request,
                                  response);
  }
};

TEST_F(AccueilServiceTest, DeposerThenGetReturnsTheSaisine) {
  v1::DeposerSaisineResponse response;
  ASSERT_TRUE(Deposer(ValidRequest("r1"), &response).ok());
  EXPECT_EQ(response.saisine_id(), "id-1");
  EXPECT_EQ(response.version(), 1u);
  EXPECT_FALSE(response.rejoue());
  v1::Saisine saisine;
  ASSERT_TRUE(Get("id-1", &saisine).ok());
  EXPECT_EQ(saisine.statut(), v1::STATUT_RECUE);
  EXPECT_EQ(saisine.caisse(), "591");
  EXPECT_EQ(saisine.date_reception(), "2025-03-10");
  EXPECT_EQ(saisine.requerant().nir(), "269054958815780");
  EXPECT_EQ(saisine.objet().description(), "Transport refusé");
  EXPECT_EQ(saisine.enregistree_le().seconds(), 1741942800);
}

TEST_F(AccueilServiceTest, RetriedRequestIdCreatesNoSecondEvent) {
  v1::DeposerSaisineResponse first;
  v1::DeposerSaisineResponse retry;
  ASSERT_TRUE(Deposer(ValidRequest("r1"), &first).ok());
  v1::DeposerSaisineRequest again = ValidRequest("r1");
  again.set_correlation_id("corr-2");  // A retry may trace differently.
  ASSERT_TRUE(Deposer(again, &retry).ok());
  EXPECT_EQ(retry.saisine_id(), first.saisine_id());
  EXPECT_EQ(retry.version(), 1u);
  EXPECT_TRUE(retry.rejoue());
  EXPECT_EQ(store_->events().LastPosition(), 1u);
}

TEST_F(AccueilServiceTest, RequestIdReusedForOtherContentIsInvalid) {
  v1::DeposerSaisineResponse response;
  ASSERT_TRUE(Deposer(ValidRequest("r1"), &response).ok());
  v1::DeposerSaisineRequest other = ValidRequest("r1");
  other.mutable_objet()->set_description("Autre objet");
  grpc::Status status = Deposer(other, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("request_id"));
  EXPECT_EQ(store_->events().LastPosition(), 1u);
}

// Request ids are unique per caisse: the same id chosen by another caisse's
// front office is its own request, answered with its own saisine.
TEST_F(AccueilServiceTest, TheSameRequestIdInAnotherCaisseIsAnotherRequest) {
  v1::DeposerSaisineResponse first;
  ASSERT_TRUE(Deposer(ValidRequest("r1"), &first).ok());
  v1::DeposerSaisineRequest other = ValidRequest("r1");
  other.set_caisse("751");
  v1::DeposerSaisineResponse second;
  ASSERT_TRUE(Deposer(other, &second).ok());
  EXPECT_FALSE(second.rejoue());
  EXPECT_NE(second.saisine_id(), first.saisine_id());
  EXPECT_EQ(store_->events().LastPosition(), 2u);
}

// A letter is dated by its sending (CRPA L112-1): the postmark is recorded
// beside the receipt, and cannot come after it.
TEST_F(AccueilServiceTest, TheDateOfSendingIsRecordedBesideTheReceipt) {
  v1::DeposerSaisineRequest request = ValidRequest("envoi-1");
  request.set_date_envoi("2025-03-07");  // Received on the 10th.
  v1::DeposerSaisineResponse created;
  ASSERT_TRUE(Deposer(request, &created).ok());
  v1::Saisine saisine;
  ASSERT_TRUE(Get(created.saisine_id(), &saisine).ok());
  EXPECT_EQ(saisine.date_envoi(), "2025-03-07");
  EXPECT_EQ(saisine.date_reception(), "2025-03-10");

  const uint64_t before = store_->events().LastPosition();
  for (const char* bad : {"2025-03-11", "07/03/2025"}) {
    request.set_request_id(absl::StrCat("envoi-", std::string(1, bad[3])));
    request.set_date_envoi(bad);
    grpc::Status status = Deposer(request, &created);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("date_envoi")) << bad;
  }
  EXPECT_EQ(store_->events().LastPosition(), before);
}

TEST_F(AccueilServiceTest, WrongNirKeyIsInvalidArgumentAndWritesNothing) {
  v1::DeposerSaisineRequest request = ValidRequest("r1");
  request.mutable_requerant()->set_nir("269054958815781");
  v1::DeposerSaisineResponse response;
  grpc::Status status = Deposer(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("requerant.nir"));
  EXPECT_THAT(status.error_message(), Not(HasSubstr("269054958815781")));
  EXPECT_EQ(store_->events().LastPosition(), 0u);
  // The request id was not consumed: the corrected request goes through.
  ASSERT_TRUE(Deposer(ValidRequest("r1"), &response).ok());
  EXPECT_FALSE(response.rejoue());
}

TEST_F(AccueilServiceTest, BadInputNamesTheField) {
  struct Case {
    std::function<void(v1::DeposerSaisineRequest&)> mutate;
    const char* field;
  };
  const std::vector<Case> cases = {
      {[](auto& r) { r.clear_request_id(); }, "request_id"},
      {[](auto& r) { r.set_request_id("has space"); }, "request_id"},
      {[](auto& r) { r.set_date_reception("2025-03-15"); }, "date_reception"},
      {[](auto& r) { r.set_date_reception("10/03/2025"); }, "date_reception"},
      {[](auto& r) { r.set_canal(static_cast<v1::Canal>(42)); }, "canal"},
      {[](auto& r) { r.set_caisse("000"); }, "caisse"},
      {[](auto& r) { r.clear_caisse(); }, "caisse"},
      {[](auto& r) { r.set_saisine_precedente("id-404"); },
       "saisine_precedente"},
  };
  for (const Case& c : cases) {
    v1::DeposerSaisineRequest request = ValidRequest("r-bad");
    c.mutate(request);
    v1::DeposerSaisineResponse response;
    grpc::Status status = Deposer(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.field;
    EXPECT_THAT(status.error_message(), HasSubstr(std::string(c.field) + ":"));
  }
  EXPECT_EQ(store_->events().LastPosition(), 0u);
}

// Protobuf refuses to parse a proto3 string that is not UTF-8; the service
// says which field it was (not gRPC 1.51's bare UNIMPLEMENTED), stores
// nothing, and never echoes the bytes.
TEST_F(AccueilServiceTest, InvalidUtf8IsRefusedAndWritesNothing) {
  v1::DeposerSaisineRequest request = ValidRequest("r1");
  request.mutable_objet()->set_description("\xc3(");
  v1::DeposerSaisineResponse response;
  grpc::Status status = Deposer(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("objet.description: la chaîne n'est pas de l'UTF-8"));
  EXPECT_EQ(store_->events().LastPosition(), 0u);
}

TEST_F(AccueilServiceTest, OversizedRequestIsRefusedAndWritesNothing) {
  v1::DeposerSaisineRequest request = ValidRequest("r1");
  request.mutable_objet()->set_description(std::string(300 << 10, 'a'));
  v1::DeposerSaisineResponse response;
  EXPECT_EQ(Deposer(request, &response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(store_->events().LastPosition(), 0u);
}

TEST_F(AccueilServiceTest, ReiterationLinksToAnExistingSaisine) {
  v1::DeposerSaisineResponse first;
  ASSERT_TRUE(Deposer(ValidRequest("r1"), &first).ok());
  v1::DeposerSaisineRequest again = ValidRequest("r2");
  again.set_saisine_precedente(first.saisine_id());
  v1::DeposerSaisineResponse second;
  ASSERT_TRUE(Deposer(again, &second).ok());
  v1::Saisine saisine;
  ASSERT_TRUE(Get(second.saisine_id(), &saisine).ok());
  EXPECT_EQ(saisine.saisine_precedente(), first.saisine_id());
}

TEST_F(AccueilServiceTest, GetUnknownIsNotFoundAndEmptyIdInvalid) {
  v1::Saisine saisine;
  EXPECT_EQ(Get("nope", &saisine).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get("", &saisine).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AccueilServiceTest, ListFiltersAndPaginates) {
  for (int i = 0; i < 5; ++i) {
    v1::DeposerSaisineRequest request = ValidRequest(absl::StrCat("r", i));
    request.set_caisse(i < 3 ? "591" : "751");
    request.set_date_reception(absl::StrCat("2025-03-0", i + 1));
    v1::DeposerSaisineResponse response;
    ASSERT_TRUE(Deposer(request, &response).ok());
  }
  v1::ListSaisinesRequest request;
  request.set_caisse("591");
  request.set_page_size(2);
  v1::ListSaisinesResponse page;
  ASSERT_TRUE(List(request, &page).ok());
  ASSERT_EQ(page.saisines_size(), 2);
  EXPECT_EQ(page.saisines(0).date_reception(), "2025-03-03");
  EXPECT_EQ(page.saisines(1).date_reception(), "2025-03-02");
  request.set_page_token(page.next_page_token());
  ASSERT_TRUE(List(request, &page).ok());
  ASSERT_EQ(page.saisines_size(), 1);
  EXPECT_EQ(page.saisines(0).date_reception(), "2025-03-01");
  EXPECT_TRUE(page.next_page_token().empty());

  v1::ListSaisinesRequest dated;
  dated.set_recue_depuis("2025-03-04");
  ASSERT_TRUE(List(dated, &page).ok());
  EXPECT_EQ(page.saisines_size(), 2);
}

TEST_F(AccueilServiceTest, ListRefusesBadArguments) {
  v1::ListSaisinesResponse page;
  v1::ListSaisinesRequest too_big;
  too_big.set_page_size(501);
  grpc::Status status = List(too_big, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("page_size"));
  v1::ListSaisinesRequest bad_date;
  bad_date.set_recue_depuis("2025-13-01");
  status = List(bad_date, &page);
  EXPECT_THAT(status.error_message(), HasSubstr("recue_depuis"));
  v1::ListSaisinesRequest reversed;
  reversed.set_recue_depuis("2025-03-10");
  reversed.set_recue_jusqu_au("2025-03-01");
  EXPECT_EQ(List(reversed, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListSaisinesRequest bad_token;
  bad_token.set_page_token("garbage");
  EXPECT_EQ(List(bad_token, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AccueilServiceTest, HistoriqueShowsEveryEventWithMetadata) {
  v1::DeposerSaisineResponse response;
  ASSERT_TRUE(Deposer(ValidRequest("r1"), &response).ok());
  v1::GetHistoriqueRequest request;
  request.set_saisine_id(response.saisine_id());
  v1::GetHistoriqueResponse historique;
  ASSERT_TRUE(audit_
                  ->GetHistorique(As(Role::kMediateur, "591").get(), request,
                                  &historique)
                  .ok());
  ASSERT_EQ(historique.evenements_size(), 1);
  const v1::Evenement& e = historique.evenements(0);
  EXPECT_EQ(e.type(), "SaisineRecue");
  EXPECT_EQ(e.event_id(), "id-2");
  EXPECT_EQ(e.version(), 1u);
  EXPECT_EQ(e.global_position(), 1u);
  EXPECT_EQ(e.date_effet(), "2025-03-10");
  EXPECT_EQ(e.request_id(), "r1");
  EXPECT_EQ(e.correlation_id(), "corr-1");
  EXPECT_EQ(e.enregistre_le().seconds(), 1741942800);
  EXPECT_EQ(e.acteur(), "mediateur:test@591");
  // The payload is a structure, not JSON text.
  EXPECT_EQ(e.contenu().fields().at("caisse").string_value(), "591");
  EXPECT_EQ(e.contenu()
                .fields()
                .at("requerant")
                .struct_value()
                .fields()
                .at("nom")
                .string_value(),
            "Dupont");

  request.set_saisine_id("nope");
  EXPECT_EQ(audit_
                ->GetHistorique(As(Role::kMediateur, "591").get(), request,
                                &historique)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(AccueilServiceTest, HealthIsServing) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(
      health->Check(&context, grpc::health::v1::HealthCheckRequest(), &response)
          .ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace mediation
