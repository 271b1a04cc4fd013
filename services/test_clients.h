// Clients of the services for the in-process tests: the generated stubs,
// with each Get answering its resource, every act a ReponseActe, the
// transmissions the deposit's types (same fields), and the streams a reader
// of events, so that a test reads as its assertions do.
#ifndef MEDIATION_SERVICES_TEST_CLIENTS_H_
#define MEDIATION_SERVICES_TEST_CLIENTS_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/audit.grpc.pb.h"
#include "mediation/v1/cra.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "mediation/v1/national.grpc.pb.h"
#include "services/acte_mapping.h"

namespace mediation::testing {

// What every act answers.
class ReponseActe {
 public:
  const std::string& saisine_id() const { return saisine_id_; }
  uint64_t version() const { return version_; }
  bool rejoue() const { return rejoue_; }
  template <typename Response>
  void De(const Response& r) {
    saisine_id_ = r.saisine_id();
    version_ = r.version();
    rejoue_ = r.rejoue();
  }

 private:
  std::string saisine_id_;
  uint64_t version_ = 0;
  bool rejoue_ = false;
};

// `message` as a message with the same fields.
template <typename To>
To Comme(const google::protobuf::Message& message) {
  To to;
  EXPECT_TRUE(to.ParseFromString(message.SerializeAsString()));
  return to;
}

// The registration data of a deposit, as a rectification carries them.
inline v1::DonneesSaisine DonneesDe(const v1::DeposerSaisineRequest& d) {
  v1::DonneesSaisine donnees;
  CopierDonnees(d, &donnees);
  return donnees;
}

// A stream whose responses each carry one `evenement`.
template <typename Response>
class LecteurEvenements {
 public:
  explicit LecteurEvenements(std::unique_ptr<grpc::ClientReader<Response>> r)
      : reader_(std::move(r)) {}
  bool Read(v1::Evenement* event) {
    Response response;
    if (!reader_->Read(&response)) return false;
    *event = response.evenement();
    return true;
  }
  grpc::Status Finish() { return reader_->Finish(); }

 private:
  std::unique_ptr<grpc::ClientReader<Response>> reader_;
};

#define MEDIATION_TEST_ACTE(Method)                                         \
  grpc::Status Method(grpc::ClientContext* c, const v1::Method##Request& q, \
                      ReponseActe* r) {                                     \
    v1::Method##Response p;                                                 \
    grpc::Status s = stub_->Method(c, q, &p);                               \
    r->De(p);                                                               \
    return s;                                                               \
  }
#define MEDIATION_TEST_GET(Method, Resource, field)                         \
  grpc::Status Method(grpc::ClientContext* c, const v1::Method##Request& q, \
                      v1::Resource* r) {                                    \
    v1::Method##Response p;                                                 \
    grpc::Status s = stub_->Method(c, q, &p);                               \
    *r = p.field();                                                         \
    return s;                                                               \
  }
#define MEDIATION_TEST_CALL(Method, Request, Response)              \
  grpc::Status Method(grpc::ClientContext* c, const v1::Request& q, \
                      v1::Response* r) {                            \
    return stub_->Method(c, q, r);                                  \
  }

class AccueilClient {
 public:
  explicit AccueilClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(v1::AccueilService::NewStub(channel)) {}
  MEDIATION_TEST_CALL(DeposerSaisine, DeposerSaisineRequest,
                      DeposerSaisineResponse)
  MEDIATION_TEST_GET(GetSaisine, Saisine, saisine)
  MEDIATION_TEST_CALL(ListSaisines, ListSaisinesRequest, ListSaisinesResponse)

 private:
  std::unique_ptr<v1::AccueilService::Stub> stub_;
};

class MediationClient {
 public:
  explicit MediationClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(v1::MediationService::NewStub(channel)) {}
  MEDIATION_TEST_ACTE(DeclarerRecevable)
  MEDIATION_TEST_ACTE(DeclarerIrrecevable)
  MEDIATION_TEST_ACTE(Orienter)
  MEDIATION_TEST_ACTE(ConsignerEchange)
  MEDIATION_TEST_ACTE(RectifierDonnees)
  MEDIATION_TEST_ACTE(EmettreRecommandation)
  MEDIATION_TEST_ACTE(DeciderEquite)
  MEDIATION_TEST_ACTE(CommuniquerConclusions)
  MEDIATION_TEST_ACTE(EnregistrerRecoursContentieux)
  MEDIATION_TEST_ACTE(Cloturer)
  MEDIATION_TEST_GET(GetEcheances, EtatDelais, delais)
  MEDIATION_TEST_CALL(ListParUrgence, ListParUrgenceRequest,
                      ListParUrgenceResponse)
  MEDIATION_TEST_CALL(ListSaisinesDuRequerant, ListSaisinesDuRequerantRequest,
                      ListSaisinesDuRequerantResponse)
  MEDIATION_TEST_ACTE(ConfirmerPriseEnCharge)
  MEDIATION_TEST_CALL(ListOrientationsAConfirmer,
                      ListOrientationsAConfirmerRequest,
                      ListOrientationsAConfirmerResponse)
  MEDIATION_TEST_ACTE(ConvoquerProfessionnel)
  MEDIATION_TEST_ACTE(ConsignerConciliation)

 private:
  std::unique_ptr<v1::MediationService::Stub> stub_;
};

class CraClient {
 public:
  explicit CraClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(v1::CraService::NewStub(channel)) {}
  grpc::Status TransmettreDossier(grpc::ClientContext* c,
                                  const v1::DeposerSaisineRequest& q,
                                  v1::DeposerSaisineResponse* r) {
    v1::TransmettreDossierResponse p;
    grpc::Status s = stub_->TransmettreDossier(
        c, Comme<v1::TransmettreDossierRequest>(q), &p);
    *r = Comme<v1::DeposerSaisineResponse>(p);
    return s;
  }
  MEDIATION_TEST_ACTE(DeclarerRecoursPrealable)
  MEDIATION_TEST_CALL(ConsulterSuspension, ConsulterSuspensionRequest,
                      ConsulterSuspensionResponse)
  MEDIATION_TEST_ACTE(EnregistrerMaintienOuDesistement)
  MEDIATION_TEST_ACTE(EnregistrerDecisionCra)
  std::unique_ptr<LecteurEvenements<v1::SuivreSaisinesResponse>> SuivreSaisines(
      grpc::ClientContext* c, const v1::SuivreSaisinesRequest& q) {
    return std::make_unique<LecteurEvenements<v1::SuivreSaisinesResponse>>(
        stub_->SuivreSaisines(c, q));
  }

 private:
  std::unique_ptr<v1::CraService::Stub> stub_;
};

class NationalClient {
 public:
  explicit NationalClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(v1::NationalService::NewStub(channel)) {}
  MEDIATION_TEST_CALL(ListSaisinesNationales, ListSaisinesNationalesRequest,
                      ListSaisinesNationalesResponse)
  MEDIATION_TEST_GET(GetStatistiques, Statistiques, statistiques)
  grpc::Status TransmettreSaisine(grpc::ClientContext* c,
                                  const v1::DeposerSaisineRequest& q,
                                  v1::DeposerSaisineResponse* r) {
    v1::TransmettreSaisineResponse p;
    grpc::Status s = stub_->TransmettreSaisine(
        c, Comme<v1::TransmettreSaisineRequest>(q), &p);
    *r = Comme<v1::DeposerSaisineResponse>(p);
    return s;
  }
  MEDIATION_TEST_ACTE(EmettreRecommandationNationale)

 private:
  std::unique_ptr<v1::NationalService::Stub> stub_;
};

class AuditClient {
 public:
  explicit AuditClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(v1::AuditService::NewStub(channel)) {}
  MEDIATION_TEST_CALL(GetHistorique, GetHistoriqueRequest,
                      GetHistoriqueResponse)
  MEDIATION_TEST_CALL(ListConsultations, ListConsultationsRequest,
                      ListConsultationsResponse)
  MEDIATION_TEST_CALL(RejouerAuPoint, RejouerAuPointRequest,
                      RejouerAuPointResponse)
  MEDIATION_TEST_CALL(VerifierIntegrite, VerifierIntegriteRequest,
                      VerifierIntegriteResponse)
  std::unique_ptr<LecteurEvenements<v1::SouscrireJournalResponse>>
  SouscrireJournal(grpc::ClientContext* c,
                   const v1::SouscrireJournalRequest& q) {
    return std::make_unique<LecteurEvenements<v1::SouscrireJournalResponse>>(
        stub_->SouscrireJournal(c, q));
  }

 private:
  std::unique_ptr<v1::AuditService::Stub> stub_;
};

#undef MEDIATION_TEST_ACTE
#undef MEDIATION_TEST_GET
#undef MEDIATION_TEST_CALL

}  // namespace mediation::testing

#endif  // MEDIATION_SERVICES_TEST_CLIENTS_H_
