// A mediation server in process (plaintext on 127.0.0.1, port 0, token
// authentication) over a real store in a temporary directory (tests only).
#ifndef MEDIATION_SERVICES_SERVICE_TEST_FIXTURE_H_
#define MEDIATION_SERVICES_SERVICE_TEST_FIXTURE_H_

#include <memory>
#include <string>

#include "base/status_matchers.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/administration.grpc.pb.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "mediation/v1/cra.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "mediation/v1/national.grpc.pb.h"
#include "server/server.h"
#include "services/saisine_mapping.h"
#include "services/security_testing.h"
#include "services/test_clients.h"
#include "storage/codec.h"
#include "storage/test_util.h"

namespace mediation::testing {

// A valid deposit request for caisse `caisse`.
inline v1::DeposerSaisineRequest DepotValide(
    const std::string& request_id, const std::string& caisse = "591") {
  v1::DeposerSaisineRequest request;
  request.set_request_id(request_id);
  request.set_caisse(caisse);
  v1::Requerant* requerant = request.mutable_requerant();
  requerant->set_type(v1::TYPE_REQUERANT_ASSURE);
  requerant->set_nom("Dupont");
  requerant->set_nir("269054958815780");
  requerant->set_telephone("0601020304");
  request.set_canal(v1::CANAL_COURRIER);
  request.set_origine(v1::ORIGINE_REQUERANT_DIRECT);
  request.set_date_reception("2025-03-10");
  request.mutable_objet()->set_processus(v1::PROCESSUS_PRESTATIONS_EN_NATURE);
  request.mutable_objet()->set_description("Transport refusé");
  request.mutable_reclamation_prealable()->set_date("2025-02-01");
  request.set_correlation_id("corr-1");
  return request;
}

class ServiceTest : public ::testing::Test {
 protected:
  // The caisse referential the server and its store run with.
  virtual const CaisseReferentiel& Referentiel() {
    return CaisseReferentielParDefaut();
  }

  void SetUp() override {
    store_ = OpenStore(dir_.path(), &clock_, /*sync=*/false, Referentiel());
    ASSERT_NE(store_, nullptr);
    Dependencies deps;
    BrancherStore(*store_, deps);
    deps.caisses = &Referentiel();
    deps.clock = &clock_;
    deps.ids = &ids_;
    deps.authenticator = &authenticator_;
    deps.repertoire_sauvegardes = backups_.path() + "/sauvegardes";
    deps.page_tokens = &page_tokens_;
    deps.streams = &streams_;
    deps.nir_index_key = &TestNirIndexKey();
    ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.insecure_loopback = true;
    auto server = MediationServer::Start(options, deps);
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::InsecureChannelCredentials());
    accueil_ = std::make_unique<AccueilClient>(channel_);
    audit_ = std::make_unique<AuditClient>(channel_);
    mediation_ = std::make_unique<MediationClient>(channel_);
    national_ = std::make_unique<NationalClient>(channel_);
    cra_ = std::make_unique<CraClient>(channel_);
    administration_ = v1::AdministrationService::NewStub(channel_);
  }

  void TearDown() override {
    server_.reset();
    store_.reset();
  }

  // A call context authenticated as role@caisse.
  std::unique_ptr<grpc::ClientContext> As(Role role, const std::string& caisse,
                                          const std::string& sujet = "test") {
    auto context = std::make_unique<grpc::ClientContext>();
    tokens_.Authenticate(*context, role, caisse, clock_.Now(), sujet);
    return context;
  }

  // Who sets saisines up for a test, as opposed to the principal under test.
  static constexpr char kPreparateur[] = "preparateur";

  TempDir dir_;
  TempDir backups_;
  // 14 March 2025, 10:00 in Paris.
  ManualClock clock_{absl::FromUnixSeconds(1741942800)};
  SequentialIdGenerator ids_{"id-"};
  TestTokens tokens_;
  Authenticator authenticator_{tokens_.verifier(), &clock_,
                               &CaisseReferentielParDefaut()};
  std::unique_ptr<RocksDbStore> store_;
  std::unique_ptr<MediationServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<AccueilClient> accueil_;
  std::unique_ptr<AuditClient> audit_;
  std::unique_ptr<MediationClient> mediation_;
  std::unique_ptr<NationalClient> national_;
  std::unique_ptr<CraClient> cra_;
  std::unique_ptr<v1::AdministrationService::Stub> administration_;

  // The stages a test can take a new saisine to.
  enum class Etape {
    kRecue,
    kEnInstruction,
    kRecommandation,
    kEquiteEnAttente
  };

  v1::ActeCommun Commun(const std::string& saisine_id) {
    v1::ActeCommun commun;
    commun.set_request_id(absl::StrCat("acte-", ++actes_));
    commun.set_saisine_id(saisine_id);
    return commun;
  }

  // A new saisine of `caisse` (received 10 March 2025, with an unanswered
  // réclamation of 1 February), taken by its mediator to `etape` with acts
  // dated 12 March.
  std::string Preparer(const std::string& caisse, Etape etape) {
    v1::DeposerSaisineResponse depot;
    EXPECT_TRUE(accueil_
                    ->DeposerSaisine(
                        As(Role::kAccueil, caisse, kPreparateur).get(),
                        DepotValide(absl::StrCat("prep-", ++actes_), caisse),
                        &depot)
                    .ok());
    const std::string id = depot.saisine_id();
    ReponseActe response;
    if (etape == Etape::kRecue) return id;
    v1::DeclarerRecevableRequest recevable;
    *recevable.mutable_commun() = Commun(id);
    recevable.mutable_acte()->set_fondement(
        v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
    recevable.mutable_acte()->set_date_notification("2025-03-12");
    EXPECT_TRUE(mediation_
                    ->DeclarerRecevable(
                        As(Role::kMediateur, caisse, kPreparateur).get(),
                        recevable, &response)
                    .ok());
    if (etape == Etape::kEnInstruction) return id;
    v1::EmettreRecommandationRequest recommandation;
    *recommandation.mutable_commun() = Commun(id);
    recommandation.mutable_acte()->set_type(
        etape == Etape::kEquiteEnAttente
            ? v1::TYPE_RECOMMANDATION_PROPOSITION_EQUITE
            : v1::TYPE_RECOMMANDATION_EXPLICATION_DECISION);
    recommandation.mutable_acte()->set_texte("Avis du médiateur");
    recommandation.mutable_acte()->set_date("2025-03-12");
    EXPECT_TRUE(mediation_
                    ->EmettreRecommandation(
                        As(Role::kMediateur, caisse, kPreparateur).get(),
                        recommandation, &response)
                    .ok());
    return id;
  }

  // A saisine of `caisse` taken to conclusions, with a CRA appeal declared.
  std::string ConclueAvecRecoursCra(const std::string& caisse) {
    const std::string id = Preparer(caisse, Etape::kRecommandation);
    ReponseActe response;
    v1::DeclarerRecoursPrealableRequest recours;
    *recours.mutable_commun() = Commun(id);
    recours.mutable_acte()->set_reference("CRA-2025-001");
    recours.mutable_acte()->set_date_saisine_cra("2025-03-11");
    recours.mutable_acte()->set_date("2025-03-12");
    EXPECT_TRUE(
        cra_->DeclarerRecoursPrealable(
                As(Role::kCra, caisse, kPreparateur).get(), recours, &response)
            .ok());
    v1::CommuniquerConclusionsRequest conclusions;
    *conclusions.mutable_commun() = Commun(id);
    conclusions.mutable_acte()->set_date("2025-03-13");
    EXPECT_TRUE(mediation_
                    ->CommuniquerConclusions(
                        As(Role::kMediateur, caisse, kPreparateur).get(),
                        conclusions, &response)
                    .ok());
    return id;
  }

  int actes_ = 0;
  const PageTokens page_tokens_ = PageTokens::WithRandomKey();
  // Small bounds, so that tests reach them.
  StreamLimiter streams_{/*per_principal=*/2, /*total=*/8};
};

}  // namespace mediation::testing

#endif  // MEDIATION_SERVICES_SERVICE_TEST_FIXTURE_H_
