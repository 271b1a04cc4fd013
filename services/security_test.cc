// Who may do what, on which caisse: every RPC × every role × own and other
// caisse, through a real server.
#include <functional>
#include <map>

#include "security/authorization.h"
#include "services/service_test_fixture.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A stream is served when a first event arrives (the caller then leaves);
// refused, it ends at once with the status.
template <typename Reader>
grpc::Status Servi(grpc::ClientContext* context,
                   std::unique_ptr<Reader> reader) {
  v1::Evenement first;
  if (!reader->Read(&first)) return reader->Finish();
  context->TryCancel();
  reader->Finish().IgnoreError();
  return grpc::Status::OK;
}

// Calls one RPC on data of caisse `caisse` with `context`.
using Caller = std::function<grpc::Status(grpc::ClientContext*,
                                          const std::string& caisse)>;

class SecurityTest : public testing::ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    for (const char* caisse : {"591", "751"}) {
      v1::DeposerSaisineRequest request =
          testing::DepotValide(absl::StrCat("seed-", caisse), caisse);
      if (std::string(caisse) == "751") {
        request.mutable_requerant()->set_nom("Martin-Secret");
      }
      v1::DeposerSaisineResponse response;
      ASSERT_TRUE(
          accueil_
              ->DeposerSaisine(As(Role::kAccueil, caisse, kPreparateur).get(),
                               request, &response)
              .ok());
      saisine_of_[caisse] = response.saisine_id();
    }
  }

  // One caller per RPC; the test below checks none is missing.
  std::map<std::string, Caller> Callers() {
    std::map<std::string, Caller> callers = AccueilEtAuditCallers();
    for (auto group : {NationalCallers(), CraCallers(), MediationCallers(),
                       DecisionCallers()}) {
      callers.merge(group);
    }
    return callers;
  }

  std::map<std::string, Caller> AccueilEtAuditCallers() {
    return {
        {rpc::kDeposerSaisine,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::DeposerSaisineResponse r;
           return accueil_->DeposerSaisine(
               c, testing::DepotValide(absl::StrCat("m-", ++counter_), caisse),
               &r);
         }},
        {rpc::kGetSaisine,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::GetSaisineRequest q;
           q.set_saisine_id(saisine_of_[caisse]);
           v1::Saisine r;
           return accueil_->GetSaisine(c, q, &r);
         }},
        {rpc::kListSaisines,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ListSaisinesRequest q;
           q.set_caisse(caisse);
           v1::ListSaisinesResponse r;
           return accueil_->ListSaisines(c, q, &r);
         }},
        {rpc::kGetHistorique,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::GetHistoriqueRequest q;
           q.set_saisine_id(saisine_of_[caisse]);
           v1::GetHistoriqueResponse r;
           return audit_->GetHistorique(c, q, &r);
         }},
        {rpc::kListConsultations,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ListConsultationsRequest q;
           q.set_saisine_id(saisine_of_[caisse]);
           v1::ListConsultationsResponse r;
           return audit_->ListConsultations(c, q, &r);
         }},
        {rpc::kRejouerAuPoint,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::RejouerAuPointRequest q;
           q.set_saisine_id(saisine_of_[caisse]);
           q.set_position(1000000);
           v1::RejouerAuPointResponse r;
           return audit_->RejouerAuPoint(c, q, &r);
         }},
        {rpc::kVerifierIntegrite,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::VerifierIntegriteRequest q;
           q.set_saisine_id(saisine_of_[caisse]);
           v1::VerifierIntegriteResponse r;
           return audit_->VerifierIntegrite(c, q, &r);
         }},
        {rpc::kSouscrireJournal,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::SouscrireJournalRequest q;
           q.set_caisse(caisse);
           return Servi(c, audit_->SouscrireJournal(c, q));
         }},
    };
  }

  std::map<std::string, Caller> NationalCallers() {
    return {
        {rpc::kListSaisinesNationales,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ListSaisinesNationalesRequest q;
           q.set_caisse(caisse);
           v1::ListSaisinesNationalesResponse r;
           return national_->ListSaisinesNationales(c, q, &r);
         }},
        {rpc::kGetStatistiques,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::GetStatistiquesRequest q;
           q.set_caisse(caisse);
           q.set_depuis("2025-01");
           q.set_jusqu_au("2025-12");
           v1::Statistiques r;
           return national_->GetStatistiques(c, q, &r);
         }},
        {rpc::kTransmettreSaisine,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::DeposerSaisineResponse r;
           return national_->TransmettreSaisine(
               c, testing::DepotValide(absl::StrCat("t-", ++counter_), caisse),
               &r);
         }},
        {rpc::kEmettreRecommandationNationale,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::EmettreRecommandationNationaleRequest q;
           *q.mutable_commun() = Commun(Preparer(caisse, Etape::kRecue));
           q.mutable_acte()->set_texte("Réexaminer la situation");
           q.mutable_acte()->set_date("2025-03-13");
           testing::ReponseActe r;
           return national_->EmettreRecommandationNationale(c, q, &r);
         }},
        {rpc::kSauvegarder,
         [this](grpc::ClientContext* c, const std::string&) {
           v1::SauvegarderRequest q;
           q.set_nom(absl::StrCat("sauvegarde-", ++counter_));
           v1::SauvegarderResponse r;
           return administration_->Sauvegarder(c, q, &r);
         }},
        {rpc::kAncrerJournal,
         [this](grpc::ClientContext* c, const std::string&) {
           v1::AncrerJournalRequest q;
           v1::AncrerJournalResponse r;
           return administration_->AncrerJournal(c, q, &r);
         }},
    };
  }

  std::map<std::string, Caller> CraCallers() {
    return {
        {rpc::kTransmettreDossier,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::DeposerSaisineResponse r;
           return cra_->TransmettreDossier(
               c,
               testing::DepotValide(absl::StrCat("cra-", ++counter_), caisse),
               &r);
         }},
        {rpc::kDeclarerRecoursPrealable,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::DeclarerRecoursPrealableRequest q;
           *q.mutable_commun() = Commun(Preparer(caisse, Etape::kRecue));
           q.mutable_acte()->set_reference("CRA-1");
           q.mutable_acte()->set_date_saisine_cra("2025-03-11");
           q.mutable_acte()->set_date("2025-03-12");
           testing::ReponseActe r;
           return cra_->DeclarerRecoursPrealable(c, q, &r);
         }},
        {rpc::kConsulterSuspension,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ConsulterSuspensionRequest q;
           q.set_saisine_id(saisine_of_[caisse]);
           v1::ConsulterSuspensionResponse r;
           return cra_->ConsulterSuspension(c, q, &r);
         }},
        {rpc::kEnregistrerDecisionCra,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::EnregistrerDecisionCraRequest q;
           *q.mutable_commun() = Commun(ConclueAvecRecoursCra(caisse));
           q.mutable_acte()->set_sens(v1::SENS_DECISION_CRA_REJET);
           q.mutable_acte()->set_date("2025-03-14");
           testing::ReponseActe r;
           return cra_->EnregistrerDecisionCra(c, q, &r);
         }},
        {rpc::kEnregistrerMaintienOuDesistement,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::EnregistrerMaintienOuDesistementRequest q;
           *q.mutable_commun() = Commun(ConclueAvecRecoursCra(caisse));
           q.mutable_acte()->set_maintenu(false);
           q.mutable_acte()->set_date("2025-03-14");
           testing::ReponseActe r;
           return cra_->EnregistrerMaintienOuDesistement(c, q, &r);
         }},
        {rpc::kSuivreSaisinesCra,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           // A dossier from the CRA, so that a served stream has an event.
           v1::DeposerSaisineResponse dossier;
           EXPECT_TRUE(cra_->TransmettreDossier(
                               As(Role::kCra, caisse, kPreparateur).get(),
                               testing::DepotValide(
                                   absl::StrCat("suivi-", ++counter_), caisse),
                               &dossier)
                           .ok());
           v1::SuivreSaisinesRequest q;
           q.set_caisse(caisse);
           return Servi(c, cra_->SuivreSaisines(c, q));
         }},
    };
  }

  std::map<std::string, Caller> MediationCallers() {
    return {
        {rpc::kDeclarerRecevable,
         Acte<v1::DeclarerRecevableRequest>(
             Etape::kRecue, &testing::MediationClient::DeclarerRecevable,
             [](auto& acte) {
               acte.set_fondement(v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
               acte.set_date_notification("2025-03-12");
             })},
        {rpc::kDeclarerIrrecevable,
         Acte<v1::DeclarerIrrecevableRequest>(
             Etape::kRecue, &testing::MediationClient::DeclarerIrrecevable,
             [](auto& acte) {
               acte.set_motif(v1::MOTIF_IRRECEVABILITE_HORS_COMPETENCE);
               acte.set_explication("Hors périmètre socle");
               acte.set_orientation(v1::DESTINATION_RECLAMATIONS);
               acte.set_date_notification("2025-03-12");
             })},
        {rpc::kOrienter, Acte<v1::OrienterRequest>(
                             Etape::kRecue, &testing::MediationClient::Orienter,
                             [](auto& acte) {
                               acte.set_destination(
                                   v1::DESTINATION_SERVICE_SOCIAL);
                               acte.set_date("2025-03-12");
                             })},
        {rpc::kConsignerEchange,
         Acte<v1::ConsignerEchangeRequest>(
             Etape::kEnInstruction, &testing::MediationClient::ConsignerEchange,
             [](auto& acte) {
               acte.set_interlocuteur(v1::INTERLOCUTEUR_SERVICE_CAISSE);
               acte.set_resume("Relance du service");
               acte.set_date("2025-03-13");
             })},
        {rpc::kRectifierDonnees,
         Acte<v1::RectifierDonneesRequest>(
             Etape::kRecue, &testing::MediationClient::RectifierDonnees,
             [](auto& acte) {
               *acte.mutable_corrigee() =
                   testing::DonneesDe(testing::DepotValide("x", "591"));
               acte.mutable_corrigee()->mutable_requerant()->set_nom("Durand");
               acte.set_motif("Nom mal saisi");
               acte.set_date("2025-03-12");
             })},
        {rpc::kEmettreRecommandation,
         Acte<v1::EmettreRecommandationRequest>(
             Etape::kEnInstruction,
             &testing::MediationClient::EmettreRecommandation,
             [](auto& acte) {
               acte.set_type(v1::TYPE_RECOMMANDATION_DEMANDE_REVISION);
               acte.set_texte("Réviser la décision");
               acte.set_date("2025-03-13");
             })},
    };
  }

  std::map<std::string, Caller> DecisionCallers() {
    return {
        {rpc::kDeciderEquite,
         Acte<v1::DeciderEquiteRequest>(
             Etape::kEquiteEnAttente, &testing::MediationClient::DeciderEquite,
             [](auto& acte) {
               acte.set_acceptee(true);
               acte.set_date("2025-03-13");
             })},
        {rpc::kCommuniquerConclusions,
         Acte<v1::CommuniquerConclusionsRequest>(
             Etape::kRecommandation,
             &testing::MediationClient::CommuniquerConclusions,
             [](auto& acte) { acte.set_date("2025-03-13"); })},
        {rpc::kEnregistrerRecoursContentieux,
         Acte<v1::EnregistrerRecoursContentieuxRequest>(
             Etape::kEnInstruction,
             &testing::MediationClient::EnregistrerRecoursContentieux,
             [](auto& acte) { acte.set_date("2025-03-13"); })},
        {rpc::kCloturer,
         Acte<v1::CloturerRequest>(
             Etape::kEnInstruction, &testing::MediationClient::Cloturer,
             [](auto& acte) {
               acte.set_issue(v1::ISSUE_CLOTURE_EXPLICATIONS_DONNEES);
               acte.set_date("2025-03-13");
             })},
        {rpc::kGetEcheances,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::GetEcheancesRequest q;
           q.set_saisine_id(saisine_of_[caisse]);
           v1::EtatDelais r;
           return mediation_->GetEcheances(c, q, &r);
         }},
        {rpc::kListParUrgence,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ListParUrgenceRequest q;
           q.set_caisse(caisse);
           v1::ListParUrgenceResponse r;
           return mediation_->ListParUrgence(c, q, &r);
         }},
        {rpc::kListSaisinesDuRequerant,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ListSaisinesDuRequerantRequest q;
           q.set_nir("269054958815780");
           q.set_caisse(caisse);
           v1::ListSaisinesDuRequerantResponse r;
           return mediation_->ListSaisinesDuRequerant(c, q, &r);
         }},
        {rpc::kConfirmerPriseEnCharge,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           // Oriented at once by the preparer, then confirmed.
           v1::OrienterRequest orienter;
           *orienter.mutable_commun() = Commun(Preparer(caisse, Etape::kRecue));
           orienter.mutable_acte()->set_destination(
               v1::DESTINATION_RECLAMATIONS);
           orienter.mutable_acte()->set_date("2025-03-12");
           testing::ReponseActe r;
           EXPECT_TRUE(
               mediation_
                   ->Orienter(As(Role::kMediateur, caisse, kPreparateur).get(),
                              orienter, &r)
                   .ok());
           v1::ConfirmerPriseEnChargeRequest q;
           *q.mutable_commun() = Commun(orienter.commun().saisine_id());
           q.mutable_acte()->set_date("2025-03-13");
           return mediation_->ConfirmerPriseEnCharge(c, q, &r);
         }},
        {rpc::kListOrientationsAConfirmer,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ListOrientationsAConfirmerRequest q;
           q.set_caisse(caisse);
           v1::ListOrientationsAConfirmerResponse r;
           return mediation_->ListOrientationsAConfirmer(c, q, &r);
         }},
        {rpc::kConvoquerProfessionnel,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ConvoquerProfessionnelRequest q;
           *q.mutable_commun() = Commun(RefusDeSoins(caisse, false));
           q.mutable_acte()->set_date("2025-03-12");
           q.mutable_acte()->set_date_reunion("2025-03-27");
           testing::ReponseActe r;
           return mediation_->ConvoquerProfessionnel(c, q, &r);
         }},
        {rpc::kConsignerConciliation,
         [this](grpc::ClientContext* c, const std::string& caisse) {
           v1::ConsignerConciliationRequest q;
           *q.mutable_commun() = Commun(RefusDeSoins(caisse, true));
           q.mutable_acte()->set_date("2025-03-10");
           testing::ReponseActe r;
           return mediation_->ConsignerConciliation(c, q, &r);
         }},
    };
  }

  // A refus de soins complaint of `caisse` received on 20 February 2025;
  // when `convoque`, the professional convened on the 21st to a meeting on
  // 10 March, by the preparer.
  std::string RefusDeSoins(const std::string& caisse, bool convoque) {
    v1::DeposerSaisineRequest depot =
        testing::DepotValide(absl::StrCat("rds-", ++counter_), caisse);
    depot.set_date_reception("2025-02-20");
    depot.mutable_objet()->set_refus_de_soins(true);
    v1::DeposerSaisineResponse created;
    EXPECT_TRUE(
        accueil_
            ->DeposerSaisine(As(Role::kAccueil, caisse, kPreparateur).get(),
                             depot, &created)
            .ok());
    if (convoque) {
      v1::ConvoquerProfessionnelRequest q;
      *q.mutable_commun() = Commun(created.saisine_id());
      q.mutable_acte()->set_date("2025-02-21");
      q.mutable_acte()->set_date_reunion("2025-03-10");
      testing::ReponseActe r;
      EXPECT_TRUE(
          mediation_
              ->ConvoquerProfessionnel(
                  As(Role::kMediateur, caisse, kPreparateur).get(), q, &r)
              .ok());
    }
    return created.saisine_id();
  }

  // A caller of an act: on a new saisine of the target caisse taken to
  // `etape`, fills the act with `fill` and calls `method`.
  template <typename Request, typename Method, typename Fill>
  Caller Acte(Etape etape, Method method, Fill fill) {
    return [this, etape, method, fill](grpc::ClientContext* c,
                                       const std::string& caisse) {
      Request request;
      *request.mutable_commun() = Commun(Preparer(caisse, etape));
      fill(*request.mutable_acte());
      testing::ReponseActe response;
      return (mediation_.get()->*method)(c, request, &response);
    };
  }

  // Every event stored was written while setting saisines up: nothing by
  // the principals under test.
  void ExpectOnlyPreparation() {
    auto events = store_->events().ReadAll(1, 1000000);
    ASSERT_TRUE(events.ok());
    for (const RecordedEvent& event : *events) {
      EXPECT_THAT(event.metadata.actor,
                  HasSubstr(absl::StrCat(":", kPreparateur, "@")));
    }
  }

  static std::string CaisseOf(Role role) {
    return role == Role::kNational || role == Role::kOperateur ? "*" : "591";
  }

  std::map<std::string, std::string> saisine_of_;
  int counter_ = 0;
};

TEST_F(SecurityTest, EveryRpcHasACaller) {
  std::map<std::string, Caller> callers = Callers();
  for (const RpcPermission& permission : RpcPermissions()) {
    EXPECT_TRUE(callers.contains(permission.method)) << permission.method;
  }
  EXPECT_EQ(callers.size(), RpcPermissions().size());
}

// Attack: a signed credential whose caisse is not a code of the
// referential (one that would extend an index prefix: "591/2025", an
// unknown code, empty), or "*" for a role of one caisse, reaches nothing.
TEST_F(SecurityTest, ACredentialCaisseMustBeACodeOrStarForRolesThatSpan) {
  struct Forged {
    Role role;
    std::string caisse;
  };
  for (const Forged& f :
       {Forged{Role::kMediateur, "*"}, Forged{Role::kCra, "*"},
        Forged{Role::kAccueil, "*"}, Forged{Role::kDirection, "*"},
        Forged{Role::kMediateur, "591/2025-03"}, Forged{Role::kNational, "591"},
        Forged{Role::kMediateur, "999"}, Forged{Role::kAuditeur, "59"}}) {
    for (auto& [method, call] : Callers()) {
      grpc::ClientContext context;
      tokens_.Authenticate(context, f.role, f.caisse, clock_.Now());
      const grpc::Status status = call(&context, "591");
      EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
          << method << " as " << f.caisse << ": " << status.error_message();
    }
  }
  ExpectOnlyPreparation();
  // The roles that span caisses keep "*".
  grpc::ClientContext national;
  tokens_.Authenticate(national, Role::kNational, "*", clock_.Now());
  EXPECT_TRUE(Callers()[rpc::kGetStatistiques](&national, "591").ok());
}

// Attack: a request id used for one act, sent again with another act whose
// body has the same bytes (an orientation and a clôture with the same
// numbers and date), was answered as a replay, recording nothing. Request
// ids are now scoped by caisse and RPC: the clôture is its own request,
// decided and recorded.
TEST_F(SecurityTest, ARequestIdAnswersOnlyTheSameAct) {
  const std::string id = Preparer("591", Etape::kEnInstruction);
  v1::OrienterRequest orienter;
  *orienter.mutable_commun() = Commun(id);
  orienter.mutable_commun()->set_request_id("meme-id");
  orienter.mutable_acte()->set_destination(v1::DESTINATION_RECLAMATIONS);
  orienter.mutable_acte()->set_date("2025-03-13");
  testing::ReponseActe r;
  ASSERT_TRUE(
      mediation_->Orienter(As(Role::kMediateur, "591").get(), orienter, &r)
          .ok());
  v1::CloturerRequest cloturer;
  *cloturer.mutable_commun() = orienter.commun();
  cloturer.mutable_acte()->set_issue(v1::ISSUE_CLOTURE_DECISION_REVISEE);
  cloturer.mutable_acte()->set_date("2025-03-13");
  ASSERT_EQ(cloturer.acte().SerializeAsString(),
            orienter.acte().SerializeAsString());
  const uint64_t before = store_->events().LastPosition();
  testing::ReponseActe c;
  grpc::Status status =
      mediation_->Cloturer(As(Role::kMediateur, "591").get(), cloturer, &c);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(c.rejoue());
  EXPECT_EQ(c.version(), r.version() + 1);
  EXPECT_EQ(store_->events().LastPosition(), before + 1);
}

// Attack: another caisse's principal replays a request id with the same
// request, to learn its result: refused like any act on that saisine.
TEST_F(SecurityTest, AReplayAnswersOnlyWhoMayAct) {
  const std::string id = Preparer("591", Etape::kEnInstruction);
  v1::ConsignerEchangeRequest echange;
  *echange.mutable_commun() = Commun(id);
  echange.mutable_acte()->set_interlocuteur(v1::INTERLOCUTEUR_REQUERANT);
  echange.mutable_acte()->set_resume("Appel");
  echange.mutable_acte()->set_date("2025-03-13");
  testing::ReponseActe r;
  ASSERT_TRUE(
      mediation_
          ->ConsignerEchange(As(Role::kMediateur, "591").get(), echange, &r)
          .ok());
  testing::ReponseActe other;
  grpc::Status status = mediation_->ConsignerEchange(
      As(Role::kMediateur, "751").get(), echange, &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(other.saisine_id(), "");
  EXPECT_FALSE(other.rejoue());
}

// Attack: the front office declares an origin that opens the "saisine
// particulière" basis (the national direction's, the CRA's, the Défenseur
// des droits'): refused, nothing stored; each comes its own way.
TEST_F(SecurityTest, OriginsThatOpenTheParticulierBasisAreNotTheFrontOffices) {
  struct Cas {
    Role role;
    v1::Origine origine;
    bool permise;
  };
  int n = 0;
  for (const Cas& c :
       {Cas{Role::kAccueil, v1::ORIGINE_DIRECTION_NATIONALE, false},
        Cas{Role::kAccueil, v1::ORIGINE_CRA, false},
        Cas{Role::kAccueil, v1::ORIGINE_DEFENSEUR_DES_DROITS, false},
        Cas{Role::kAccueil, v1::ORIGINE_DIRECTION_CAISSE, false},
        Cas{Role::kMediateur, v1::ORIGINE_DIRECTION_NATIONALE, false},
        Cas{Role::kMediateur, v1::ORIGINE_DEFENSEUR_DES_DROITS, true},
        Cas{Role::kAccueil, v1::ORIGINE_REQUERANT_DIRECT, true}}) {
    v1::DeposerSaisineRequest request =
        testing::DepotValide(absl::StrCat("origine-", ++n), "591");
    request.set_origine(c.origine);
    const uint64_t before = store_->events().LastPosition();
    v1::DeposerSaisineResponse r;
    grpc::Status status =
        accueil_->DeposerSaisine(As(c.role, "591").get(), request, &r);
    EXPECT_EQ(status.error_code(), c.permise
                                       ? grpc::StatusCode::OK
                                       : grpc::StatusCode::PERMISSION_DENIED)
        << v1::Origine_Name(c.origine) << ": " << status.error_message();
    if (!c.permise) {
      EXPECT_EQ(store_->events().LastPosition(), before);
    }
  }
}

TEST_F(SecurityTest, WithoutCredentialsEveryRpcIsUnauthenticated) {
  for (auto& [method, call] : Callers()) {
    grpc::ClientContext anonymous;
    EXPECT_EQ(call(&anonymous, "591").error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << method;
    grpc::ClientContext garbage;
    garbage.AddMetadata("authorization", "Bearer not-a-token");
    EXPECT_EQ(call(&garbage, "591").error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << method;
  }
  ExpectOnlyPreparation();
}

TEST_F(SecurityTest, ExpiredTokenIsUnauthenticated) {
  auto context = As(Role::kMediateur, "591");
  clock_.Advance(absl::Hours(25));
  EXPECT_EQ(Callers()[rpc::kGetSaisine](context.get(), "591").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, EachRoleMayCallExactlyWhatTheTableSays) {
  for (Role role : kAllRoles) {
    for (auto& [method, call] : Callers()) {
      grpc::Status status = call(As(role, CaisseOf(role)).get(), "591");
      if (RoleMay(role, method)) {
        EXPECT_TRUE(status.ok()) << RoleName(role) << " " << method << ": "
                                 << status.error_message();
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << RoleName(role) << " " << method;
      }
    }
  }
}

TEST_F(SecurityTest, NoRoleReachesAnotherCaisseAndErrorsLeakNothing) {
  for (Role role : kAllRoles) {
    if (CaisseOf(role) == "*") continue;
    for (auto& [method, call] : Callers()) {
      if (!RoleMay(role, method)) continue;
      grpc::Status status = call(As(role, "591").get(), "751");
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << RoleName(role) << " " << method;
      EXPECT_THAT(status.error_message(), Not(HasSubstr("Martin-Secret")));
      EXPECT_THAT(status.error_message(), Not(HasSubstr("269054958815780")));
      EXPECT_THAT(status.error_message(), Not(HasSubstr(saisine_of_["751"])));
    }
  }
  ExpectOnlyPreparation();
}

TEST_F(SecurityTest, ListWithoutCaisseShowsOnlyOwnCaisse) {
  v1::ListSaisinesResponse page;
  ASSERT_TRUE(accueil_
                  ->ListSaisines(As(Role::kMediateur, "591").get(),
                                 v1::ListSaisinesRequest(), &page)
                  .ok());
  ASSERT_EQ(page.saisines_size(), 1);
  EXPECT_EQ(page.saisines(0).caisse(), "591");
  ASSERT_TRUE(accueil_
                  ->ListSaisines(As(Role::kNational, "*").get(),
                                 v1::ListSaisinesRequest(), &page)
                  .ok());
  EXPECT_EQ(page.saisines_size(), 2);
}

TEST_F(SecurityTest, PersonalDataMaskedForRolesThatDoNotNeedThem) {
  v1::GetSaisineRequest request;
  request.set_saisine_id(saisine_of_["591"]);
  for (Role role : {Role::kNational, Role::kDirection, Role::kAuditeur}) {
    v1::Saisine saisine;
    ASSERT_TRUE(
        accueil_->GetSaisine(As(role, CaisseOf(role)).get(), request, &saisine)
            .ok());
    EXPECT_EQ(saisine.requerant().nir(), "***") << RoleName(role);
    EXPECT_EQ(saisine.requerant().telephone(), "***") << RoleName(role);
    EXPECT_EQ(saisine.requerant().nom(), "Dupont");
  }
  for (Role role : {Role::kAccueil, Role::kMediateur, Role::kCra}) {
    v1::Saisine saisine;
    ASSERT_TRUE(
        accueil_->GetSaisine(As(role, "591").get(), request, &saisine).ok());
    EXPECT_EQ(saisine.requerant().nir(), "269054958815780") << RoleName(role);
  }
  v1::GetHistoriqueRequest historique_request;
  historique_request.set_saisine_id(saisine_of_["591"]);
  v1::GetHistoriqueResponse historique;
  ASSERT_TRUE(audit_
                  ->GetHistorique(As(Role::kAuditeur, "*").get(),
                                  historique_request, &historique)
                  .ok());
  EXPECT_THAT(historique.evenements(0).contenu().DebugString(),
              Not(HasSubstr("269054958815780")));
}

TEST_F(SecurityTest, ReadsOfPersonalDataAreJournaledForAuditors) {
  v1::GetSaisineRequest get;
  get.set_saisine_id(saisine_of_["591"]);
  v1::Saisine saisine;
  ASSERT_TRUE(
      accueil_->GetSaisine(As(Role::kCra, "591").get(), get, &saisine).ok());
  // A read without personal data is not a consultation of them.
  ASSERT_TRUE(
      accueil_->GetSaisine(As(Role::kNational, "*").get(), get, &saisine).ok());
  v1::ListConsultationsRequest request;
  request.set_saisine_id(saisine_of_["591"]);
  v1::ListConsultationsResponse journal;
  ASSERT_TRUE(audit_
                  ->ListConsultations(As(Role::kAuditeur, "591").get(), request,
                                      &journal)
                  .ok());
  ASSERT_EQ(journal.consultations_size(), 1);
  EXPECT_EQ(journal.consultations(0).acteur(), "cra:test@591");
  EXPECT_EQ(journal.consultations(0).rpc(), rpc::kGetSaisine);
  EXPECT_EQ(journal.consultations(0).consultee_le().seconds(),
            absl::ToUnixSeconds(clock_.Now()));
}

// A lookup by NIR is a use of the NIR even when it finds nothing: journaled
// (with the NIR's keyed digest, never the NIR), and auditors list the
// lookups of a NIR.
TEST_F(SecurityTest, ANirLookupIsJournaledEvenWhenItFindsNothing) {
  v1::ConsulterSuspensionRequest lookup;
  lookup.mutable_par_requerant()->set_nir("185057800608491");
  v1::ConsulterSuspensionResponse found;
  ASSERT_TRUE(cra_->ConsulterSuspension(As(Role::kCra, "591", "agent").get(),
                                        lookup, &found)
                  .ok());
  EXPECT_EQ(found.saisines_size(), 0);
  v1::ListConsultationsRequest request;
  request.set_nir("1 85 05 78 006 084 91");
  request.set_caisse("591");
  v1::ListConsultationsResponse journal;
  ASSERT_TRUE(
      audit_
          ->ListConsultations(As(Role::kAuditeur, "*").get(), request, &journal)
          .ok());
  ASSERT_EQ(journal.consultations_size(), 1);
  EXPECT_EQ(journal.consultations(0).acteur(), "cra:agent@591");
  EXPECT_EQ(journal.consultations(0).rpc(), rpc::kConsulterSuspension);
  EXPECT_TRUE(journal.consultations(0).recherche_par_nir());
  EXPECT_EQ(journal.consultations(0).saisine_ids_size(), 0);
  // Another caisse's auditor may not list 591's lookups.
  grpc::Status other = audit_->ListConsultations(
      As(Role::kAuditeur, "751").get(), request, &journal);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SecurityTest, ActorComesFromThePrincipal) {
  v1::GetHistoriqueRequest request;
  request.set_saisine_id(saisine_of_["751"]);
  v1::GetHistoriqueResponse historique;
  ASSERT_TRUE(
      audit_
          ->GetHistorique(As(Role::kAuditeur, "*").get(), request, &historique)
          .ok());
  EXPECT_EQ(historique.evenements(0).acteur(), "accueil:preparateur@751");
}

}  // namespace
}  // namespace mediation
