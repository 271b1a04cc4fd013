#include "services/handler_util.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "base/violations.h"
#include "domain/echeances.h"
#include "domain/personal_data.h"
#include "proto/wire/request_parsing.h"
#include "security/authorization.h"
#include "services/call_facts.h"

namespace mediation {

absl::StatusOr<std::vector<PeriodeSuspension>> SuspensionsDeLaDecision(
    const Dependencies& deps, const SaisineRecue& recue,
    absl::string_view saisine_id) {
  std::vector<PeriodeSuspension> periodes;
  if (!recue.decision_contestee.has_value() || recue.requerant.nir.empty()) {
    return periodes;
  }
  ASSIGN_OR_RETURN(std::vector<SaisineRecord> records,
                   ListParRequerant(*deps.projections, *deps.nir_index_key,
                                    recue.caisse, recue.requerant.nir));
  for (const SaisineRecord& record : records) {
    if (record.saisine_id == saisine_id ||
        !MemeDecisionContestee(recue, record.state.recue)) {
      continue;
    }
    periodes.insert(periodes.end(), record.state.suspensions.begin(),
                    record.state.suspensions.end());
  }
  return periodes;
}

absl::StatusOr<Principal> Admettre(const google::protobuf::Message& request,
                                   const Authenticator& authenticator,
                                   const grpc::ServerContextBase& context,
                                   absl::string_view method) {
  ASSIGN_OR_RETURN(Principal principal,
                   Authorize(authenticator, context, method));
  CallFactsRegistry::Global().Note(&context, FactsOf(principal, request));
  RETURN_IF_ERROR(wire::RequeteLisible(request));
  return principal;
}

namespace {
constexpr int32_t kDefaultPageSize = 50;
constexpr int32_t kMaxPageSize = 500;
}  // namespace

void GarderPerimetre(const Principal& principal, absl::string_view rpc,
                     std::vector<SaisineRecord>& records) {
  std::erase_if(records, [&](const SaisineRecord& record) {
    if (principal.Couvre(record.state.recue.caisse)) return false;
    LogError(absl::StrCat("scope: ", rpc, " would have returned saisine ",
                          record.saisine_id, " outside the caller's caisse: ",
                          "withheld; the projection's indexes need a rebuild"));
    return true;
  });
}

absl::Status CheckCaisseConnue(const Dependencies& deps,
                               const std::string& caisse,
                               absl::string_view field) {
  if (deps.caisses->Find(caisse) != nullptr) return absl::OkStatus();
  return InvalidField(field, "unknown caisse code");
}

absl::StatusOr<PageDemandee> LirePage(const Dependencies& deps,
                                      absl::string_view method,
                                      const google::protobuf::Message& request,
                                      int32_t page_size,
                                      const std::string& page_token) {
  if (page_size < 0 || page_size > kMaxPageSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: 1 to ", kMaxPageSize));
  }
  PageDemandee page;
  page.taille = page_size == 0 ? kDefaultPageSize : page_size;
  page.liaison = PageBinding(method, request);
  ASSIGN_OR_RETURN(page.curseur,
                   deps.page_tokens->Open(page_token, page.liaison));
  return page;
}

std::string JetonSuivant(const Dependencies& deps, const PageDemandee& page,
                         const std::string& curseur_suivant) {
  return deps.page_tokens->Seal(curseur_suivant, page.liaison);
}

SaisineRecord VuePour(const Principal& principal, SaisineRecord record) {
  if (!principal.VoitDonneesPersonnelles()) {
    MasquerRequerant(record.state.recue.requerant);
  }
  return record;
}

RecordedEvent VuePour(const Principal& principal, RecordedEvent event) {
  if (!principal.VoitDonneesPersonnelles()) MasquerEvenement(event.event);
  return event;
}

std::optional<Consultation> ConsultationDe(
    const Dependencies& deps, const Principal& principal, absl::string_view rpc,
    std::vector<std::string> saisine_ids) {
  if (!principal.VoitDonneesPersonnelles() || saisine_ids.empty()) {
    return std::nullopt;
  }
  Consultation consultation;
  consultation.at = deps.clock->Now();
  consultation.acteur = principal.Acteur();
  consultation.rpc = std::string(rpc);
  consultation.saisine_ids = std::move(saisine_ids);
  return consultation;
}

Consultation ConsultationRecherche(const Dependencies& deps,
                                   const Principal& principal,
                                   absl::string_view rpc,
                                   const std::string& caisse,
                                   const std::string& nir,
                                   std::vector<std::string> saisine_ids) {
  Consultation consultation;
  consultation.at = deps.clock->Now();
  consultation.acteur = principal.Acteur();
  consultation.rpc = std::string(rpc);
  consultation.saisine_ids = std::move(saisine_ids);
  consultation.caisse_recherche = caisse;
  consultation.requerant = deps.nir_index_key->Digest(nir);
  return consultation;
}

grpc::ServerUnaryReactor* FinishTraced(const Dependencies& deps,
                                       grpc::CallbackServerContext* context,
                                       const absl::Status& status,
                                       std::optional<Consultation> trace,
                                       google::protobuf::Message* response) {
  if (!status.ok()) response->Clear();
  if (!status.ok() || !trace.has_value()) return Finish(context, status);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  deps.journal->RecordAsync(
      *std::move(trace),
      [reactor, response](absl::StatusOr<uint64_t> recorded) {
        if (recorded.ok()) {
          reactor->Finish(grpc::Status::OK);
          return;
        }
        response->Clear();
        reactor->Finish(ToGrpcStatus(absl::UnavailableError(
            "the consultation cannot be traced; retry later")));
      });
  return reactor;
}

}  // namespace mediation
