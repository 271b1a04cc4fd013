#include "domain/caisse.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "domain/caisse_defaut.h"

namespace mediation {
namespace {

absl::StatusOr<Calendrier> ParseCalendrier(absl::string_view name) {
  static const auto* const kNames = new std::map<absl::string_view, Calendrier>{
      {"metropole", Calendrier::kMetropole},
      {"alsace-moselle", Calendrier::kAlsaceMoselle},
      {"guadeloupe", Calendrier::kGuadeloupe},
      {"martinique", Calendrier::kMartinique},
      {"guyane", Calendrier::kGuyane},
      {"reunion", Calendrier::kReunion},
      {"mayotte", Calendrier::kMayotte},
  };
  auto it = kNames->find(name);
  if (it == kNames->end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown calendrier '", name, "'"));
  }
  return it->second;
}

absl::StatusOr<Caisse> ParseLine(absl::string_view line) {
  std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
  if (fields.size() != 6) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected 6 tab-separated fields, got ", fields.size()));
  }
  for (absl::string_view field : fields) {
    if (field.empty()) return absl::InvalidArgumentError("empty field");
  }
  absl::StatusOr<Calendrier> calendrier = ParseCalendrier(fields[4]);
  if (!calendrier.ok()) return calendrier.status();
  return Caisse{std::string(fields[0]),
                std::string(fields[1]),
                std::string(fields[2]),
                std::string(fields[3]),
                *calendrier,
                std::string(fields[5])};
}

}  // namespace

CaisseReferentiel::CaisseReferentiel(std::vector<Caisse> caisses)
    : caisses_(std::move(caisses)) {
  for (size_t i = 0; i < caisses_.size(); ++i) {
    index_.emplace(caisses_[i].code, i);
  }
}

const Caisse* CaisseReferentiel::Find(absl::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &caisses_[it->second];
}

absl::StatusOr<CaisseReferentiel> ParseCaisseReferentiel(
    absl::string_view text) {
  std::vector<Caisse> caisses;
  std::map<std::string, int, std::less<>> seen;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripSuffix(line, "\r");
    if (line.empty() || line.front() == '#') continue;
    absl::StatusOr<Caisse> caisse = ParseLine(line);
    if (!caisse.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "caisses line ", line_number, ": ", caisse.status().message()));
    }
    if (!seen.emplace(caisse->code, line_number).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "caisses line ", line_number, ": duplicate code ", caisse->code));
    }
    caisses.push_back(*std::move(caisse));
  }
  if (caisses.empty()) {
    return absl::InvalidArgumentError("caisses: no caisse defined");
  }
  return CaisseReferentiel(std::move(caisses));
}

const CaisseReferentiel& CaisseReferentielParDefaut() {
  static const CaisseReferentiel* const kDefaut = [] {
    absl::StatusOr<CaisseReferentiel> parsed =
        ParseCaisseReferentiel(kCaisseReferentielParDefaut);
    // The embedded table is part of the program: a parse error is a bug.
    if (!parsed.ok()) std::abort();
    return new CaisseReferentiel(*std::move(parsed));
  }();
  return *kDefaut;
}

}  // namespace mediation
