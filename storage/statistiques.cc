#include "storage/statistiques.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "storage/counter_merge.h"
#include "storage/keys.h"

namespace mediation {
namespace {

constexpr int kMaxMonths = 120;

std::string TableKey(const std::string& perimetre, absl::CivilMonth mois) {
  return absl::StrCat(kCounterTablePrefix, perimetre, "/",
                      absl::Dec(mois.year(), absl::kZeroPad4), "-",
                      absl::Dec(mois.month(), absl::kZeroPad2));
}

}  // namespace

std::string PerimetreCaisse(absl::string_view code) {
  return absl::StrCat("c:", code);
}
std::string PerimetreRegion(absl::string_view region) {
  return absl::StrCat("r:", region);
}
std::string PerimetreNational() { return "n"; }

std::vector<std::string> TablesStatistiques(const CaisseReferentiel& caisses,
                                            const std::string& caisse,
                                            absl::CivilMonth mois) {
  std::vector<std::string> tables = {TableKey(PerimetreCaisse(caisse), mois),
                                     TableKey(PerimetreNational(), mois)};
  if (const Caisse* found = caisses.Find(caisse)) {
    tables.push_back(TableKey(PerimetreRegion(found->region), mois));
  }
  return tables;
}

std::string CompteurStatistique(const Contribution& contribution) {
  return absl::StrCat(contribution.dimension, "/", contribution.valeur);
}

absl::StatusOr<TableauStatistiques> LireStatistiques(
    const ProjectionReader& reader, const std::string& perimetre,
    absl::CivilMonth depuis, absl::CivilMonth jusqu_au) {
  if (jusqu_au < depuis || jusqu_au - depuis >= kMaxMonths) {
    return absl::InvalidArgumentError(
        absl::StrCat("period: 1 to ", kMaxMonths, " months"));
  }
  TableauStatistiques tableau;
  for (absl::CivilMonth mois = depuis; mois <= jusqu_au; ++mois) {
    ASSIGN_OR_RETURN(std::optional<std::string> stored,
                     reader.Get(TableKey(perimetre, mois)));
    if (!stored.has_value()) continue;
    std::optional<CounterTable> table = DecodeCounterTable(*stored);
    if (!table.has_value()) {
      return absl::DataLossError("bad statistics counter table");
    }
    for (const auto& [compteur, count] : *table) {
      const size_t slash = compteur.find('/');
      if (slash == std::string::npos) {
        return absl::DataLossError("bad statistics counter name");
      }
      const std::string dimension = compteur.substr(0, slash);
      const std::string valeur = compteur.substr(slash + 1);
      tableau.par_dimension[dimension][valeur] += count;
      tableau.par_mois[mois][dimension][valeur] += count;
    }
  }
  return tableau;
}

}  // namespace mediation
