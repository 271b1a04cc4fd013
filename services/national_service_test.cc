// NationalService: statistics of a synthetic year checked against figures
// the test computes itself from the data it generated; the national listing,
// transmission and recommandation.
#include <algorithm>
#include <map>
#include <random>

#include "absl/strings/str_format.h"
#include "services/service_test_fixture.h"

namespace mediation {
namespace {

using ::testing::HasSubstr;
using D = absl::CivilDay;

std::string Date(D day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

class NationalServiceTest : public testing::ServiceTest {
 protected:
  v1::ActeCommun Acte(const std::string& id) { return Commun(id); }

  // Registers a saisine; returns its id.
  std::string Deposer(v1::DeposerSaisineRequest request) {
    v1::DeposerSaisineResponse response;
    EXPECT_TRUE(
        accueil_
            ->DeposerSaisine(
                As(Role::kAccueil, request.caisse(), kPreparateur).get(),
                request, &response)
            .ok());
    return response.saisine_id();
  }

  void Ok(const grpc::Status& status) {
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  v1::Statistiques Stats(v1::GetStatistiquesRequest request) {
    request.set_depuis("2024-01");
    request.set_jusqu_au("2024-12");
    v1::Statistiques stats;
    Ok(national_->GetStatistiques(As(Role::kNational, "*").get(), request,
                                  &stats));
    return stats;
  }
};

// The lines that count something (tables also list their zero rows).
std::map<std::string, int64_t> AsMap(
    const google::protobuf::RepeatedPtrField<v1::Compte>& lines) {
  std::map<std::string, int64_t> map;
  for (const v1::Compte& line : lines) {
    if (line.nombre() != 0) map[line.cle()] = line.nombre();
  }
  return map;
}

std::vector<std::string> Cles(
    const google::protobuf::RepeatedPtrField<v1::Compte>& lines) {
  std::vector<std::string> cles;
  for (const v1::Compte& line : lines) cles.push_back(line.cle());
  return cles;
}

// What the synthetic year should count, computed from what it generates.
struct Attendu {
  int64_t saisines = 0, acquittees = 0, acquittees_7j = 0, terminees = 0,
          dans_objectif = 0, reiterations = 0, duree_totale = 0;
  std::map<std::string, int64_t> par_mois, par_canal, par_origine,
      par_trimestre;
  std::vector<int> durees;
  int mediane = 0;
};

class SyntheticYearTest : public NationalServiceTest {
 protected:
  // Takes saisine `id` received on `reception` to its fate (0-1: awaiting
  // admissibility; 2: irrecevable; 3: a closing letter from "reçue"; else
  // recevable, then maybe closed).
  void Instruire(const std::string& id, D reception, int fate,
                 const std::function<int(int)>& pick, Attendu& a) {
    if (fate < 2) return;  // Still awaiting admissibility.
    testing::ReponseActe done;
    if (fate == 2) {  // Irrecevable two days later: acknowledged and ended.
      v1::DeclarerIrrecevableRequest irrecevable;
      *irrecevable.mutable_commun() = Acte(id);
      irrecevable.mutable_acte()->set_motif(
          v1::MOTIF_IRRECEVABILITE_HORS_COMPETENCE);
      irrecevable.mutable_acte()->set_explication("Hors périmètre");
      irrecevable.mutable_acte()->set_orientation(v1::DESTINATION_RECLAMATIONS);
      irrecevable.mutable_acte()->set_date_notification(Date(reception + 2));
      Ok(mediation_->DeclarerIrrecevable(As(Role::kMediateur, "591").get(),
                                         irrecevable, &done));
      ++a.acquittees, ++a.acquittees_7j, ++a.terminees, ++a.dans_objectif;
      a.duree_totale += 2;
      a.durees.push_back(2);
      return;
    }
    if (fate == 3) {  // A closing letter 3 days later: the acknowledgement.
      v1::CloturerRequest lettre;
      *lettre.mutable_commun() = Acte(id);
      lettre.mutable_acte()->set_issue(v1::ISSUE_CLOTURE_ABANDON);
      lettre.mutable_acte()->set_date(Date(reception + 3));
      Ok(mediation_->Cloturer(As(Role::kMediateur, "591").get(), lettre,
                              &done));
      ++a.acquittees, ++a.acquittees_7j, ++a.terminees, ++a.dans_objectif;
      a.duree_totale += 3;
      a.durees.push_back(3);
      return;
    }
    // Recevable 2 days (within 7, whatever the calendar) or 15 days (late,
    // whatever the calendar) after receipt.
    const int ar = pick(2) == 0 ? 2 : 15;
    v1::DeclarerRecevableRequest recevable;
    *recevable.mutable_commun() = Acte(id);
    recevable.mutable_acte()->set_fondement(
        v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
    recevable.mutable_acte()->set_date_notification(Date(reception + ar));
    Ok(mediation_->DeclarerRecevable(As(Role::kMediateur, "591").get(),
                                     recevable, &done));
    ++a.acquittees;
    if (ar == 2) ++a.acquittees_7j;
    if (pick(10) < 4) return;  // Still in instruction.
    // Closed 10 days (within the 21-day objective) or 40 days after receipt;
    // never before the recevabilité it follows.
    const int duree = pick(2) == 0 && ar < 10 ? 10 : 40;
    v1::CloturerRequest cloture;
    *cloture.mutable_commun() = Acte(id);
    cloture.mutable_acte()->set_issue(v1::ISSUE_CLOTURE_EXPLICATIONS_DONNEES);
    cloture.mutable_acte()->set_date(Date(reception + duree));
    Ok(mediation_->Cloturer(As(Role::kMediateur, "591").get(), cloture, &done));
    ++a.terminees;
    if (duree == 10) ++a.dans_objectif;
    a.duree_totale += duree;
    a.durees.push_back(duree);
  }

  // 150 saisines of 591 over 2024, and 20 of 751 in June.
  Attendu AnneeSynthetique() {
    std::mt19937 random(2024);
    std::function<int(int)> pick = [&](int n) {
      return static_cast<int>(random() % n);
    };
    Attendu a;
    std::vector<std::string> ids;
    const v1::Canal canaux[] = {v1::CANAL_COURRIER, v1::CANAL_MAIL,
                                v1::CANAL_TELEPHONE};
    const v1::Origine origines[] = {v1::ORIGINE_REQUERANT_DIRECT,
                                    v1::ORIGINE_SERVICE_CAISSE};
    for (int i = 0; i < 150; ++i) {
      const D reception(2024, 1 + pick(12), 1 + pick(28));
      v1::DeposerSaisineRequest request =
          testing::DepotValide(absl::StrCat("annee-", i), "591");
      request.set_date_reception(Date(reception));
      request.mutable_reclamation_prealable()->set_date(Date(reception - 30));
      request.set_canal(canaux[pick(3)]);
      request.set_origine(origines[pick(2)]);
      const bool reiteration = !ids.empty() && pick(10) == 0;
      if (reiteration) request.set_saisine_precedente(ids[pick(ids.size())]);
      const std::string id = Deposer(request);
      ids.push_back(id);
      ++a.saisines;
      a.par_mois[absl::StrFormat("%04d-%02d", reception.year(),
                                 reception.month())]++;
      a.par_canal[v1::Canal_Name(request.canal())]++;
      a.par_origine[v1::Origine_Name(request.origine())]++;
      if (reiteration) {
        ++a.reiterations;
        a.par_trimestre[absl::StrFormat("2024-T%d",
                                        (reception.month() - 1) / 3 + 1)]++;
      }
      Instruire(id, reception, pick(10), pick, a);
    }
    // Another caisse, in another region, counts for the nation only.
    for (int i = 0; i < 20; ++i) {
      v1::DeposerSaisineRequest request =
          testing::DepotValide(absl::StrCat("paris-", i), "751");
      request.set_date_reception("2024-06-10");
      request.mutable_reclamation_prealable()->set_date("2024-05-01");
      Deposer(request);
    }
    std::sort(a.durees.begin(), a.durees.end());
    a.mediane = a.durees[(a.durees.size() + 1) / 2 - 1];

    return a;
  }
};

TEST_F(SyntheticYearTest, StatisticsOfASyntheticYearMatchIndependentFigures) {
  const Attendu a = AnneeSynthetique();
  v1::GetStatistiquesRequest caisse;
  caisse.set_caisse("591");
  const v1::Statistiques stats = Stats(caisse);
  EXPECT_EQ(stats.saisines(), a.saisines);
  EXPECT_EQ(AsMap(stats.par_mois()), a.par_mois);
  EXPECT_EQ(AsMap(stats.par_canal()), a.par_canal);
  EXPECT_EQ(AsMap(stats.par_origine()), a.par_origine);
  EXPECT_EQ(stats.terminees(), a.terminees);
  EXPECT_DOUBLE_EQ(stats.duree_moyenne_jours(),
                   static_cast<double>(a.duree_totale) / a.terminees);
  EXPECT_EQ(stats.duree_mediane_jours(), a.mediane);
  EXPECT_EQ(stats.acquittees(), a.acquittees);
  EXPECT_EQ(stats.acquittees_dans_7_jours(), a.acquittees_7j);
  EXPECT_DOUBLE_EQ(stats.part_acquittees_7_jours(),
                   static_cast<double>(a.acquittees_7j) / a.acquittees);
  EXPECT_EQ(stats.terminees_dans_objectif(), a.dans_objectif);
  EXPECT_EQ(stats.reiterations(), a.reiterations);
  EXPECT_EQ(AsMap(stats.reiterations_par_trimestre()), a.par_trimestre);
  EXPECT_EQ(
      AsMap(stats.par_public()),
      (std::map<std::string, int64_t>{{"TYPE_REQUERANT_ASSURE", a.saisines}}));
  // Keys are what the API says: enum names (every value, 0 included, in
  // the enum's order), every month and quarter of the period.
  EXPECT_EQ(Cles(stats.par_canal()),
            (std::vector<std::string>{"CANAL_COURRIER", "CANAL_MAIL",
                                      "CANAL_ACCUEIL_PHYSIQUE",
                                      "CANAL_TELEPHONE", "CANAL_COMPTE_AMELI",
                                      "CANAL_TRANSMISSION_INTERNE"}));
  EXPECT_EQ(stats.par_public_size(), 4);
  EXPECT_EQ(stats.par_issue(0).cle(), "ISSUE_CLOTURE_DECISION_REVISEE");
  EXPECT_EQ(stats.perimetre(), "caisse:591");
  for (const v1::Compte& line : stats.par_sous_processus()) {
    EXPECT_EQ(line.cle().find(':'), std::string::npos) << line.cle();
    EXPECT_EQ(line.groupe().rfind("PROCESSUS_", 0), 0u) << line.groupe();
  }

  v1::GetStatistiquesRequest region;
  region.set_region("Hauts-de-France");
  EXPECT_EQ(Stats(region).saisines(), a.saisines);
  v1::GetStatistiquesRequest nation;
  nation.set_national(true);
  EXPECT_EQ(Stats(nation).saisines(), a.saisines + 20);
  EXPECT_EQ(Stats(nation).terminees(), a.terminees);
}

TEST_F(NationalServiceTest, StatisticsScopesAndBadInput) {
  v1::GetStatistiquesRequest request;
  request.set_caisse("591");
  request.set_depuis("2024-01");
  request.set_jusqu_au("2024-12");
  v1::Statistiques stats;
  // A caisse's mediator reads its own caisse's report, not another's, not
  // the nation's.
  Ok(national_->GetStatistiques(As(Role::kMediateur, "591").get(), request,
                                &stats));
  request.set_caisse("751");
  EXPECT_EQ(
      national_
          ->GetStatistiques(As(Role::kMediateur, "591").get(), request, &stats)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  request.set_national(true);
  EXPECT_EQ(
      national_
          ->GetStatistiques(As(Role::kMediateur, "591").get(), request, &stats)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  request.set_region("Atlantide");
  grpc::Status region = national_->GetStatistiques(
      As(Role::kNational, "*").get(), request, &stats);
  EXPECT_EQ(region.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(region.error_message(), HasSubstr("region"));
  request.set_national(true);
  request.set_depuis("2024-13");
  grpc::Status bad = national_->GetStatistiques(As(Role::kNational, "*").get(),
                                                request, &stats);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("depuis"));
}

TEST_F(NationalServiceTest, ListsAcrossCaissesWithFilters) {
  // 591 (Hauts-de-France): one overdue (received 3 March, not acknowledged
  // by the 10th), one recevable; 751 (Île-de-France): one overdue.
  v1::DeposerSaisineRequest late = testing::DepotValide("n1", "591");
  late.set_date_reception("2025-03-03");
  const std::string overdue = Deposer(late);
  const std::string instruite = Preparer("591", Etape::kEnInstruction);
  v1::DeposerSaisineRequest paris = testing::DepotValide("n2", "751");
  paris.set_date_reception("2025-03-03");
  Deposer(paris);

  v1::ListSaisinesNationalesRequest request;
  v1::ListSaisinesNationalesResponse page;
  Ok(national_->ListSaisinesNationales(As(Role::kNational, "*").get(), request,
                                       &page));
  EXPECT_EQ(page.saisines_size(), 3);
  EXPECT_EQ(page.saisines(0).requerant().nir(), "***");
  request.set_region("Hauts-de-France");
  request.set_en_retard(true);
  Ok(national_->ListSaisinesNationales(As(Role::kNational, "*").get(), request,
                                       &page));
  ASSERT_EQ(page.saisines_size(), 1);
  EXPECT_EQ(page.saisines(0).saisine_id(), overdue);
  request.set_en_retard(false);
  request.set_processus(static_cast<v1::Processus>(99));
  grpc::Status unknown = national_->ListSaisinesNationales(
      As(Role::kNational, "*").get(), request, &page);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(unknown.error_message(), HasSubstr("processus"));
  request.clear_processus();
  request.set_competence(v1::FONDEMENT_RECEVABILITE_APRES_RECLAMATION);
  Ok(national_->ListSaisinesNationales(As(Role::kNational, "*").get(), request,
                                       &page));
  ASSERT_EQ(page.saisines_size(), 1);
  EXPECT_EQ(page.saisines(0).saisine_id(), instruite);
}

TEST_F(NationalServiceTest, TransmitsASaisineParticuliereAndRecommends) {
  v1::DeposerSaisineRequest request = testing::DepotValide("nat-1", "591");
  request.set_origine(v1::ORIGINE_REQUERANT_DIRECT);  // Overridden.
  v1::DeposerSaisineResponse transmise;
  Ok(national_->TransmettreSaisine(As(Role::kNational, "*").get(), request,
                                   &transmise));
  v1::GetSaisineRequest get;
  get.set_saisine_id(transmise.saisine_id());
  v1::Saisine saisine;
  Ok(accueil_->GetSaisine(As(Role::kMediateur, "591").get(), get, &saisine));
  EXPECT_EQ(saisine.origine(), v1::ORIGINE_DIRECTION_NATIONALE);
  // Its mediator may take it as a saisine particulière.
  v1::DeclarerRecevableRequest recevable;
  *recevable.mutable_commun() = Commun(transmise.saisine_id());
  recevable.mutable_acte()->set_fondement(
      v1::FONDEMENT_RECEVABILITE_SAISINE_PARTICULIERE);
  recevable.mutable_acte()->set_date_notification("2025-03-12");
  testing::ReponseActe acte;
  Ok(mediation_->DeclarerRecevable(As(Role::kMediateur, "591").get(), recevable,
                                   &acte));

  v1::EmettreRecommandationNationaleRequest recommandation;
  *recommandation.mutable_commun() = Commun(transmise.saisine_id());
  recommandation.mutable_acte()->set_texte("Prise en charge à envisager");
  recommandation.mutable_acte()->set_date("2025-03-13");
  Ok(national_->EmettreRecommandationNationale(As(Role::kNational, "*").get(),
                                               recommandation, &acte));
  EXPECT_EQ(acte.version(), 3u);
  v1::GetHistoriqueRequest historique_request;
  historique_request.set_saisine_id(transmise.saisine_id());
  v1::GetHistoriqueResponse historique;
  Ok(audit_->GetHistorique(As(Role::kAuditeur, "*").get(), historique_request,
                           &historique));
  ASSERT_EQ(historique.evenements_size(), 3);
  EXPECT_EQ(historique.evenements(0).acteur(), "national:test@*");
  EXPECT_EQ(historique.evenements(2).type(), "RecommandationNationaleEmise");
}

}  // namespace
}  // namespace mediation
