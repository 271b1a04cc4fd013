// CraService: dossiers from the CRA, parallel appeals, suspension state,
// the requester's choice, and the CRA's follow-up stream.
#include <thread>

#include "services/service_test_fixture.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;

class CraServiceTest : public testing::ServiceTest {
 protected:
  void Ok(const grpc::Status& status) {
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  v1::ConsulterSuspensionResponse Consulter(
      const v1::ConsulterSuspensionRequest& request, grpc::Status* status) {
    v1::ConsulterSuspensionResponse response;
    *status = cra_->ConsulterSuspension(As(Role::kCra, "591").get(), request,
                                        &response);
    return response;
  }
};

TEST_F(CraServiceTest, DossierFromTheCraBecomesASaisineOfOriginCra) {
  v1::DeposerSaisineRequest dossier = testing::DepotValide("cra-1", "591");
  dossier.clear_reclamation_prealable();
  v1::DeposerSaisineResponse created;
  Ok(cra_->TransmettreDossier(As(Role::kCra, "591").get(), dossier, &created));
  v1::GetSaisineRequest get;
  get.set_saisine_id(created.saisine_id());
  v1::Saisine saisine;
  Ok(accueil_->GetSaisine(As(Role::kMediateur, "591").get(), get, &saisine));
  EXPECT_EQ(saisine.origine(), v1::ORIGINE_CRA);
  // Transport refused for lack of prior agreement: first intention.
  v1::DeclarerRecevableRequest recevable;
  *recevable.mutable_commun() = Commun(created.saisine_id());
  recevable.mutable_acte()->set_fondement(
      v1::FONDEMENT_RECEVABILITE_PREMIERE_INTENTION);
  recevable.mutable_acte()->set_motif_premiere_intention(
      v1::MOTIF_PREMIERE_INTENTION_TRANSPORT_SANS_ENTENTE_PREALABLE);
  recevable.mutable_acte()->set_date_notification("2025-03-12");
  testing::ReponseActe acte;
  Ok(mediation_->DeclarerRecevable(As(Role::kMediateur, "591").get(), recevable,
                                   &acte));
}

TEST_F(CraServiceTest, SuspensionByRequesterAndDecision) {
  v1::DeposerSaisineRequest request = testing::DepotValide("susp-1", "591");
  v1::DecisionContestee* decision = request.mutable_decision_contestee();
  decision->set_date_notification("2025-02-03");  // CRA deadline 3 April.
  decision->set_recours_mentionne(v1::RECOURS_CRA);
  decision->set_voies_et_delais_mentionnes(true);
  v1::DeposerSaisineResponse created;
  Ok(accueil_->DeposerSaisine(As(Role::kAccueil, "591").get(), request,
                              &created));
  const std::string id = created.saisine_id();
  v1::DeclarerRecoursPrealableRequest recours;
  *recours.mutable_commun() = Commun(id);
  recours.mutable_acte()->set_reference("CRA-2025-0042");
  recours.mutable_acte()->set_date_saisine_cra("2025-03-05");
  recours.mutable_acte()->set_date("2025-03-11");
  testing::ReponseActe acte;
  Ok(cra_->DeclarerRecoursPrealable(As(Role::kCra, "591").get(), recours,
                                    &acte));
  *recours.mutable_commun() = Commun(id);
  EXPECT_EQ(cra_->DeclarerRecoursPrealable(As(Role::kCra, "591").get(), recours,
                                           &acte)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::DeclarerRecevableRequest recevable;
  *recevable.mutable_commun() = Commun(id);
  recevable.mutable_acte()->set_fondement(
      v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
  recevable.mutable_acte()->set_date_notification("2025-03-12");
  Ok(mediation_->DeclarerRecevable(As(Role::kMediateur, "591").get(), recevable,
                                   &acte));

  v1::ConsulterSuspensionRequest par_requerant;
  par_requerant.mutable_par_requerant()->set_nir("2 69 05 49 588 157 80");
  par_requerant.mutable_par_requerant()->set_date_notification("2025-02-03");
  grpc::Status status;
  v1::ConsulterSuspensionResponse response = Consulter(par_requerant, &status);
  Ok(status);
  ASSERT_EQ(response.saisines_size(), 1);
  const v1::EtatSuspension& etat = response.saisines(0);
  EXPECT_EQ(etat.saisine_id(), id);
  EXPECT_TRUE(etat.suspendu());
  EXPECT_EQ(etat.depuis(), "2025-03-12");
  EXPECT_EQ(etat.reference_cra(), "CRA-2025-0042");
  EXPECT_EQ(etat.recours().jours_restants_geles(), 22);  // 12 Mar -> 3 Apr.

  par_requerant.mutable_par_requerant()->set_date_notification("2025-01-01");
  EXPECT_EQ(Consulter(par_requerant, &status).saisines_size(), 0);
  par_requerant.mutable_par_requerant()->set_nir("269054958815781");
  Consulter(par_requerant, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("par_requerant.nir"));
  par_requerant.mutable_par_requerant()->set_caisse("751");
  Consulter(par_requerant, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

// Suspensions belong to the contested decision (hand-worked in
// domain/echeances_test.cc): notified Friday 10 Jan 2025, CRA deadline
// Monday 10 Mar. A first saisine suspends it from Monday 10 Feb to its
// conclusions on Monday 3 Mar (21 days): Monday 31 Mar. A réitération on the
// same decision, recevable Wednesday 12 Mar, finds it still running and
// suspends it again, with 19 days left (12 -> 31 Mar). Both saisines show
// the combined state, to the CRA and to the mediator.
TEST_F(CraServiceTest, AReiterationSuspendsTheSameDecisionsDeadlineAgain) {
  auto deposer = [&](const std::string& request_id, const std::string& recue,
                     const std::string& precedente) {
    v1::DeposerSaisineRequest request = testing::DepotValide(request_id, "591");
    request.set_date_reception(recue);
    request.mutable_reclamation_prealable()->set_date("2025-01-13");
    request.set_saisine_precedente(precedente);
    v1::DecisionContestee* decision = request.mutable_decision_contestee();
    decision->set_date_notification("2025-01-10");
    decision->set_recours_mentionne(v1::RECOURS_CRA);
    decision->set_voies_et_delais_mentionnes(true);
    v1::DeposerSaisineResponse created;
    Ok(accueil_->DeposerSaisine(As(Role::kAccueil, "591").get(), request,
                                &created));
    return created.saisine_id();
  };
  auto recevable = [&](const std::string& id, const std::string& date) {
    v1::DeclarerRecevableRequest request;
    *request.mutable_commun() = Commun(id);
    request.mutable_acte()->set_fondement(
        v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
    request.mutable_acte()->set_date_notification(date);
    testing::ReponseActe acte;
    Ok(mediation_->DeclarerRecevable(As(Role::kMediateur, "591").get(), request,
                                     &acte));
  };
  const std::string premiere = deposer("reit-1", "2025-02-06", "");
  recevable(premiere, "2025-02-10");
  v1::EmettreRecommandationRequest recommandation;
  *recommandation.mutable_commun() = Commun(premiere);
  recommandation.mutable_acte()->set_type(
      v1::TYPE_RECOMMANDATION_EXPLICATION_DECISION);
  recommandation.mutable_acte()->set_texte("Avis");
  recommandation.mutable_acte()->set_date("2025-02-28");
  testing::ReponseActe acte;
  Ok(mediation_->EmettreRecommandation(As(Role::kMediateur, "591").get(),
                                       recommandation, &acte));
  v1::CommuniquerConclusionsRequest conclusions;
  *conclusions.mutable_commun() = Commun(premiere);
  conclusions.mutable_acte()->set_date("2025-03-03");
  Ok(mediation_->CommuniquerConclusions(As(Role::kMediateur, "591").get(),
                                        conclusions, &acte));

  const std::string reiteration = deposer("reit-2", "2025-03-11", premiere);
  recevable(reiteration, "2025-03-12");

  v1::GetEcheancesRequest get;
  get.set_saisine_id(reiteration);
  v1::EtatDelais delais;
  Ok(mediation_->GetEcheances(As(Role::kMediateur, "591").get(), get, &delais));
  EXPECT_EQ(delais.recours().echeance_initiale(), "2025-03-10");
  EXPECT_TRUE(delais.recours().suspendu());
  EXPECT_EQ(delais.recours().jours_restants_geles(), 19);
  ASSERT_EQ(delais.recours().suspensions_size(), 2);
  EXPECT_EQ(delais.recours().suspensions(0).debut(), "2025-02-10");
  EXPECT_EQ(delais.recours().suspensions(0).fin(), "2025-03-03");
  EXPECT_EQ(delais.recours().suspensions(1).debut(), "2025-03-12");
  EXPECT_EQ(delais.recours().suspensions(1).fin(), "");

  v1::ConsulterSuspensionRequest par_requerant;
  par_requerant.mutable_par_requerant()->set_nir("269054958815780");
  par_requerant.mutable_par_requerant()->set_date_notification("2025-01-10");
  grpc::Status status;
  v1::ConsulterSuspensionResponse response = Consulter(par_requerant, &status);
  Ok(status);
  ASSERT_EQ(response.saisines_size(), 2);
  for (const v1::EtatSuspension& etat : response.saisines()) {
    // Each saisine's own mediation: only the réitération's runs...
    EXPECT_EQ(etat.suspendu(), etat.saisine_id() == reiteration);
    // ...but the decision's deadline is one, and suspended.
    EXPECT_TRUE(etat.recours().suspendu()) << etat.saisine_id();
    EXPECT_EQ(etat.recours().jours_restants_geles(), 19);
    EXPECT_EQ(etat.recours().suspensions_size(), 2);
  }
}

// The chain of recourses (hand-worked, weekdays from date(1)): the CRA was
// seized Tuesday 11 Mar 2025 (the saisine names no contested decision, so
// nothing was suspended). Its silence: Sunday 11 May (an implicit
// rejection is a date, not a deadline: not moved to a working day). The
// tribunal: Friday 11 Jul. Once the CRA's decision is notified on Friday
// 14 Mar, the tribunal deadline runs from it: Wednesday 14 May. (The
// suspension of both clocks and the CPC 642 extension: domain tests.)
TEST_F(CraServiceTest, TheCrasDecisionAndTheChainOfRecourses) {
  const std::string id = ConclueAvecRecoursCra("591");
  v1::GetEcheancesRequest get;
  get.set_saisine_id(id);
  v1::EtatDelais delais;
  Ok(mediation_->GetEcheances(As(Role::kMediateur, "591").get(), get, &delais));
  const v1::SuiteDuRecours& suite = delais.suite_du_recours();
  EXPECT_EQ(suite.commission(), v1::RECOURS_CRA);
  EXPECT_EQ(suite.date_saisine(), "2025-03-11");
  EXPECT_EQ(suite.rejet_implicite(), "2025-05-11");
  EXPECT_FALSE(suite.suspendu());
  EXPECT_EQ(suite.tribunal().recours(), v1::RECOURS_TRIBUNAL);
  EXPECT_EQ(suite.tribunal().notification(), "2025-05-11");
  EXPECT_EQ(suite.tribunal().expiration(), "2025-07-11");
  EXPECT_TRUE(suite.tribunal().non_opposable());  // Nothing says otherwise.

  v1::EnregistrerDecisionCraRequest decision;
  *decision.mutable_commun() = Commun(id);
  decision.mutable_acte()->set_sens(v1::SENS_DECISION_CRA_REJET);
  decision.mutable_acte()->set_voies_et_delais_mentionnes(true);
  decision.mutable_acte()->set_date("2025-03-10");
  testing::ReponseActe acte;
  grpc::Status status = cra_->EnregistrerDecisionCra(
      As(Role::kCra, "591").get(), decision, &acte);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("acte.date: before the CRA was seized"));
  *decision.mutable_commun() = Commun(id);
  decision.mutable_acte()->set_date("2025-03-14");
  Ok(cra_->EnregistrerDecisionCra(As(Role::kCra, "591").get(), decision,
                                  &acte));
  *decision.mutable_commun() = Commun(id);
  EXPECT_EQ(
      cra_->EnregistrerDecisionCra(As(Role::kCra, "591").get(), decision, &acte)
          .error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);

  v1::ConsulterSuspensionRequest consulter;
  consulter.set_saisine_id(id);
  v1::ConsulterSuspensionResponse response = Consulter(consulter, &status);
  Ok(status);
  ASSERT_EQ(response.saisines_size(), 1);
  const v1::SuiteDuRecours& apres = response.saisines(0).suite_du_recours();
  EXPECT_EQ(apres.sens_decision(), v1::SENS_DECISION_CRA_REJET);
  EXPECT_EQ(apres.date_decision(), "2025-03-14");
  EXPECT_EQ(apres.tribunal().notification(), "2025-03-14");
  EXPECT_EQ(apres.tribunal().expiration(), "2025-05-14");
  EXPECT_FALSE(apres.tribunal().non_opposable());
  // The mediator may not record it: it is the CRA's.
  *decision.mutable_commun() = Commun(id);
  EXPECT_EQ(cra_->EnregistrerDecisionCra(As(Role::kMediateur, "591").get(),
                                         decision, &acte)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CraServiceTest, MaintienOuDesistementAfterTheConclusionsOnly) {
  const std::string early = Preparer("591", Etape::kRecommandation);
  v1::DeclarerRecoursPrealableRequest recours;
  *recours.mutable_commun() = Commun(early);
  recours.mutable_acte()->set_reference("CRA-7");
  recours.mutable_acte()->set_date_saisine_cra("2025-03-10");
  recours.mutable_acte()->set_date("2025-03-12");
  testing::ReponseActe acte;
  Ok(cra_->DeclarerRecoursPrealable(As(Role::kCra, "591").get(), recours,
                                    &acte));
  v1::EnregistrerMaintienOuDesistementRequest choix;
  *choix.mutable_commun() = Commun(early);
  choix.mutable_acte()->set_maintenu(false);
  choix.mutable_acte()->set_date("2025-03-14");
  grpc::Status status = cra_->EnregistrerMaintienOuDesistement(
      As(Role::kCra, "591").get(), choix, &acte);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("conclusions"));

  const std::string id = ConclueAvecRecoursCra("591");
  *choix.mutable_commun() = Commun(id);
  Ok(cra_->EnregistrerMaintienOuDesistement(As(Role::kCra, "591").get(), choix,
                                            &acte));
  v1::ConsulterSuspensionRequest request;
  request.set_saisine_id(id);
  v1::ConsulterSuspensionResponse response = Consulter(request, &status);
  Ok(status);
  ASSERT_EQ(response.saisines_size(), 1);
  EXPECT_FALSE(response.saisines(0).suspendu());
  ASSERT_TRUE(response.saisines(0).has_recours_cra_maintenu());
  EXPECT_FALSE(response.saisines(0).recours_cra_maintenu());
}

TEST_F(CraServiceTest, FollowsOnlyWhatConcernsTheCra) {
  const std::string sans_cra = Preparer("591", Etape::kRecue);
  v1::DeposerSaisineResponse dossier;
  Ok(cra_->TransmettreDossier(As(Role::kCra, "591").get(),
                              testing::DepotValide("suivi", "591"), &dossier));
  grpc::ClientContext context;
  tokens_.Authenticate(context, Role::kCra, "591", clock_.Now());
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(60));  // Bounded.
  auto reader = cra_->SuivreSaisines(&context, v1::SuivreSaisinesRequest());
  v1::Evenement event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.saisine_id(), dossier.saisine_id());
  EXPECT_EQ(event.type(), "SaisineRecue");
  // Live: once a CRA appeal is declared on the other saisine, it concerns
  // the CRA too.
  std::thread later([&] {
    v1::DeclarerRecoursPrealableRequest recours;
    *recours.mutable_commun() = Commun(sans_cra);
    recours.mutable_acte()->set_reference("CRA-9");
    recours.mutable_acte()->set_date_saisine_cra("2025-03-11");
    recours.mutable_acte()->set_date("2025-03-12");
    testing::ReponseActe acte;
    Ok(cra_->DeclarerRecoursPrealable(As(Role::kCra, "591").get(), recours,
                                      &acte));
  });
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.saisine_id(), sans_cra);
  EXPECT_EQ(event.type(), "RecoursPrealableDeclare");
  later.join();
  context.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

}  // namespace
}  // namespace mediation
