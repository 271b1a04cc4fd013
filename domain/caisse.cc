#include "domain/caisse.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "domain/caisse_defaut.h"

namespace mediation {
namespace {

absl::StatusOr<CalendrierBase> ParseCalendrier(absl::string_view name) {
  static const auto* const kNames =
      new std::map<absl::string_view, CalendrierBase>{
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
  absl::StatusOr<CalendrierBase> calendrier = ParseCalendrier(fields[4]);
  if (!calendrier.ok()) return calendrier.status();
  return Caisse{std::string(fields[0]),
                std::string(fields[1]),
                std::string(fields[2]),
                std::string(fields[3]),
                *calendrier,
                std::string(fields[5])};
}

// A "ferie" line, read: which caisses it targets and the day.
struct FerieAjoute {
  std::string cible;
  absl::CivilDay jour;
};

absl::StatusOr<FerieAjoute> ParseFerie(absl::string_view line) {
  std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
  if (fields.size() != 4) {
    return absl::InvalidArgumentError(absl::StrCat(
        "ferie: expected 4 tab-separated fields, got ", fields.size()));
  }
  absl::CivilDay jour;
  if (fields[2].size() != 10 || !absl::ParseCivilTime(fields[2], &jour)) {
    return absl::InvalidArgumentError(
        absl::StrCat("ferie: '", fields[2], "' is not a YYYY-MM-DD date"));
  }
  if (fields[1].empty() || fields[3].empty()) {
    return absl::InvalidArgumentError("ferie: empty field");
  }
  if (absl::ConsumePrefix(&fields[1], "calendrier:")) {
    if (absl::Status s = ParseCalendrier(fields[1]).status(); !s.ok()) {
      return s;
    }
    return FerieAjoute{absl::StrCat("calendrier:", fields[1]), jour};
  }
  return FerieAjoute{std::string(fields[1]), jour};
}

bool Cible(absl::string_view cible, const Caisse& caisse, CalendrierBase base) {
  if (cible == "*" || cible == caisse.code) return true;
  absl::string_view nom = cible;
  return absl::ConsumePrefix(&nom, "calendrier:") &&
         *ParseCalendrier(nom) == base;
}

}  // namespace

Calendrier::Calendrier(Base base, std::vector<absl::CivilDay> ajoutes)
    : base_(base) {
  std::sort(ajoutes.begin(), ajoutes.end());
  ajoutes.erase(std::unique(ajoutes.begin(), ajoutes.end()), ajoutes.end());
  if (!ajoutes.empty()) {
    ajoutes_ =
        std::make_shared<const std::vector<absl::CivilDay>>(std::move(ajoutes));
  }
}

const std::vector<absl::CivilDay>& Calendrier::jours_feries_ajoutes() const {
  static const std::vector<absl::CivilDay>* const kAucun =
      new std::vector<absl::CivilDay>();
  return ajoutes_ ? *ajoutes_ : *kAucun;
}

bool Calendrier::EstFerieAjoute(absl::CivilDay day) const {
  return ajoutes_ &&
         std::binary_search(ajoutes_->begin(), ajoutes_->end(), day);
}

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
  std::vector<std::pair<int, FerieAjoute>> feries;
  std::map<std::string, int, std::less<>> seen;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripSuffix(line, "\r");
    if (line.empty() || line.front() == '#') continue;
    if (absl::StartsWith(line, "ferie\t")) {
      absl::StatusOr<FerieAjoute> ferie = ParseFerie(line);
      if (!ferie.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "caisses line ", line_number, ": ", ferie.status().message()));
      }
      feries.emplace_back(line_number, *std::move(ferie));
      continue;
    }
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
  // The added holidays, once every caisse is known.
  std::vector<std::vector<absl::CivilDay>> ajoutes(caisses.size());
  for (const auto& [ligne, ferie] : feries) {
    bool atteint = false;
    for (size_t i = 0; i < caisses.size(); ++i) {
      if (Cible(ferie.cible, caisses[i], caisses[i].calendrier.base())) {
        ajoutes[i].push_back(ferie.jour);
        atteint = true;
      }
    }
    if (!atteint) {
      return absl::InvalidArgumentError(absl::StrCat(
          "caisses line ", ligne, ": ferie: no caisse is '", ferie.cible, "'"));
    }
  }
  for (size_t i = 0; i < caisses.size(); ++i) {
    if (!ajoutes[i].empty()) {
      caisses[i].calendrier =
          Calendrier(caisses[i].calendrier.base(), std::move(ajoutes[i]));
    }
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
