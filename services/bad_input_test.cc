// Every RPC refuses bad input with INVALID_ARGUMENT whose details carry a
// google.rpc.BadRequest naming each faulty field (AIP-193), and stores
// nothing.
#include <functional>
#include <map>
#include <set>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "security/authorization.h"
#include "services/service_test_fixture.h"

namespace mediation {
namespace {

using Fields = std::set<std::string>;

// The fields a refusal's BadRequest names.
Fields FieldsOf(const grpc::Status& status) {
  Fields fields;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return fields;
  for (const google::protobuf::Any& any : details.details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& violation : bad.field_violations()) {
      fields.insert(violation.field());
    }
  }
  return fields;
}

struct BadCall {
  Role role;
  std::function<grpc::Status(grpc::ClientContext*)> call;
  Fields expected;
};

template <typename Reader>
grpc::Status Finished(std::unique_ptr<Reader> reader) {
  v1::Evenement event;
  while (reader->Read(&event)) {
  }
  return reader->Finish();
}

class BadInputTest : public testing::ServiceTest {
 protected:
  // A deposit with a missing request id and two dates that do not parse.
  static v1::DeposerSaisineRequest BadDeposit() {
    v1::DeposerSaisineRequest r = testing::DepotValide("", "591");
    r.set_date_reception("10/03/2025");
    r.mutable_reclamation_prealable()->set_date("2025-02-30");
    return r;
  }
  static const Fields& BadDepositFields() {
    static const Fields* const kFields = new Fields{
        "request_id", "date_reception", "reclamation_prealable.date"};
    return *kFields;
  }
  // The header of an act without request id, on a malformed saisine id.
  static v1::ActeCommun BadCommun() {
    v1::ActeCommun commun;
    commun.set_saisine_id("not an id!");
    return commun;
  }
  template <typename Request>
  static Request BadActe(const std::string& date_field) {
    Request request;
    *request.mutable_commun() = BadCommun();
    const auto* field =
        request.acte().GetDescriptor()->FindFieldByName(date_field);
    request.mutable_acte()->GetReflection()->SetString(request.mutable_acte(),
                                                       field, "2025-13-01");
    return request;
  }
  static Fields ActeFields(const std::string& date_field) {
    return {"commun.request_id", "commun.saisine_id", "acte." + date_field};
  }

  std::map<std::string, BadCall> Calls();
  std::map<std::string, BadCall> Depots();
  std::map<std::string, BadCall> Lectures();
  std::map<std::string, BadCall> Actes();
  std::map<std::string, BadCall> Autres();
};

#define ACTE(Client, Method, RoleName, date)                                  \
  {                                                                           \
    rpc::k##Method, {                                                         \
      Role::RoleName,                                                         \
          [this](grpc::ClientContext* c) {                                    \
            testing::ReponseActe r;                                           \
            return Client->Method(c, BadActe<v1::Method##Request>(date), &r); \
          },                                                                  \
          ActeFields(date)                                                    \
    }                                                                         \
  }

std::map<std::string, BadCall> BadInputTest::Calls() {
  std::map<std::string, BadCall> calls = Depots();
  for (auto group : {Lectures(), Actes(), Autres()}) calls.merge(group);
  // Fields left empty that the act requires are named too.
  calls[rpc::kDeclarerRecoursPrealable].expected.insert("acte.date");
  calls[rpc::kRectifierDonnees].expected.insert("acte.corrigee.date_reception");
  return calls;
}

std::map<std::string, BadCall> BadInputTest::Depots() {
  return {
      {rpc::kDeposerSaisine,
       {Role::kAccueil,
        [this](grpc::ClientContext* c) {
          v1::DeposerSaisineResponse r;
          return accueil_->DeposerSaisine(c, BadDeposit(), &r);
        },
        BadDepositFields()}},
      {rpc::kTransmettreSaisine,
       {Role::kNational,
        [this](grpc::ClientContext* c) {
          v1::DeposerSaisineResponse r;
          return national_->TransmettreSaisine(c, BadDeposit(), &r);
        },
        BadDepositFields()}},
      {rpc::kTransmettreDossier,
       {Role::kCra,
        [this](grpc::ClientContext* c) {
          v1::DeposerSaisineResponse r;
          return cra_->TransmettreDossier(c, BadDeposit(), &r);
        },
        BadDepositFields()}},
      {rpc::kGetSaisine,
       {Role::kMediateur,
        [this](grpc::ClientContext* c) {
          v1::Saisine r;
          return accueil_->GetSaisine(c, v1::GetSaisineRequest(), &r);
        },
        {"saisine_id"}}},
      {rpc::kListSaisines,
       {Role::kMediateur,
        [this](grpc::ClientContext* c) {
          v1::ListSaisinesRequest q;
          q.set_page_size(-1);
          v1::ListSaisinesResponse r;
          return accueil_->ListSaisines(c, q, &r);
        },
        {"page_size"}}},
  };
}

std::map<std::string, BadCall> BadInputTest::Lectures() {
  return {
      {rpc::kGetHistorique,
       {Role::kAuditeur,
        [this](grpc::ClientContext* c) {
          v1::GetHistoriqueResponse r;
          return audit_->GetHistorique(c, v1::GetHistoriqueRequest(), &r);
        },
        {"saisine_id"}}},
      {rpc::kListConsultations,
       {Role::kAuditeur,
        [this](grpc::ClientContext* c) {
          v1::ListConsultationsResponse r;
          return audit_->ListConsultations(c, v1::ListConsultationsRequest(),
                                           &r);
        },
        {"saisine_id"}}},
      {rpc::kRejouerAuPoint,
       {Role::kAuditeur,
        [this](grpc::ClientContext* c) {
          v1::RejouerAuPointRequest q;
          q.set_saisine_id("id-1");
          v1::RejouerAuPointResponse r;
          return audit_->RejouerAuPoint(c, q, &r);
        },
        {"point"}}},
      {rpc::kVerifierIntegrite,
       {Role::kAuditeur,
        [this](grpc::ClientContext* c) {
          v1::VerifierIntegriteRequest q;
          q.set_saisine_id("not an id!");
          v1::VerifierIntegriteResponse r;
          return audit_->VerifierIntegrite(c, q, &r);
        },
        {"saisine_id"}}},
      {rpc::kSouscrireJournal,
       {Role::kAuditeur,
        [this](grpc::ClientContext* c) {
          v1::SouscrireJournalRequest q;
          q.add_types("SaisinePerdue");
          return Finished(audit_->SouscrireJournal(c, q));
        },
        {"types"}}},
  };
}

std::map<std::string, BadCall> BadInputTest::Actes() {
  return {
      ACTE(mediation_, DeclarerRecevable, kMediateur, "date_notification"),
      ACTE(mediation_, DeclarerIrrecevable, kMediateur, "date_notification"),
      ACTE(mediation_, Orienter, kMediateur, "date"),
      ACTE(mediation_, ConsignerEchange, kMediateur, "date"),
      ACTE(mediation_, RectifierDonnees, kMediateur, "date"),
      ACTE(mediation_, EmettreRecommandation, kMediateur, "date"),
      ACTE(mediation_, DeciderEquite, kDirection, "date"),
      ACTE(mediation_, CommuniquerConclusions, kMediateur, "date"),
      ACTE(mediation_, EnregistrerRecoursContentieux, kMediateur, "date"),
      ACTE(mediation_, Cloturer, kMediateur, "date"),
      ACTE(national_, EmettreRecommandationNationale, kNational, "date"),
      ACTE(cra_, DeclarerRecoursPrealable, kCra, "date_saisine_cra"),
      ACTE(cra_, EnregistrerMaintienOuDesistement, kCra, "date"),
      ACTE(cra_, EnregistrerDecisionCra, kCra, "date"),
      ACTE(mediation_, ConfirmerPriseEnCharge, kMediateur, "date"),
      {rpc::kConvoquerProfessionnel,
       {Role::kMediateur,
        [this](grpc::ClientContext* c) {
          v1::ConvoquerProfessionnelRequest q =
              BadActe<v1::ConvoquerProfessionnelRequest>("date_reunion");
          q.mutable_acte()->set_date("2025-03-12");
          testing::ReponseActe r;
          return mediation_->ConvoquerProfessionnel(c, q, &r);
        },
        ActeFields("date_reunion")}},
      ACTE(mediation_, ConsignerConciliation, kMediateur, "date"),
      {rpc::kListOrientationsAConfirmer,
       {Role::kMediateur,
        [this](grpc::ClientContext* c) {
          v1::ListOrientationsAConfirmerRequest q;
          q.set_page_token("forged");
          v1::ListOrientationsAConfirmerResponse r;
          return mediation_->ListOrientationsAConfirmer(c, q, &r);
        },
        {"page_token"}}},
      {rpc::kGetEcheances,
       {Role::kMediateur,
        [this](grpc::ClientContext* c) {
          v1::EtatDelais r;
          return mediation_->GetEcheances(c, v1::GetEcheancesRequest(), &r);
        },
        {"saisine_id"}}},
      {rpc::kListParUrgence,
       {Role::kMediateur,
        [this](grpc::ClientContext* c) {
          v1::ListParUrgenceRequest q;
          q.set_page_token("forged");
          v1::ListParUrgenceResponse r;
          return mediation_->ListParUrgence(c, q, &r);
        },
        {"page_token"}}},
      {rpc::kListSaisinesDuRequerant,
       {Role::kMediateur,
        [this](grpc::ClientContext* c) {
          v1::ListSaisinesDuRequerantRequest q;
          q.set_nir("269054958815781");  // Wrong key.
          q.set_caisse("999");
          v1::ListSaisinesDuRequerantResponse r;
          return mediation_->ListSaisinesDuRequerant(c, q, &r);
        },
        {"nir", "caisse"}}},
  };
}

std::map<std::string, BadCall> BadInputTest::Autres() {
  return {
      {rpc::kListSaisinesNationales,
       {Role::kNational,
        [this](grpc::ClientContext* c) {
          v1::ListSaisinesNationalesRequest q;
          q.set_processus(static_cast<v1::Processus>(99));
          v1::ListSaisinesNationalesResponse r;
          return national_->ListSaisinesNationales(c, q, &r);
        },
        {"processus"}}},
      {rpc::kGetStatistiques,
       {Role::kNational,
        [this](grpc::ClientContext* c) {
          v1::GetStatistiquesRequest q;
          q.set_national(true);
          q.set_depuis("2024-13");
          q.set_jusqu_au("2024-12");
          v1::Statistiques r;
          return national_->GetStatistiques(c, q, &r);
        },
        {"depuis"}}},
      {rpc::kConsulterSuspension,
       {Role::kCra,
        [this](grpc::ClientContext* c) {
          v1::ConsulterSuspensionRequest q;
          q.mutable_par_requerant()->set_nir("269054958815781");
          v1::ConsulterSuspensionResponse r;
          return cra_->ConsulterSuspension(c, q, &r);
        },
        {"par_requerant.nir"}}},
      {rpc::kSuivreSaisinesCra,
       {Role::kCra,
        [this](grpc::ClientContext* c) {
          v1::SuivreSaisinesRequest q;
          q.set_caisse("999");
          return Finished(cra_->SuivreSaisines(c, q));
        },
        {"caisse"}}},
      {rpc::kSauvegarder,
       {Role::kOperateur,
        [this](grpc::ClientContext* c) {
          v1::SauvegarderRequest q;
          q.set_nom("../ailleurs");
          v1::SauvegarderResponse r;
          return administration_->Sauvegarder(c, q, &r);
        },
        {"nom"}}},
      {rpc::kAncrerJournal,
       {Role::kOperateur,
        [this](grpc::ClientContext* c) {
          v1::AncrerJournalRequest q;
          q.set_motif(std::string(201, 'x'));
          v1::AncrerJournalResponse r;
          return administration_->AncrerJournal(c, q, &r);
        },
        {"motif"}}},
  };
}

TEST_F(BadInputTest, EveryRpcNamesEachFaultyFieldAndStoresNothing) {
  std::set<std::string> covered;
  for (const auto& [method, bad] : Calls()) {
    covered.insert(method);
    const std::string caisse = bad.role == Role::kNational ||
                                       bad.role == Role::kAuditeur ||
                                       bad.role == Role::kOperateur
                                   ? "*"
                                   : "591";
    const uint64_t before = store_->events().LastPosition();
    grpc::Status status = bad.call(As(bad.role, caisse).get());
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method << ": " << status.error_message();
    EXPECT_EQ(FieldsOf(status), bad.expected)
        << method << ": " << status.error_message();
    EXPECT_EQ(store_->events().LastPosition(), before) << method;
  }
  std::set<std::string> served;
  for (const RpcPermission& permission : RpcPermissions()) {
    served.insert(permission.method);
  }
  EXPECT_EQ(covered, served);
}

// Sends `bytes` as the request of `method` and returns the call's status:
// any method, unary or streaming, since on the wire each is one message.
grpc::Status RawCall(const std::shared_ptr<grpc::Channel>& channel,
                     grpc::ClientContext* context, const std::string& method,
                     const std::string& bytes) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  void* tag;
  bool ok;
  auto step = [&](int n) {
    EXPECT_TRUE(cq.Next(&tag, &ok));
    EXPECT_EQ(tag, reinterpret_cast<void*>(n));
  };
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(context, method, &cq);
  call->StartCall(reinterpret_cast<void*>(1));
  step(1);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  call->WriteLast(request, grpc::WriteOptions(), reinterpret_cast<void*>(2));
  step(2);
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  step(3);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  step(4);
  return status;
}

// Bytes that do not parse reach no handler: each RPC answers
// INVALID_ARGUMENT naming the field where they went wrong (never gRPC's
// bare UNIMPLEMENTED), to a caller it authenticates, and stores nothing.
TEST_F(BadInputTest, EveryRpcNamesTheFieldOfBytesThatDoNotParse) {
  // Field 1, length-delimited, announcing 5 bytes and giving none.
  const std::string truncated("\x0a\x05", 2);
  for (const RpcPermission& permission : RpcPermissions()) {
    const std::string& method = permission.method;
    std::string full_name = method.substr(1);
    full_name[full_name.find('/')] = '.';
    const google::protobuf::MethodDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
            full_name);
    ASSERT_NE(descriptor, nullptr) << method;
    const google::protobuf::FieldDescriptor* first =
        descriptor->input_type()->FindFieldByNumber(1);
    const std::string field = first != nullptr ? first->name() : "#1";
    const Role role = *permission.roles.begin();
    const bool national = role == Role::kNational || role == Role::kAuditeur ||
                          role == Role::kOperateur;
    const uint64_t before = store_->events().LastPosition();
    grpc::Status status = RawCall(
        channel_, As(role, national ? "*" : "591").get(), method, truncated);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method << ": " << status.error_message();
    EXPECT_EQ(FieldsOf(status), Fields{field})
        << method << ": " << status.error_message();
    EXPECT_EQ(store_->events().LastPosition(), before) << method;
  }
}

// Unauthenticated, unreadable bytes are refused as unauthenticated: nothing
// is said about a request to a caller the service does not know.
TEST_F(BadInputTest, UnreadableBytesFromAnUnknownCallerAreUnauthenticated) {
  grpc::ClientContext context;
  grpc::Status status = RawCall(channel_, &context, rpc::kDeposerSaisine,
                                "\x0a\x05"
                                "ab");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace mediation
