#include "storage/statistiques.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/status_macros.h"
#include "storage/counter_merge.h"
#include "storage/keys.h"

namespace mediation {
namespace {

constexpr int kMaxMonths = 120;

std::string MonthPrefix(const std::string& perimetre, absl::CivilMonth mois) {
  return absl::StrFormat("n/%s/%04d-%02d/", perimetre, mois.year(),
                         mois.month());
}

}  // namespace

std::string PerimetreCaisse(absl::string_view code) {
  return absl::StrCat("c:", code);
}
std::string PerimetreRegion(absl::string_view region) {
  return absl::StrCat("r:", region);
}
std::string PerimetreNational() { return "n"; }

std::vector<std::string> CleStatistiques(const CaisseReferentiel& caisses,
                                         const std::string& caisse,
                                         const Contribution& contribution) {
  std::vector<std::string> perimetres = {PerimetreCaisse(caisse),
                                         PerimetreNational()};
  if (const Caisse* found = caisses.Find(caisse)) {
    perimetres.push_back(PerimetreRegion(found->region));
  }
  std::vector<std::string> keys;
  for (const std::string& perimetre : perimetres) {
    keys.push_back(absl::StrCat(MonthPrefix(perimetre, contribution.mois),
                                contribution.dimension, "/",
                                contribution.valeur));
  }
  return keys;
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
    const std::string prefix = MonthPrefix(perimetre, mois);
    absl::Status decoded = absl::OkStatus();
    RETURN_IF_ERROR(reader.Scan(
        prefix, PrefixEnd(prefix), /*reverse=*/false,
        [&](absl::string_view key, absl::string_view value) {
          std::optional<int64_t> count = DecodeCounter(value);
          const absl::string_view rest = key.substr(prefix.size());
          const size_t slash = rest.find('/');
          if (!count.has_value() || slash == absl::string_view::npos) {
            decoded = absl::DataLossError("bad statistics counter");
            return false;
          }
          const std::string dimension(rest.substr(0, slash));
          const std::string valeur(rest.substr(slash + 1));
          tableau.par_dimension[dimension][valeur] += *count;
          tableau.par_mois[mois][dimension][valeur] += *count;
          return true;
        }));
    RETURN_IF_ERROR(decoded);
  }
  return tableau;
}

}  // namespace mediation
