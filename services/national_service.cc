#include "services/national_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "domain/echeances.h"
#include "domain/status_macros.h"
#include "services/authorization.h"
#include "services/depot.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"

namespace mediation {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

using Table = std::map<std::string, int64_t>;

int64_t Total(const TableauStatistiques& t, const char* dimension) {
  auto it = t.par_dimension.find(dimension);
  if (it == t.par_dimension.end()) return 0;
  int64_t total = 0;
  for (const auto& [valeur, count] : it->second) total += count;
  return total;
}

const Table& TableOf(const TableauStatistiques& t, const char* dimension) {
  static const Table* const kEmpty = new Table;
  auto it = t.par_dimension.find(dimension);
  return it == t.par_dimension.end() ? *kEmpty : it->second;
}

double Part(int64_t count, int64_t of) {
  return of == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(of);
}

// Lines of a table; enum values by their name in `names`.
void Lignes(const Table& table, int64_t of,
            const google::protobuf::EnumDescriptor* names,
            google::protobuf::RepeatedPtrField<v1::Compte>* out) {
  for (const auto& [valeur, count] : table) {
    if (count == 0) continue;
    v1::Compte* line = out->Add();
    const google::protobuf::EnumValueDescriptor* named = nullptr;
    int number = 0;
    if (names != nullptr && absl::SimpleAtoi(valeur, &number)) {
      named = names->FindValueByNumber(number);
    }
    line->set_cle(named != nullptr ? named->name() : valeur);
    line->set_nombre(count);
    line->set_part(Part(count, of));
  }
}

int Mediane(const Table& histogram, int64_t count) {
  std::map<int, int64_t> by_day;
  for (const auto& [valeur, n] : histogram) {
    int day = 366;
    if (valeur != "366+" && !absl::SimpleAtoi(valeur, &day)) continue;
    by_day[day] += n;
  }
  int64_t seen = 0;
  for (const auto& [day, n] : by_day) {
    seen += n;
    if (2 * seen >= count) return day;
  }
  return 0;
}

void ParPeriode(const TableauStatistiques& t, const char* dimension,
                bool trimestre, int64_t of,
                google::protobuf::RepeatedPtrField<v1::Compte>* out) {
  Table table;
  for (const auto& [mois, dimensions] : t.par_mois) {
    auto it = dimensions.find(dimension);
    if (it == dimensions.end()) continue;
    const std::string cle =
        trimestre ? absl::StrFormat("%04d-T%d", mois.year(),
                                    (mois.month() - 1) / 3 + 1)
                  : absl::StrFormat("%04d-%02d", mois.year(), mois.month());
    for (const auto& [valeur, count] : it->second) table[cle] += count;
  }
  Lignes(table, of, nullptr, out);
}

bool RegionConnue(const CaisseReferentiel& caisses, const std::string& region) {
  for (const Caisse& caisse : caisses.caisses()) {
    if (caisse.region == region) return true;
  }
  return false;
}

absl::StatusOr<absl::CivilMonth> ParseMonth(const std::string& text,
                                            absl::string_view field) {
  absl::CivilMonth month;
  if (text.size() != 7 || !absl::ParseCivilTime(text, &month)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": expected a month YYYY-MM"));
  }
  return month;
}

}  // namespace

void StatistiquesToApi(const TableauStatistiques& t, v1::Statistiques* out) {
  const int64_t saisines = Total(t, dimension::kSaisines);
  out->set_saisines(saisines);
  ParPeriode(t, dimension::kSaisines, false, saisines, out->mutable_par_mois());
  Lignes(TableOf(t, dimension::kPublic), saisines,
         v1::TypeRequerant_descriptor(), out->mutable_par_public());
  Lignes(TableOf(t, dimension::kOrigine), saisines, v1::Origine_descriptor(),
         out->mutable_par_origine());
  Lignes(TableOf(t, dimension::kCanal), saisines, v1::Canal_descriptor(),
         out->mutable_par_canal());
  const int64_t recevables = Total(t, dimension::kCompetence);
  Lignes(TableOf(t, dimension::kCompetence), recevables,
         v1::FondementRecevabilite_descriptor(), out->mutable_par_competence());
  Lignes(TableOf(t, dimension::kProcessus), saisines,
         v1::Processus_descriptor(), out->mutable_par_processus());
  Lignes(TableOf(t, dimension::kSousProcessus), saisines, nullptr,
         out->mutable_par_sous_processus());
  Lignes(TableOf(t, dimension::kCommune), saisines, nullptr,
         out->mutable_par_commune());
  const int64_t terminees = Total(t, dimension::kTerminees);
  Lignes(TableOf(t, dimension::kIssue), terminees,
         v1::IssueCloture_descriptor(), out->mutable_par_issue());
  out->set_terminees(terminees);
  out->set_duree_moyenne_jours(
      Part(Total(t, dimension::kDureeTotale), terminees));
  out->set_duree_mediane_jours(
      Mediane(TableOf(t, dimension::kDuree), terminees));
  const int64_t acquittees = Total(t, dimension::kAcquittees);
  out->set_acquittees(acquittees);
  out->set_acquittees_dans_7_jours(Total(t, dimension::kAcquitteesDans7Jours));
  out->set_part_acquittees_7_jours(
      Part(out->acquittees_dans_7_jours(), acquittees));
  out->set_terminees_dans_objectif(Total(t, dimension::kTermineesDansObjectif));
  out->set_part_terminees_21_jours(
      Part(out->terminees_dans_objectif(), terminees));
  out->set_reiterations(Total(t, dimension::kReiterations));
  ParPeriode(t, dimension::kReiterations, true, saisines,
             out->mutable_reiterations_par_trimestre());
}

absl::StatusOr<SaisinePage> NationalServiceImpl::Lister(
    const grpc::CallbackServerContext& context,
    const v1::ListSaisinesNationalRequest& request) const {
  ASSIGN_OR_RETURN(Principal principal, Authorize(*deps_.authenticator, context,
                                                  rpc::kListSaisinesNational));
  const int page_size =
      request.page_size() == 0 ? kDefaultPageSize : request.page_size();
  if (page_size < 0 || page_size > kMaxPageSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: 1 to ", kMaxPageSize));
  }
  v1::ListSaisinesRequest base;
  base.set_caisse(request.caisse());
  base.set_statut(request.statut());
  base.set_recue_depuis(request.recue_depuis());
  base.set_recue_jusqu_au(request.recue_jusqu_au());
  ASSIGN_OR_RETURN(SaisineFilter filter, FilterFromRequest(base));
  struct EnumFilter {
    int value;
    int max;
    const char* field;
  };
  for (const EnumFilter& f :
       {EnumFilter{request.processus(), kProcessusMax, "processus"},
        EnumFilter{request.competence(), kFondementMax, "competence"},
        EnumFilter{request.origine(), kOrigineMax, "origine"}}) {
    if (f.value != 0 && !IsDefinedEnumValue(f.value, f.max)) {
      return absl::InvalidArgumentError(
          absl::StrCat(f.field, ": unknown value"));
    }
  }
  if (!request.region().empty() &&
      !RegionConnue(*deps_.caisses, request.region())) {
    return absl::InvalidArgumentError("region: unknown region");
  }
  const CaisseReferentiel& caisses = *deps_.caisses;
  const absl::CivilDay today = TodayAt(deps_, "");
  filter.garder = [&request, &caisses, today](const SaisineRecord& record) {
    const SaisineState& s = record.state;
    const Caisse* caisse = caisses.Find(s.recue.caisse);
    if (!request.region().empty() &&
        (caisse == nullptr || caisse->region != request.region())) {
      return false;
    }
    if (request.processus() != 0 &&
        static_cast<int>(s.recue.objet.processus) != request.processus()) {
      return false;
    }
    if (request.origine() != 0 &&
        static_cast<int>(s.recue.origine) != request.origine()) {
      return false;
    }
    if (request.competence() != 0 &&
        (!s.recevabilite ||
         static_cast<int>(s.recevabilite->fondement) != request.competence())) {
      return false;
    }
    if (request.en_retard()) {
      const auto prochaine =
          CalculerEcheances(
              s, caisse ? caisse->calendrier : Calendrier::kMetropole)
              .prochaine_echeance;
      if (!prochaine || *prochaine >= today) return false;
    }
    return true;
  };
  ASSIGN_OR_RETURN(SaisinePage page,
                   mediation::ListSaisines(*deps_.projections, filter,
                                           page_size, request.page_token()));
  for (SaisineRecord& record : page.saisines) {
    record = VuePour(principal, std::move(record));
  }
  return page;
}

grpc::ServerUnaryReactor* NationalServiceImpl::ListSaisines(
    grpc::CallbackServerContext* context,
    const v1::ListSaisinesNationalRequest* request,
    v1::ListSaisinesResponse* response) {
  absl::StatusOr<SaisinePage> page = Lister(*context, *request);
  if (page.ok()) {
    for (const SaisineRecord& record : page->saisines) {
      SaisineToApi(record, response->add_saisines());
    }
    response->set_next_page_token(page->next_page_token);
  }
  return Finish(context, page.status());
}

absl::Status NationalServiceImpl::Statistiques(
    const grpc::CallbackServerContext& context,
    const v1::GetStatistiquesRequest& request,
    v1::Statistiques* response) const {
  ASSIGN_OR_RETURN(Principal principal, Authorize(*deps_.authenticator, context,
                                                  rpc::kGetStatistiques));
  std::string perimetre;
  switch (request.perimetre_case()) {
    case v1::GetStatistiquesRequest::kCaisse:
      if (deps_.caisses->Find(request.caisse()) == nullptr) {
        return absl::InvalidArgumentError("caisse: unknown caisse code");
      }
      RETURN_IF_ERROR(CheckCaisse(principal, request.caisse()));
      perimetre = PerimetreCaisse(request.caisse());
      break;
    case v1::GetStatistiquesRequest::kRegion:
    case v1::GetStatistiquesRequest::kNational:
      if (principal.caisse != kToutesCaisses) {
        return absl::PermissionDeniedError(
            "a region or the nation: principals of every caisse only");
      }
      if (request.has_region() &&
          !RegionConnue(*deps_.caisses, request.region())) {
        return absl::InvalidArgumentError("region: unknown region");
      }
      perimetre = request.has_region() ? PerimetreRegion(request.region())
                                       : PerimetreNational();
      break;
    case v1::GetStatistiquesRequest::PERIMETRE_NOT_SET:
      return absl::InvalidArgumentError(
          "perimetre: caisse, region or national required");
  }
  ASSIGN_OR_RETURN(absl::CivilMonth depuis,
                   ParseMonth(request.depuis(), "depuis"));
  ASSIGN_OR_RETURN(absl::CivilMonth jusqu_au,
                   ParseMonth(request.jusqu_au(), "jusqu_au"));
  ASSIGN_OR_RETURN(
      TableauStatistiques tableau,
      LireStatistiques(*deps_.projections, perimetre, depuis, jusqu_au));
  response->set_perimetre(perimetre);
  response->set_depuis(request.depuis());
  response->set_jusqu_au(request.jusqu_au());
  StatistiquesToApi(tableau, response);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* NationalServiceImpl::GetStatistiques(
    grpc::CallbackServerContext* context,
    const v1::GetStatistiquesRequest* request, v1::Statistiques* response) {
  absl::Status status = Statistiques(*context, *request, response);
  if (!status.ok()) response->Clear();
  return Finish(context, status);
}

grpc::ServerUnaryReactor* NationalServiceImpl::TransmettreSaisine(
    grpc::CallbackServerContext* context,
    const v1::DeposerSaisineRequest* request,
    v1::DeposerSaisineResponse* response) {
  absl::StatusOr<Principal> principal =
      Authorize(*deps_.authenticator, *context, rpc::kTransmettreSaisine);
  if (!principal.ok()) return Finish(context, principal.status());
  // A saisine particulière sent by the national direction.
  v1::DeposerSaisineRequest particuliere = *request;
  particuliere.set_origine(v1::ORIGINE_DIRECTION_NATIONALE);
  return Deposer(deps_, context, PreparerDepot(deps_, *principal, particuliere),
                 response);
}

grpc::ServerUnaryReactor* NationalServiceImpl::EmettreRecommandationNationale(
    grpc::CallbackServerContext* context,
    const v1::EmettreRecommandationNationaleRequest* request,
    v1::ActeResponse* response) {
  return actes_.Executer(context, rpc::kEmettreRecommandationNationale,
                         *request, request->commun(),
                         Acte(request->acte(), DeciderRecommandationNationale),
                         response);
}

}  // namespace mediation
