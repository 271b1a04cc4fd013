// mediationctl rapport: the activity report of a perimeter over a period,
// from the live statistics: rapport.html, one CSV per table, rapport.pdf.
// mediationctl lettre: a letter to the requester, from a saisine and its
// deadlines: HTML and PDF.
#include "report/rapport.h"

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/files.h"
#include "cmd/mediationctl/chromium.h"
#include "cmd/mediationctl/commands.h"
#include "cmd/mediationctl/common.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "mediation/v1/mediation.grpc.pb.h"
#include "mediation/v1/national.grpc.pb.h"
#include "report/export.h"
#include "report/lettres.h"
#include "server/caisses.h"

ABSL_FLAG(std::string, sortie, "",
          "rapport, lettre: the directory written (default: rapport-"
          "<perimetre>-<periode> or lettres-<saisine>); export: the CSV file "
          "(default: stdout).");
ABSL_FLAG(std::string, modele, "",
          "rapport, lettre: a mustache template replacing the default one "
          "(report/modeles/ holds the defaults and the names they use).");
ABSL_FLAG(bool, pdf, true,
          "rapport, lettre: also print a PDF with headless Chromium.");
ABSL_FLAG(int, annees_comparees, 4,
          "rapport: the calendar years compared (1-10), ending with the "
          "period's last year.");
ABSL_FLAG(std::string, titre, "",
          "rapport: how the perimeter is named (default: from the caisse "
          "referential, --caisses).");

namespace mediation::ctl {
namespace {

std::string Titre(const v1::GetStatistiquesRequest& request) {
  if (!absl::GetFlag(FLAGS_titre).empty()) return absl::GetFlag(FLAGS_titre);
  absl::StatusOr<CaisseReferentiel> caisses =
      ChargerCaisses(absl::GetFlag(FLAGS_caisses));
  if (!caisses.ok()) return absl::GetFlag(FLAGS_perimetre);
  return NomDuPerimetre(*caisses, request);
}

// The template of --modele, else `defaut`; false (and says why) when the
// file cannot be read.
bool LireModele(const char* commande, absl::string_view defaut,
                std::string* modele) {
  const std::string path = absl::GetFlag(FLAGS_modele);
  if (path.empty()) {
    *modele = std::string(defaut);
    return true;
  }
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    std::cerr << commande << ": --modele: " << text.status().message() << "\n";
    return false;
  }
  *modele = *std::move(text);
  return true;
}

// Writes `html` as `nom`.html in `sortie`, and its PDF unless --pdf=false;
// prints the paths.
int Ecrire(const std::string& commande, const std::string& sortie,
           const std::string& nom, const std::string& html) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::create_directories(sortie, error);
  if (error) {
    std::cerr << commande << ": " << sortie << ": " << error.message() << "\n";
    return kRefused;
  }
  const std::string page = (fs::path(sortie) / (nom + ".html")).string();
  if (absl::Status s = WriteFile(page, html); !s.ok()) {
    std::cerr << commande << ": " << s.message() << "\n";
    return kRefused;
  }
  std::cout << page << "\n";
  if (!absl::GetFlag(FLAGS_pdf)) return kOk;
  const std::string pdf = (fs::path(sortie) / (nom + ".pdf")).string();
  if (absl::Status s = ImprimerPdf(page, pdf); !s.ok()) {
    std::cerr << commande << ": PDF: " << s.message() << "\n";
    return kRefused;
  }
  std::cout << pdf << "\n";
  return kOk;
}

}  // namespace

int Exporter() {
  v1::ListSaisinesRequest request;
  request.set_caisse(absl::GetFlag(FLAGS_caisse));
  request.set_recue_depuis(absl::GetFlag(FLAGS_depuis));
  request.set_recue_jusqu_au(absl::GetFlag(FLAGS_jusqu_au));
  request.set_page_size(500);
  auto stub = v1::AccueilService::NewStub(Channel());
  std::vector<v1::Saisine> saisines;
  do {
    v1::ListSaisinesResponse response;
    grpc::Status status = Demander(
        *stub, &v1::AccueilService::Stub::ListSaisines, request, &response);
    if (!status.ok()) return Report(status);
    for (v1::Saisine& s : *response.mutable_saisines()) {
      saisines.push_back(std::move(s));
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  const std::string csv = report::Csv(report::ExportSaisines(saisines));
  const std::string sortie = absl::GetFlag(FLAGS_sortie);
  if (sortie.empty()) {
    std::cout << csv;
  } else if (absl::Status s = WriteFile(sortie, csv); !s.ok()) {
    std::cerr << "export: " << s.message() << "\n";
    return kRefused;
  }
  std::cerr << saisines.size() << " saisines exported\n";
  return kOk;
}

int Lettre(const std::string& type_nom, const std::string& id) {
  report::TypeLettre type;
  if (!report::ParseTypeLettre(type_nom, &type)) {
    std::cerr << "lettre: recevabilite, irrecevabilite or cloture\n";
    return kUsage;
  }
  std::string modele;
  if (!LireModele("lettre", report::ModeleLettreParDefaut(type), &modele))
    return kUsage;
  report::DonneesLettre donnees;
  const std::shared_ptr<grpc::Channel> channel = Channel();
  v1::GetSaisineRequest saisine;
  saisine.set_saisine_id(id);
  v1::GetSaisineResponse lue;
  auto accueil = v1::AccueilService::NewStub(channel);
  if (grpc::Status status = Demander(
          *accueil, &v1::AccueilService::Stub::GetSaisine, saisine, &lue);
      !status.ok()) {
    return Report(status);
  }
  donnees.saisine = lue.saisine();
  v1::GetEcheancesRequest echeances;
  echeances.set_saisine_id(id);
  v1::GetEcheancesResponse delais;
  auto mediation = v1::MediationService::NewStub(channel);
  if (grpc::Status status =
          Demander(*mediation, &v1::MediationService::Stub::GetEcheances,
                   echeances, &delais);
      !status.ok()) {
    return Report(status);
  }
  donnees.delais = delais.delais();
  absl::StatusOr<CaisseReferentiel> caisses =
      ChargerCaisses(absl::GetFlag(FLAGS_caisses));
  const Caisse* caisse =
      caisses.ok() ? caisses->Find(donnees.saisine.caisse()) : nullptr;
  donnees.caisse =
      caisse != nullptr ? caisse->nom : "Caisse " + donnees.saisine.caisse();
  donnees.date =
      absl::CivilDay(absl::ToCivilSecond(absl::Now(), absl::LocalTimeZone()));
  absl::StatusOr<std::string> html =
      report::GenererLettre(type, donnees, modele);
  if (!html.ok()) {
    std::cerr << "lettre: " << html.status().message() << "\n";
    return absl::IsFailedPrecondition(html.status()) ? kRefused : kUsage;
  }
  std::string sortie = absl::GetFlag(FLAGS_sortie);
  if (sortie.empty()) sortie = "lettres-" + id;
  return Ecrire("lettre", sortie, absl::StrCat("lettre-", type_nom), *html);
}

int Rapport() {
  v1::GetStatistiquesRequest base;
  if (!LirePerimetre("rapport", &base)) return kUsage;
  Periode periode;
  if (!LirePeriode("rapport", &periode)) return kUsage;
  const int comparees = absl::GetFlag(FLAGS_annees_comparees);
  if (comparees < 1 || comparees > 10) {
    std::cerr << "rapport: --annees_comparees is 1 to 10\n";
    return kUsage;
  }
  std::string modele;
  if (!LireModele("rapport", report::ModeleRapportParDefaut(), &modele))
    return kUsage;

  auto stub = v1::NationalService::NewStub(Channel());
  grpc::Status refus;
  auto statistiques =
      [&](absl::CivilMonth depuis,
          absl::CivilMonth jusqu_au) -> absl::StatusOr<v1::Statistiques> {
    v1::GetStatistiquesRequest request = base;
    request.set_depuis(absl::FormatCivilTime(depuis));
    request.set_jusqu_au(absl::FormatCivilTime(jusqu_au));
    v1::GetStatistiquesResponse response;
    refus = Demander(*stub, &v1::NationalService::Stub::GetStatistiques,
                     request, &response);
    if (!refus.ok()) return absl::UnknownError("refused");
    return response.statistiques();
  };
  report::DonneesRapport donnees;
  donnees.titre = Titre(base);
  donnees.genere_le =
      absl::CivilDay(absl::ToCivilSecond(absl::Now(), absl::LocalTimeZone()));
  if (!report::Rassembler(periode.depuis, periode.jusqu_au, comparees,
                          statistiques, &donnees)
           .ok()) {
    return Report(refus);
  }
  absl::StatusOr<report::Rapport> rapport =
      report::GenererRapport(donnees, modele);
  if (!rapport.ok()) {
    std::cerr << "rapport: " << rapport.status().message() << "\n";
    return kUsage;
  }

  namespace fs = std::filesystem;
  std::string sortie = absl::GetFlag(FLAGS_sortie);
  if (sortie.empty()) {
    std::string nom = absl::GetFlag(FLAGS_perimetre);
    std::replace(nom.begin(), nom.end(), ':', '-');
    sortie = absl::StrCat("rapport-", nom, "-",
                          absl::FormatCivilTime(periode.depuis), "-",
                          absl::FormatCivilTime(periode.jusqu_au));
  }
  std::error_code error;
  fs::create_directories(sortie, error);
  for (const auto& [nom, contenu] : rapport->csv) {
    if (absl::Status s = WriteFile((fs::path(sortie) / nom).string(), contenu);
        !s.ok()) {
      std::cerr << "rapport: " << s.message() << "\n";
      return kRefused;
    }
  }
  if (int status = Ecrire("rapport", sortie, "rapport", rapport->html);
      status != kOk) {
    return status;
  }
  std::cerr << rapport->csv.size() << " CSV tables in " << sortie << "\n";
  return kOk;
}

}  // namespace mediation::ctl
