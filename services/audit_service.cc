#include "services/audit_service.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "domain/dates.h"
#include "domain/nir.h"
#include "mediation/v1/events.pb.h"
#include "security/authorization.h"
#include "services/delais_mapping.h"
#include "services/handler_util.h"
#include "services/journal_follower.h"
#include "services/saisine_mapping.h"
#include "storage/saisine_projection.h"

namespace mediation {
namespace {

// A saisine's history is tens of events; this bounds a corrupt stream.
constexpr size_t kMaxHistoryEvents = 100000;
constexpr int kDefaultConsultations = 100;
constexpr int kMaxConsultations = 1000;

absl::flat_hash_set<std::string> EventTypeNames() {
  absl::flat_hash_set<std::string> names;
  const google::protobuf::OneofDescriptor* payload =
      v1::EventRecord::descriptor()->FindOneofByName("payload");
  for (int i = 0; i < payload->field_count(); ++i) {
    names.insert(payload->field(i)->message_type()->name());
  }
  return names;
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("no saisine with id '", id, "'"));
}

}  // namespace

absl::StatusOr<std::vector<RecordedEvent>> AuditServiceImpl::LireHistorique(
    const grpc::CallbackServerContext& context,
    const v1::GetHistoriqueRequest& request, Principal* principal_out,
    std::optional<Consultation>* trace) const {
  ASSIGN_OR_RETURN(Principal principal, Admettre(request, *deps_.authenticator,
                                                 context, rpc::kGetHistorique));
  *principal_out = principal;
  const std::string& id = request.saisine_id();
  RETURN_IF_ERROR(CheckIdentifier(id, "saisine_id"));
  ASSIGN_OR_RETURN(std::vector<RecordedEvent> events,
                   deps_.store->ReadStream(id, 1, kMaxHistoryEvents));
  if (events.empty()) return NotFound(id);
  const auto* recue = std::get_if<SaisineRecue>(&events.front().event);
  if (recue == nullptr) {
    return absl::DataLossError("a saisine's first event is not SaisineRecue");
  }
  RETURN_IF_ERROR(CheckCaisse(principal, recue->caisse));
  *trace = ConsultationDe(deps_, principal, rpc::kGetHistorique, {id});
  for (RecordedEvent& event : events) {
    event = VuePour(principal, std::move(event));
  }
  return events;
}

grpc::ServerUnaryReactor* AuditServiceImpl::GetHistorique(
    grpc::CallbackServerContext* context,
    const v1::GetHistoriqueRequest* request,
    v1::GetHistoriqueResponse* response) {
  Principal principal;
  std::optional<Consultation> trace;
  absl::StatusOr<std::vector<RecordedEvent>> events =
      LireHistorique(*context, *request, &principal, &trace);
  if (events.ok()) {
    response->set_saisine_id(request->saisine_id());
    const std::string& caisse =
        std::get<SaisineRecue>(events->front().event).caisse;
    for (const RecordedEvent& event : *events) {
      EvenementToApi(event, caisse, response->add_evenements());
    }
  }
  return FinishTraced(deps_, context, events.status(), std::move(trace),
                      response);
}

absl::StatusOr<std::vector<Consultation>> AuditServiceImpl::LireConsultations(
    const grpc::CallbackServerContext& context,
    const v1::ListConsultationsRequest& request) const {
  ASSIGN_OR_RETURN(Principal principal,
                   Admettre(request, *deps_.authenticator, context,
                            rpc::kListConsultations));
  const int page_size =
      request.page_size() == 0 ? kDefaultConsultations : request.page_size();
  if (page_size < 0 || page_size > kMaxConsultations) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: 1 to ", kMaxConsultations));
  }
  if (!request.nir().empty()) {
    return RecherchesParNir(principal, request, page_size + 1);
  }
  const std::string& id = request.saisine_id();
  RETURN_IF_ERROR(CheckIdentifier(id, "saisine_id"));
  absl::StatusOr<SaisineRecord> record = GetSaisine(*deps_.projections, id);
  if (absl::IsNotFound(record.status())) return NotFound(id);
  RETURN_IF_ERROR(record.status());
  RETURN_IF_ERROR(CheckCaisse(principal, record->state.recue.caisse));
  // One more than the page tells where the next one starts.
  return deps_.journal->ConsultationsOf(id, request.depuis_sequence(),
                                        page_size + 1);
}

absl::StatusOr<std::vector<Consultation>> AuditServiceImpl::RecherchesParNir(
    const Principal& principal, const v1::ListConsultationsRequest& request,
    size_t max_count) const {
  if (!request.saisine_id().empty()) {
    return absl::InvalidArgumentError(
        "saisine_id: give a saisine_id or a nir, not both");
  }
  ASSIGN_OR_RETURN(std::string nir, NormaliserNir(request.nir(), "nir"));
  std::string caisse = request.caisse();
  if (caisse.empty() && principal.caisse != kToutesCaisses) {
    caisse = principal.caisse;
  }
  if (caisse.empty()) {
    return absl::InvalidArgumentError("caisse: required with nir");
  }
  RETURN_IF_ERROR(CheckCaisseConnue(deps_, caisse, "caisse"));
  RETURN_IF_ERROR(CheckCaisse(principal, caisse));
  return deps_.journal->RecherchesDuRequerant(
      caisse, deps_.nir_index_key->Digest(nir), request.depuis_sequence(),
      max_count);
}

grpc::ServerUnaryReactor* AuditServiceImpl::ListConsultations(
    grpc::CallbackServerContext* context,
    const v1::ListConsultationsRequest* request,
    v1::ListConsultationsResponse* response) {
  absl::StatusOr<std::vector<Consultation>> consultations =
      LireConsultations(*context, *request);
  if (consultations.ok()) {
    const size_t page_size = request->page_size() == 0 ? kDefaultConsultations
                                                       : request->page_size();
    if (consultations->size() > page_size) {
      response->set_sequence_suivante(consultations->back().sequence);
      consultations->pop_back();
    }
    for (const Consultation& c : *consultations) {
      v1::Consultation* out = response->add_consultations();
      out->set_sequence(c.sequence);
      *out->mutable_consultee_le() = ToTimestamp(c.at);
      out->set_acteur(c.acteur);
      out->set_rpc(c.rpc);
      out->set_recherche_par_nir(!c.requerant.empty());
      for (const std::string& saisine : c.saisine_ids) {
        out->add_saisine_ids(saisine);
      }
    }
  }
  return Finish(context, consultations.status());
}

absl::Status AuditServiceImpl::Rejouer(
    const grpc::CallbackServerContext& context,
    const v1::RejouerAuPointRequest& request,
    v1::RejouerAuPointResponse* response,
    std::optional<Consultation>* trace) const {
  ASSIGN_OR_RETURN(
      Principal principal,
      Admettre(request, *deps_.authenticator, context, rpc::kRejouerAuPoint));
  const std::string& id = request.saisine_id();
  RETURN_IF_ERROR(CheckIdentifier(id, "saisine_id"));
  if (request.point_case() == v1::RejouerAuPointRequest::POINT_NOT_SET) {
    return absl::InvalidArgumentError(
        "point: connu_le, position or date_effet required");
  }
  std::optional<absl::CivilDay> jour;
  if (request.point_case() == v1::RejouerAuPointRequest::kDateEffet) {
    ASSIGN_OR_RETURN(jour, ParseDate(request.date_effet(), "date_effet"));
  }
  const bool by_time = request.has_connu_le();
  const absl::Time time = absl::FromUnixSeconds(request.connu_le().seconds()) +
                          absl::Nanoseconds(request.connu_le().nanos());
  ASSIGN_OR_RETURN(std::vector<RecordedEvent> log,
                   deps_.store->ReadStream(id, 1, kMaxHistoryEvents));
  if (log.empty()) return NotFound(id);
  const std::string caisse = std::get<SaisineRecue>(log.front().event).caisse;
  RETURN_IF_ERROR(CheckCaisse(principal, caisse));
  std::vector<SaisineEvent> known;
  const RecordedEvent* last = nullptr;
  for (const RecordedEvent& event : log) {
    if (jour.has_value()) {
      // Facts recorded later but dated earlier belong to that day.
      if (event.metadata.effective_date > *jour) continue;
    } else if (by_time ? event.metadata.recorded_at > time
                       : event.metadata.global_position > request.position()) {
      break;
    }
    known.push_back(event.event);
    last = &event;
  }
  if (last == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("saisine '", id, "' was not yet registered then"));
  }
  SaisineRecord record{
      id, {}, log.front().metadata.recorded_at, last->metadata.recorded_at};
  ASSIGN_OR_RETURN(record.state, Replay(known));
  *trace = ConsultationDe(deps_, principal, rpc::kRejouerAuPoint, {id});
  const absl::Time point = by_time ? time : last->metadata.recorded_at;
  SaisineToApi(VuePour(principal, record), response->mutable_saisine());
  EtatDelaisToApi(record, CalendrierDe(*deps_.caisses, caisse),
                  jour.value_or(DayAt(deps_, caisse, point)),
                  response->mutable_delais());
  response->set_derniere_position(last->metadata.global_position);
  response->mutable_connu_le()->set_seconds(absl::ToUnixSeconds(point));
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* AuditServiceImpl::RejouerAuPoint(
    grpc::CallbackServerContext* context,
    const v1::RejouerAuPointRequest* request,
    v1::RejouerAuPointResponse* response) {
  std::optional<Consultation> trace;
  absl::Status status = Rejouer(*context, *request, response, &trace);
  return FinishTraced(deps_, context, status, std::move(trace), response);
}

absl::Status AuditServiceImpl::Verifier(
    const grpc::CallbackServerContext& context,
    const v1::VerifierIntegriteRequest& request,
    v1::VerifierIntegriteResponse* response) const {
  ASSIGN_OR_RETURN(Principal principal,
                   Admettre(request, *deps_.authenticator, context,
                            rpc::kVerifierIntegrite));
  const std::string& id = request.saisine_id();
  if (id.empty()) {
    if (principal.caisse != kToutesCaisses) {
      return absl::PermissionDeniedError(
          "the whole log: principals of every caisse only");
    }
  } else {
    RETURN_IF_ERROR(CheckIdentifier(id, "saisine_id"));
    ASSIGN_OR_RETURN(SaisineRecord record, GetSaisine(*deps_.projections, id));
    RETURN_IF_ERROR(CheckCaisse(principal, record.state.recue.caisse));
  }
  // The whole log is read end to end: one such check at a time.
  const std::optional<ConcurrencyLimit::Slot> slot =
      id.empty() ? verifications_du_journal_.TryAcquire() : std::nullopt;
  if (id.empty() && !slot.has_value()) {
    return absl::ResourceExhaustedError(
        "a check of the whole log is already running; retry once it is done");
  }
  ASSIGN_OR_RETURN(IntegrityReport report,
                   deps_.integrity->VerifyIntegrity(id));
  RapportToApi(report, response);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* AuditServiceImpl::VerifierIntegrite(
    grpc::CallbackServerContext* context,
    const v1::VerifierIntegriteRequest* request,
    v1::VerifierIntegriteResponse* response) {
  return Finish(context, Verifier(*context, *request, response));
}

absl::StatusOr<FiltreJournal> AuditServiceImpl::Abonnement(
    const grpc::CallbackServerContext& context,
    const v1::SouscrireJournalRequest& request, Principal* principal) const {
  ASSIGN_OR_RETURN(*principal, Admettre(request, *deps_.authenticator, context,
                                        rpc::kSouscrireJournal));
  std::string caisse = request.caisse();
  if (caisse.empty() && principal->caisse != kToutesCaisses) {
    caisse = principal->caisse;
  }
  if (!caisse.empty()) RETURN_IF_ERROR(CheckCaisse(*principal, caisse));
  const absl::flat_hash_set<std::string> known_types = EventTypeNames();
  absl::flat_hash_set<std::string> types;
  for (const std::string& type : request.types()) {
    if (!known_types.contains(type)) {
      return absl::InvalidArgumentError(
          absl::StrCat("types: unknown event type '", type, "'"));
    }
    types.insert(type);
  }
  return FiltreJournal(
      [caisse, types](const RecordedEvent& event, const std::string& of) {
        return (caisse.empty() || of == caisse) &&
               (types.empty() || types.contains(EventTypeName(event.event)));
      });
}

grpc::ServerWriteReactor<v1::SouscrireJournalResponse>*
AuditServiceImpl::SouscrireJournal(grpc::CallbackServerContext* context,
                                   const v1::SouscrireJournalRequest* request) {
  Principal principal;
  absl::StatusOr<FiltreJournal> filtre =
      Abonnement(*context, *request, &principal);
  if (!filtre.ok()) {
    return RefuserFlux<v1::SouscrireJournalResponse>(filtre.status());
  }
  return Suivre<v1::SouscrireJournalResponse>(
      deps_, principal, rpc::kSouscrireJournal, request->depuis_position(),
      request->jusqu_a_la_fin(), *std::move(filtre));
}

}  // namespace mediation
