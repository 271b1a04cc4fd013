// The life of a saisine over gRPC, through every path the seeds describe,
// with deadline states checked against dates worked out by hand. Today is
// Friday 14 March 2025 at the caisse (the fixture's clock).
#include <set>
#include <thread>
#include <vector>

#include "domain/caisse_defaut.h"
#include "services/service_test_fixture.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;

class MediationServiceTest : public testing::ServiceTest {
 protected:
  // Calls an act as the mediator of 591 (or `role`).
  template <typename Request, typename Method>
  grpc::Status Faire(
      Method method, const std::string& id,
      std::function<void(decltype(*Request().mutable_acte())&)> fill,
      testing::ReponseActe* response = nullptr, Role role = Role::kMediateur,
      std::optional<v1::ActeCommun> commun = std::nullopt) {
    Request request;
    *request.mutable_commun() = commun ? *commun : Commun(id);
    fill(*request.mutable_acte());
    testing::ReponseActe ignored;
    return (mediation_.get()->*method)(As(role, "591").get(), request,
                                       response ? response : &ignored);
  }

  // Irrecevable out of scope, oriented to the réclamations service, notified
  // on Tuesday 11 March 2025.
  grpc::Status DeclarerIrrecevable(const std::string& id) {
    return Faire<v1::DeclarerIrrecevableRequest>(
        &testing::MediationClient::DeclarerIrrecevable, id, [](auto& a) {
          a.set_motif(v1::MOTIF_IRRECEVABILITE_HORS_COMPETENCE);
          a.set_explication("Relève du service réclamations");
          a.set_orientation(v1::DESTINATION_RECLAMATIONS);
          a.set_date_notification("2025-03-11");
        });
  }

  v1::EtatDelais Delais(const std::string& id) {
    v1::GetEcheancesRequest request;
    request.set_saisine_id(id);
    v1::EtatDelais delais;
    EXPECT_TRUE(
        mediation_
            ->GetEcheances(As(Role::kMediateur, "591").get(), request, &delais)
            .ok());
    return delais;
  }

  std::string Deposer(const std::string& date_reception,
                      bool avec_decision = false) {
    v1::DeposerSaisineRequest request =
        testing::DepotValide(absl::StrCat("depot-", ++actes_), "591");
    request.set_date_reception(date_reception);
    if (avec_decision) {
      // CRA deadline: Thursday 3 April 2025.
      v1::DecisionContestee* decision = request.mutable_decision_contestee();
      decision->set_date_notification("2025-02-03");
      decision->set_recours_mentionne(v1::RECOURS_CRA);
      decision->set_voies_et_delais_mentionnes(true);
    }
    v1::DeposerSaisineResponse response;
    EXPECT_TRUE(accueil_
                    ->DeposerSaisine(As(Role::kAccueil, "591").get(), request,
                                     &response)
                    .ok());
    return response.saisine_id();
  }
};

using Stub = testing::MediationClient;

class MediationLifeTest : public MediationServiceTest {
 protected:
  // Recevable: acknowledged in time, the CRA deadline suspended.
  void Recevable(const std::string& id) {
    ASSERT_TRUE(Faire<v1::DeclarerRecevableRequest>(
                    &Stub::DeclarerRecevable, id,
                    [](auto& a) {
                      a.set_fondement(
                          v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
                      a.set_date_notification("2025-03-12");
                    })
                    .ok());
    v1::EtatDelais delais = Delais(id);
    EXPECT_EQ(delais.statut(), v1::STATUT_EN_INSTRUCTION);
    EXPECT_EQ(delais.accuse_reception().etat(), v1::ETAT_ECHEANCE_RESPECTEE);
    EXPECT_TRUE(delais.recours().suspendu());
    EXPECT_EQ(delais.recours().jours_restants_geles(), 22);  // 12 Mar -> 3 Apr.
    EXPECT_EQ(delais.recours().expiration(), "");
  }

  // A proposal en équité: only the director decides, then the conclusions
  // end the suspension.
  void EquiteEtConclusions(const std::string& id) {
    ASSERT_TRUE(Faire<v1::EmettreRecommandationRequest>(
                    &Stub::EmettreRecommandation, id,
                    [](auto& a) {
                      a.set_type(v1::TYPE_RECOMMANDATION_PROPOSITION_EQUITE);
                      a.set_texte("Prise en charge à titre exceptionnel");
                      a.set_date("2025-03-13");
                    })
                    .ok());
    // The mediator cannot decide en équité, nor conclude before the director.
    EXPECT_EQ(
        Faire<v1::DeciderEquiteRequest>(
            &Stub::DeciderEquite, id, [](auto& a) { a.set_date("2025-03-14"); })
            .error_code(),
        grpc::StatusCode::PERMISSION_DENIED);
    grpc::Status early = Faire<v1::CommuniquerConclusionsRequest>(
        &Stub::CommuniquerConclusions, id,
        [](auto& a) { a.set_date("2025-03-14"); });
    EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(early.error_message(), HasSubstr("director"));
    ASSERT_TRUE(Faire<v1::DeciderEquiteRequest>(
                    &Stub::DeciderEquite, id,
                    [](auto& a) {
                      a.set_acceptee(true);
                      a.set_date("2025-03-14");
                    },
                    nullptr, Role::kDirection)
                    .ok());
    ASSERT_TRUE(Faire<v1::CommuniquerConclusionsRequest>(
                    &Stub::CommuniquerConclusions, id,
                    [](auto& a) { a.set_date("2025-03-14"); })
                    .ok());
    // Suspended 12 -> 14 March: 2 days; 3 Apr + 2 = Saturday 5 Apr -> Monday
    // 7 Apr, 24 days from today.
    v1::EtatDelais delais = Delais(id);
    EXPECT_FALSE(delais.recours().suspendu());
    EXPECT_EQ(delais.recours().jours_de_suspension(), 2);
    EXPECT_EQ(delais.recours().expiration(), "2025-04-07");
    EXPECT_EQ(delais.recours().etat().jours(), 24);
    ASSERT_EQ(delais.recours().suspensions_size(), 1);
    EXPECT_EQ(delais.recours().suspensions(0).fin(), "2025-03-14");
  }

  // The clôture, retried under its request id.
  void Cloture(const std::string& id) {
    v1::ActeCommun cloture = Commun(id);
    testing::ReponseActe first;
    auto fill = [](auto& a) {
      a.set_issue(v1::ISSUE_CLOTURE_DECISION_REVISEE);
      a.set_date("2025-03-14");
    };
    ASSERT_TRUE(Faire<v1::CloturerRequest>(&Stub::Cloturer, id, fill, &first,
                                           Role::kMediateur, cloture)
                    .ok());
    // A retry answers the first result although the saisine has moved on.
    testing::ReponseActe retry;
    ASSERT_TRUE(Faire<v1::CloturerRequest>(&Stub::Cloturer, id, fill, &retry,
                                           Role::kMediateur, cloture)
                    .ok());
    EXPECT_TRUE(retry.rejoue());
    EXPECT_EQ(retry.version(), first.version());
    v1::EtatDelais delais = Delais(id);
    EXPECT_EQ(delais.statut(), v1::STATUT_CLOTUREE);
    EXPECT_EQ(delais.objectif_cloture().etat(), v1::ETAT_ECHEANCE_RESPECTEE);
    EXPECT_EQ(delais.duree_traitement_jours(), 4);
    EXPECT_EQ(delais.prochaine_echeance(), "");
    // The saisine itself shows its basis, recommandation and outcome.
    v1::GetSaisineRequest get;
    get.set_saisine_id(id);
    v1::Saisine s;
    ASSERT_TRUE(
        accueil_->GetSaisine(As(Role::kMediateur, "591").get(), get, &s).ok());
    EXPECT_EQ(s.recevabilite().fondement(),
              v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
    EXPECT_EQ(s.recevabilite().date_notification(), "2025-03-12");
    ASSERT_EQ(s.recommandations_size(), 1);
    EXPECT_FALSE(s.recommandations(0).texte().empty());
    EXPECT_EQ(s.cloture().issue(), v1::ISSUE_CLOTURE_DECISION_REVISEE);
    EXPECT_EQ(s.cloture().date(), "2025-03-14");
    EXPECT_EQ(s.terminee_le(), "2025-03-14");
    EXPECT_FALSE(s.has_irrecevabilite());
  }
};

TEST_F(MediationLifeTest, RecevableRecommandationDecisionConclusionsCloture) {
  const std::string id = Deposer("2025-03-10", /*avec_decision=*/true);
  v1::EtatDelais delais = Delais(id);
  EXPECT_EQ(delais.aujourd_hui(), "2025-03-14");
  EXPECT_EQ(delais.accuse_reception().du(), "2025-03-17");
  EXPECT_EQ(delais.accuse_reception().etat(), v1::ETAT_ECHEANCE_A_VENIR);
  EXPECT_EQ(delais.accuse_reception().jours(), 3);
  EXPECT_EQ(delais.objectif_cloture().du(), "2025-03-31");
  EXPECT_EQ(delais.recours().expiration(), "2025-04-03");

  Recevable(id);
  EquiteEtConclusions(id);
  Cloture(id);
  // After the end, nothing but reading.
  grpc::Status after = Faire<v1::ConsignerEchangeRequest>(
      &Stub::ConsignerEchange, id, [](auto& a) {
        a.set_interlocuteur(v1::INTERLOCUTEUR_REQUERANT);
        a.set_resume("x");
        a.set_date("2025-03-14");
      });
  EXPECT_EQ(after.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(after.error_message(), HasSubstr("cloturee"));
}

// An act sent with version_attendue 0 ("the current one") is decided on the
// state it lands on: concurrent acts are each recorded, none ABORTED for a
// version it did not name.
TEST_F(MediationServiceTest, ConcurrentActsOnTheCurrentVersionAreAllRecorded) {
  const std::string id = Preparer("591", Etape::kEnInstruction);
  ASSERT_OK_AND_ASSIGN(auto before, store_->events().ReadStream(id, 1, 100));
  constexpr int kActes = 8;
  std::vector<v1::ConsignerEchangeRequest> requests(kActes);
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  for (v1::ConsignerEchangeRequest& request : requests) {
    *request.mutable_commun() = Commun(id);  // version_attendue 0.
    request.mutable_acte()->set_interlocuteur(v1::INTERLOCUTEUR_REQUERANT);
    request.mutable_acte()->set_resume("Appel");
    request.mutable_acte()->set_date("2025-03-13");
    contexts.push_back(As(Role::kMediateur, "591"));
  }
  std::vector<grpc::Status> statuses(kActes);
  std::vector<std::thread> threads;
  for (int i = 0; i < kActes; ++i) {
    threads.emplace_back([&, i] {
      testing::ReponseActe response;
      statuses[i] = mediation_->ConsignerEchange(contexts[i].get(), requests[i],
                                                 &response);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const grpc::Status& status : statuses) {
    EXPECT_TRUE(status.ok())
        << status.error_code() << " " << status.error_message();
  }
  ASSERT_OK_AND_ASSIGN(auto events, store_->events().ReadStream(id, 1, 100));
  EXPECT_EQ(events.size(), before.size() + kActes);
}

// The mediator finds a requester's earlier saisines by NIR, to link a
// réitération; the lookup is journaled with the NIR's keyed digest.
TEST_F(MediationServiceTest, FindsARequestersSaisinesByNir) {
  const std::string first = Deposer("2025-03-03");
  const std::string second = Deposer("2025-03-10");
  Preparer("751", Etape::kRecue);  // The same requester in another caisse.
  v1::ListSaisinesDuRequerantRequest request;
  request.set_nir("2 69 05 49 588 157 80");
  v1::ListSaisinesDuRequerantResponse found;
  ASSERT_TRUE(mediation_
                  ->ListSaisinesDuRequerant(As(Role::kMediateur, "591").get(),
                                            request, &found)
                  .ok());
  ASSERT_EQ(found.saisines_size(), 2);
  std::set<std::string> ids = {found.saisines(0).saisine_id(),
                               found.saisines(1).saisine_id()};
  EXPECT_EQ(ids, (std::set<std::string>{first, second}));
  // Another caisse's saisines are not the 591 mediator's to search.
  request.set_caisse("751");
  EXPECT_EQ(mediation_
                ->ListSaisinesDuRequerant(As(Role::kMediateur, "591").get(),
                                          request, &found)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListConsultationsRequest journal_request;
  journal_request.set_nir("269054958815780");
  journal_request.set_caisse("591");
  v1::ListConsultationsResponse journal;
  ASSERT_TRUE(audit_
                  ->ListConsultations(As(Role::kAuditeur, "*").get(),
                                      journal_request, &journal)
                  .ok());
  ASSERT_EQ(journal.consultations_size(), 1);
  EXPECT_TRUE(journal.consultations(0).recherche_par_nir());
  EXPECT_EQ(journal.consultations(0).saisine_ids_size(), 2);
}

TEST_F(MediationServiceTest, IrrecevableIsOriented) {
  const std::string id = Deposer("2025-03-10");
  ASSERT_TRUE(DeclarerIrrecevable(id).ok());
  v1::EtatDelais delais = Delais(id);
  EXPECT_EQ(delais.statut(), v1::STATUT_IRRECEVABLE);
  EXPECT_EQ(delais.accuse_reception().fait_le(), "2025-03-11");
  EXPECT_EQ(delais.duree_traitement_jours(), 1);
}

// The mediator checks that an oriented case was taken up: an irrecevable
// saisine (oriented on Tuesday 11 March, ended) and one oriented during its
// instruction on Thursday 13 March wait, oldest first, until confirmed.
TEST_F(MediationServiceTest, OrientationsAwaitAConfirmationOfTakeUp) {
  const std::string irrecevable = Deposer("2025-03-10");
  ASSERT_TRUE(DeclarerIrrecevable(irrecevable).ok());
  const std::string instruite = Preparer("591", Etape::kEnInstruction);
  ASSERT_TRUE(
      Faire<v1::OrienterRequest>(&Stub::Orienter, instruite, [](auto& a) {
        a.set_destination(v1::DESTINATION_SERVICE_SOCIAL);
        a.set_date("2025-03-13");
      }).ok());
  Preparer("591", Etape::kEnInstruction);  // Never oriented: not listed.
  auto lister = [&] {
    v1::ListOrientationsAConfirmerRequest request;
    v1::ListOrientationsAConfirmerResponse response;
    EXPECT_TRUE(mediation_
                    ->ListOrientationsAConfirmer(
                        As(Role::kMediateur, "591").get(), request, &response)
                    .ok());
    std::vector<std::pair<std::string, std::string>> listed;
    for (const auto& item : response.saisines()) {
      for (const std::string& date : item.orientations()) {
        listed.emplace_back(item.saisine().saisine_id(), date);
      }
    }
    return listed;
  };
  using Listed = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(lister(),
            (Listed{{irrecevable, "2025-03-11"}, {instruite, "2025-03-13"}}));

  ASSERT_TRUE(Faire<v1::ConfirmerPriseEnChargeRequest>(
                  &Stub::ConfirmerPriseEnCharge, irrecevable,
                  [](auto& a) {
                    a.set_commentaire(
                        "Enregistrée par le service réclamations");
                    a.set_date("2025-03-12");
                  })
                  .ok());
  EXPECT_EQ(lister(), (Listed{{instruite, "2025-03-13"}}));
  EXPECT_EQ(Faire<v1::ConfirmerPriseEnChargeRequest>(
                &Stub::ConfirmerPriseEnCharge, irrecevable,
                [](auto& a) { a.set_date("2025-03-13"); })
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  grpc::Status trop_tot = Faire<v1::ConfirmerPriseEnChargeRequest>(
      &Stub::ConfirmerPriseEnCharge, instruite,
      [](auto& a) { a.set_date("2025-03-12"); });
  EXPECT_EQ(trop_tot.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(trop_tot.error_message(),
              HasSubstr("acte.date: before the orientation, of 2025-03-13"));
  // Another caisse's mediator sees none of 591's.
  v1::ListOrientationsAConfirmerRequest autre;
  autre.set_caisse("591");
  v1::ListOrientationsAConfirmerResponse response;
  EXPECT_EQ(mediation_
                ->ListOrientationsAConfirmer(As(Role::kMediateur, "751").get(),
                                             autre, &response)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// Refus de soins (R1110-11 CSP), received Thursday 20 February 2025: the
// convocation is due Thursday 20 March, the meeting Tuesday 20 May. The
// professional convened on Friday 21 February may not be called before
// Saturday 8 March (15 days; February 2025 has 28); convened to Monday 10
// March, the meeting held that day. Both deadlines met.
TEST_F(MediationServiceTest, RefusDeSoinsConvocationAndConciliation) {
  v1::DeposerSaisineRequest depot =
      testing::DepotValide(absl::StrCat("depot-", ++actes_), "591");
  depot.set_date_reception("2025-02-20");
  depot.mutable_objet()->set_refus_de_soins(true);
  v1::DeposerSaisineResponse created;
  ASSERT_TRUE(
      accueil_->DeposerSaisine(As(Role::kAccueil, "591").get(), depot, &created)
          .ok());
  const std::string id = created.saisine_id();
  grpc::Status court = Faire<v1::ConvoquerProfessionnelRequest>(
      &Stub::ConvoquerProfessionnel, id, [](auto& a) {
        a.set_date("2025-02-21");
        a.set_date_reunion("2025-03-07");
      });
  EXPECT_EQ(court.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(court.error_message(),
              HasSubstr("acte.date_reunion: convened at least 15 days ahead "
                        "(R1110-11 CSP): on or after 2025-03-08"));
  ASSERT_TRUE(Faire<v1::ConvoquerProfessionnelRequest>(
                  &Stub::ConvoquerProfessionnel, id,
                  [](auto& a) {
                    a.set_date("2025-02-21");
                    a.set_date_reunion("2025-03-10");
                  })
                  .ok());
  v1::EtatDelais delais = Delais(id);
  EXPECT_EQ(delais.refus_de_soins().convocation().du(), "2025-03-20");
  EXPECT_EQ(delais.refus_de_soins().convocation().fait_le(), "2025-02-21");
  EXPECT_EQ(delais.refus_de_soins().convocation().etat(),
            v1::ETAT_ECHEANCE_RESPECTEE);
  EXPECT_EQ(delais.refus_de_soins().reunion_prevue(), "2025-03-10");
  EXPECT_EQ(delais.refus_de_soins().conciliation().du(), "2025-05-20");
  EXPECT_EQ(delais.refus_de_soins().conciliation().etat(),
            v1::ETAT_ECHEANCE_A_VENIR);
  ASSERT_TRUE(Faire<v1::ConsignerConciliationRequest>(
                  &Stub::ConsignerConciliation, id,
                  [](auto& a) {
                    a.set_compte_rendu("Le professionnel accepte le patient");
                    a.set_date("2025-03-10");
                  })
                  .ok());
  delais = Delais(id);
  EXPECT_EQ(delais.refus_de_soins().conciliation().fait_le(), "2025-03-10");
  EXPECT_EQ(delais.refus_de_soins().conciliation().etat(),
            v1::ETAT_ECHEANCE_RESPECTEE);
  // A complaint that is not a refus de soins has no meeting.
  EXPECT_EQ(Faire<v1::ConvoquerProfessionnelRequest>(
                &Stub::ConvoquerProfessionnel, Deposer("2025-03-10"),
                [](auto& a) {
                  a.set_date("2025-03-11");
                  a.set_date_reunion("2025-03-28");
                })
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

// Received Saturday 1 March 2025: acknowledgement due Saturday 8 March, run
// to Monday 10. A tribunal appeal on the 3rd ends the mediation unanswered;
// on the 14th (the fixture's today) the acknowledgement is not "4 days
// late": it is evaluated on the 3rd, 7 days before it was due, for good.
TEST_F(MediationServiceTest, AnEndedSaisineStopsCountingDaysLate) {
  const std::string id = Deposer("2025-03-01");
  ASSERT_TRUE(Faire<v1::EnregistrerRecoursContentieuxRequest>(
                  &Stub::EnregistrerRecoursContentieux, id,
                  [](auto& a) { a.set_date("2025-03-03"); })
                  .ok());
  const v1::EtatDelais delais = Delais(id);
  EXPECT_EQ(delais.accuse_reception().du(), "2025-03-10");
  EXPECT_EQ(delais.accuse_reception().fait_le(), "");
  EXPECT_EQ(delais.accuse_reception().etat(), v1::ETAT_ECHEANCE_A_VENIR);
  EXPECT_EQ(delais.accuse_reception().jours(), 7);
}

// A closing letter sent from "reçue" is the acknowledgement.
TEST_F(MediationServiceTest, AClosingLetterAcknowledgesTheSaisine) {
  const std::string id = Deposer("2025-03-10");
  ASSERT_TRUE(Faire<v1::CloturerRequest>(&Stub::Cloturer, id, [](auto& a) {
                a.set_issue(v1::ISSUE_CLOTURE_ABANDON);
                a.set_date("2025-03-12");
              }).ok());
  const v1::EtatDelais delais = Delais(id);
  EXPECT_EQ(delais.accuse_reception().fait_le(), "2025-03-12");
  EXPECT_EQ(delais.accuse_reception().etat(), v1::ETAT_ECHEANCE_RESPECTEE);
}

TEST_F(MediationServiceTest, RecoursContentieuxEndsTheMediation) {
  const std::string id = Deposer("2025-03-10", /*avec_decision=*/true);
  ASSERT_TRUE(Faire<v1::DeclarerRecevableRequest>(
                  &Stub::DeclarerRecevable, id,
                  [](auto& a) {
                    a.set_fondement(
                        v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
                    a.set_date_notification("2025-03-12");
                  })
                  .ok());
  ASSERT_TRUE(Faire<v1::EnregistrerRecoursContentieuxRequest>(
                  &Stub::EnregistrerRecoursContentieux, id,
                  [](auto& a) { a.set_date("2025-03-13"); })
                  .ok());
  v1::EtatDelais delais = Delais(id);
  EXPECT_EQ(delais.statut(), v1::STATUT_RECOURS_CONTENTIEUX);
  EXPECT_FALSE(delais.recours().suspendu());
}

TEST_F(MediationServiceTest, BadActsAreRefusedWithTheRightStatus) {
  const std::string id = Deposer("2025-03-10");
  auto recevable = [](auto& a) {
    a.set_fondement(v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
    a.set_date_notification("2025-03-12");
  };
  // A stale version.
  v1::ActeCommun stale = Commun(id);
  stale.set_version_attendue(7);
  EXPECT_EQ(Faire<v1::DeclarerRecevableRequest>(&Stub::DeclarerRecevable, id,
                                                recevable, nullptr,
                                                Role::kMediateur, stale)
                .error_code(),
            grpc::StatusCode::ABORTED);
  // Bad input names the field.
  grpc::Status bad = Faire<v1::DeclarerRecevableRequest>(
      &Stub::DeclarerRecevable, id,
      [](auto& a) { a.set_date_notification("2025-02-30"); });
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("date_notification"));
  // An unknown saisine.
  EXPECT_EQ(Faire<v1::DeclarerRecevableRequest>(&Stub::DeclarerRecevable,
                                                "nope", recevable)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  // The same request id for the same act with another content.
  v1::ActeCommun commun = Commun(id);
  ASSERT_TRUE(Faire<v1::DeclarerRecevableRequest>(&Stub::DeclarerRecevable, id,
                                                  recevable, nullptr,
                                                  Role::kMediateur, commun)
                  .ok());
  grpc::Status reused = Faire<v1::DeclarerRecevableRequest>(
      &Stub::DeclarerRecevable, id,
      [&](auto& a) {
        recevable(a);
        a.set_date_notification("2025-03-14");
      },
      nullptr, Role::kMediateur, commun);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(reused.error_message(), HasSubstr("request_id"));
  EXPECT_EQ(Delais(id).statut(), v1::STATUT_EN_INSTRUCTION);
}

TEST_F(MediationServiceTest, QueueOrderedByUrgency) {
  // Acknowledgements due 10 Mar (4 days late), 12 Mar (2 days late) and
  // 17 Mar (in 3 days).
  const std::string a = Deposer("2025-03-03");
  const std::string c = Deposer("2025-03-10");
  const std::string b = Deposer("2025-03-05");
  v1::ListParUrgenceRequest request;
  v1::ListParUrgenceResponse file;
  ASSERT_TRUE(
      mediation_
          ->ListParUrgence(As(Role::kMediateur, "591").get(), request, &file)
          .ok());
  ASSERT_EQ(file.saisines_size(), 3);
  EXPECT_EQ(file.saisines(0).saisine().saisine_id(), a);
  EXPECT_EQ(file.saisines(0).delais().accuse_reception().etat(),
            v1::ETAT_ECHEANCE_DEPASSEE);
  EXPECT_EQ(file.saisines(0).delais().accuse_reception().jours(), 4);
  EXPECT_EQ(file.saisines(1).saisine().saisine_id(), b);
  EXPECT_EQ(file.saisines(1).delais().accuse_reception().jours(), 2);
  EXPECT_EQ(file.saisines(2).saisine().saisine_id(), c);
  EXPECT_EQ(file.saisines(2).delais().accuse_reception().etat(),
            v1::ETAT_ECHEANCE_A_VENIR);
}

// A caisse's calendar is data: the referential adds a local holiday to 591
// on Monday 17 March 2025. Received Monday 10 March, its acknowledgement,
// due on the 17th, runs to Tuesday 18 March there (weekdays: date(1)).
class CalendrierLocalTest : public MediationServiceTest {
 protected:
  const CaisseReferentiel& Referentiel() override {
    static const CaisseReferentiel* const kReferentiel = [] {
      absl::StatusOr<CaisseReferentiel> parsed =
          ParseCaisseReferentiel(std::string(kCaisseReferentielParDefaut) +
                                 "\nferie\t591\t2025-03-17\tFête locale\n");
      EXPECT_TRUE(parsed.ok()) << parsed.status();
      return new CaisseReferentiel(*std::move(parsed));
    }();
    return *kReferentiel;
  }
};

TEST_F(CalendrierLocalTest, ALocalHolidayFromTheReferentialMovesDeadlines) {
  const std::string id = Deposer("2025-03-10");
  const v1::EtatDelais delais = Delais(id);
  EXPECT_EQ(delais.accuse_reception().du(), "2025-03-18");
  EXPECT_EQ(delais.objectif_cloture().du(), "2025-03-31");
  // The queue is ordered by the same calendar.
  v1::ListParUrgenceRequest request;
  v1::ListParUrgenceResponse file;
  ASSERT_TRUE(
      mediation_
          ->ListParUrgence(As(Role::kMediateur, "591").get(), request, &file)
          .ok());
  ASSERT_EQ(file.saisines_size(), 1);
  EXPECT_EQ(file.saisines(0).delais().prochaine_echeance(), "2025-03-18");
}

}  // namespace
}  // namespace mediation
