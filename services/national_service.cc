#include "services/national_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/status_macros.h"
#include "base/violations.h"
#include "domain/echeances.h"
#include "security/authorization.h"
#include "services/depot.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"

namespace mediation {
namespace {

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

void Ligne(std::string cle, int64_t count, int64_t of,
           google::protobuf::RepeatedPtrField<v1::Compte>* out) {
  v1::Compte* line = out->Add();
  line->set_cle(std::move(cle));
  line->set_nombre(count);
  line->set_part(Part(count, of));
}

// Lines of a table keyed by text (communes, months…), in key order.
void Lignes(const Table& table, int64_t of,
            google::protobuf::RepeatedPtrField<v1::Compte>* out) {
  for (const auto& [valeur, count] : table) {
    if (count != 0) Ligne(valeur, count, of, out);
  }
}

// Lines of a table keyed by an enum (counted by number): every value but
// UNSPECIFIED, by its name, 0 included; then any other key (the ends that
// are not a closure, for the outcomes).
void Lignes(const Table& table, int64_t of,
            const google::protobuf::EnumDescriptor* names,
            google::protobuf::RepeatedPtrField<v1::Compte>* out) {
  Table rest = table;
  for (int i = 0; i < names->value_count(); ++i) {
    const int number = names->value(i)->number();
    if (number == 0) continue;
    auto it = rest.find(absl::StrCat(number));
    const int64_t count = it == rest.end() ? 0 : it->second;
    if (it != rest.end()) rest.erase(it);
    Ligne(names->value(i)->name(), count, of, out);
  }
  Lignes(rest, of, out);
}

// Sous-processus are counted as "<processus number>:<as typed>": the line
// is the text, grouped under its processus' name.
void LignesSousProcessus(const Table& table, int64_t of,
                         google::protobuf::RepeatedPtrField<v1::Compte>* out) {
  for (const auto& [valeur, count] : table) {
    if (count == 0) continue;
    const size_t colon = valeur.find(':');
    int number = 0;
    const google::protobuf::EnumValueDescriptor* processus =
        colon != std::string::npos &&
                absl::SimpleAtoi(valeur.substr(0, colon), &number)
            ? v1::Processus_descriptor()->FindValueByNumber(number)
            : nullptr;
    Ligne(colon == std::string::npos ? valeur : valeur.substr(colon + 1), count,
          of, out);
    if (processus != nullptr) out->rbegin()->set_groupe(processus->name());
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

std::string Periode(absl::CivilMonth mois, bool trimestre) {
  return trimestre ? absl::StrFormat("%04d-T%d", mois.year(),
                                     (mois.month() - 1) / 3 + 1)
                   : absl::StrFormat("%04d-%02d", mois.year(), mois.month());
}

// Every month (or quarter) of the period, 0 included.
void ParPeriode(const TableauStatistiques& t, absl::CivilMonth depuis,
                absl::CivilMonth jusqu_au, const char* dimension,
                bool trimestre, int64_t of,
                google::protobuf::RepeatedPtrField<v1::Compte>* out) {
  std::vector<std::string> periodes;
  Table table;
  for (absl::CivilMonth mois = depuis; mois <= jusqu_au; ++mois) {
    const std::string cle = Periode(mois, trimestre);
    if (periodes.empty() || periodes.back() != cle) periodes.push_back(cle);
    auto found = t.par_mois.find(mois);
    if (found == t.par_mois.end()) continue;
    auto it = found->second.find(dimension);
    if (it == found->second.end()) continue;
    for (const auto& [valeur, count] : it->second) table[cle] += count;
  }
  for (const std::string& cle : periodes) Ligne(cle, table[cle], of, out);
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

// Every unknown value among the national filters, named.
absl::Status ValiderFiltres(const v1::ListSaisinesNationalesRequest& request,
                            const CaisseReferentiel& caisses) {
  struct EnumFilter {
    int value;
    int max;
    const char* field;
  };
  FieldViolations violations;
  for (const EnumFilter& f :
       {EnumFilter{request.processus(), kProcessusMax, "processus"},
        EnumFilter{request.competence(), kFondementMax, "competence"},
        EnumFilter{request.origine(), kOrigineMax, "origine"}}) {
    if (f.value != 0 && !IsDefinedEnumValue(f.value, f.max)) {
      violations.Add(f.field, "unknown value");
    }
  }
  if (!request.region().empty() && !RegionConnue(caisses, request.region())) {
    violations.Add("region", "unknown region");
  }
  return violations.ToStatus();
}

// The national filters that the index does not serve, on each saisine.
std::function<bool(const SaisineRecord&)> Garder(
    const v1::ListSaisinesNationalesRequest& request,
    const CaisseReferentiel& caisses, absl::CivilDay today) {
  return [&request, &caisses, today](const SaisineRecord& record) {
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
    if (!request.en_retard()) return true;
    const auto prochaine = CalculerEcheances(s, caisse ? caisse->calendrier
                                                       : Calendrier::kMetropole)
                               .prochaine_echeance;
    return prochaine.has_value() && *prochaine < today;
  };
}

}  // namespace

void StatistiquesToApi(const TableauStatistiques& t, absl::CivilMonth depuis,
                       absl::CivilMonth jusqu_au, v1::Statistiques* out) {
  const int64_t saisines = Total(t, dimension::kSaisines);
  out->set_saisines(saisines);
  ParPeriode(t, depuis, jusqu_au, dimension::kSaisines, false, saisines,
             out->mutable_par_mois());
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
  LignesSousProcessus(TableOf(t, dimension::kSousProcessus), saisines,
                      out->mutable_par_sous_processus());
  Lignes(TableOf(t, dimension::kCommune), saisines, out->mutable_par_commune());
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
  ParPeriode(t, depuis, jusqu_au, dimension::kReiterations, true, saisines,
             out->mutable_reiterations_par_trimestre());
}

absl::StatusOr<SaisinePage> NationalServiceImpl::Lister(
    const grpc::CallbackServerContext& context,
    const v1::ListSaisinesNationalesRequest& request) const {
  ASSIGN_OR_RETURN(Principal principal,
                   Admettre(request, *deps_.authenticator, context,
                            rpc::kListSaisinesNationales));
  ASSIGN_OR_RETURN(PageDemandee demandee,
                   LirePage(deps_, rpc::kListSaisinesNationales, request,
                            request.page_size(), request.page_token()));
  v1::ListSaisinesRequest base;
  base.set_caisse(request.caisse());
  base.set_statut(request.statut());
  base.set_recue_depuis(request.recue_depuis());
  base.set_recue_jusqu_au(request.recue_jusqu_au());
  ASSIGN_OR_RETURN(SaisineFilter filter, FilterFromRequest(base));
  RETURN_IF_ERROR(ValiderFiltres(request, *deps_.caisses));
  filter.garder = Garder(request, *deps_.caisses, TodayAt(deps_, ""));
  ASSIGN_OR_RETURN(SaisinePage page,
                   mediation::ListSaisines(*deps_.projections, filter,
                                           demandee.taille, demandee.curseur));
  GarderPerimetre(principal, rpc::kListSaisinesNationales, page.saisines);
  for (SaisineRecord& record : page.saisines) {
    record = VuePour(principal, std::move(record));
  }
  page.next_page_token = JetonSuivant(deps_, demandee, page.next_page_token);
  return page;
}

grpc::ServerUnaryReactor* NationalServiceImpl::ListSaisinesNationales(
    grpc::CallbackServerContext* context,
    const v1::ListSaisinesNationalesRequest* request,
    v1::ListSaisinesNationalesResponse* response) {
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
  ASSIGN_OR_RETURN(
      Principal principal,
      Admettre(request, *deps_.authenticator, context, rpc::kGetStatistiques));
  return CalculerStatistiques(deps_, principal, request, response);
}

absl::Status CalculerStatistiques(const Dependencies& deps,
                                  const Principal& principal,
                                  const v1::GetStatistiquesRequest& request,
                                  v1::Statistiques* response) {
  // The counters' scope, and the same as the API names it.
  std::string perimetre, nom;
  switch (request.perimetre_case()) {
    case v1::GetStatistiquesRequest::kCaisse:
      if (deps.caisses->Find(request.caisse()) == nullptr) {
        return absl::InvalidArgumentError("caisse: unknown caisse code");
      }
      RETURN_IF_ERROR(CheckCaisse(principal, request.caisse()));
      perimetre = PerimetreCaisse(request.caisse());
      nom = absl::StrCat("caisse:", request.caisse());
      break;
    case v1::GetStatistiquesRequest::kRegion:
    case v1::GetStatistiquesRequest::kNational:
      if (principal.caisse != kToutesCaisses) {
        return absl::PermissionDeniedError(
            "a region or the nation: principals of every caisse only");
      }
      if (request.has_region() &&
          !RegionConnue(*deps.caisses, request.region())) {
        return absl::InvalidArgumentError("region: unknown region");
      }
      perimetre = request.has_region() ? PerimetreRegion(request.region())
                                       : PerimetreNational();
      nom = request.has_region() ? absl::StrCat("region:", request.region())
                                 : "national";
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
      LireStatistiques(*deps.projections, perimetre, depuis, jusqu_au));
  response->set_perimetre(nom);
  response->set_depuis(request.depuis());
  response->set_jusqu_au(request.jusqu_au());
  StatistiquesToApi(tableau, depuis, jusqu_au, response);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* NationalServiceImpl::GetStatistiques(
    grpc::CallbackServerContext* context,
    const v1::GetStatistiquesRequest* request,
    v1::GetStatistiquesResponse* response) {
  absl::Status status =
      Statistiques(*context, *request, response->mutable_statistiques());
  if (!status.ok()) response->Clear();
  return Finish(context, status);
}

grpc::ServerUnaryReactor* NationalServiceImpl::TransmettreSaisine(
    grpc::CallbackServerContext* context,
    const v1::TransmettreSaisineRequest* request,
    v1::TransmettreSaisineResponse* response) {
  // A saisine particulière sent by the national direction.
  return Deposer(deps_, context, rpc::kTransmettreSaisine, *request,
                 Origine::kDirectionNationale, response);
}

grpc::ServerUnaryReactor* NationalServiceImpl::EmettreRecommandationNationale(
    grpc::CallbackServerContext* context,
    const v1::EmettreRecommandationNationaleRequest* request,
    v1::EmettreRecommandationNationaleResponse* response) {
  return actes_.Executer(context, rpc::kEmettreRecommandationNationale,
                         *request, request->commun(),
                         Acte(request->acte(), DeciderRecommandationNationale),
                         response);
}

}  // namespace mediation
