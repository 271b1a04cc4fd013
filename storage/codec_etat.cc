#include "storage/codec_etat.h"

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "domain/dates.h"
#include "storage/codec.h"

namespace mediation {
namespace {

std::string DateOrEmpty(const std::optional<absl::CivilDay>& day) {
  return day.has_value() ? FormatDate(*day) : std::string();
}

absl::StatusOr<std::optional<absl::CivilDay>> OptionalDate(
    const std::string& text, absl::string_view field) {
  if (text.empty()) return std::nullopt;
  absl::StatusOr<absl::CivilDay> day = ParseDate(text, field);
  if (!day.ok()) return absl::DataLossError(day.status().message());
  return std::optional<absl::CivilDay>(*day);
}

// A stored event part: its decoding error is the store's (DATA_LOSS).
template <typename T, typename P>
absl::StatusOr<T> Part(const P& proto, absl::string_view field) {
  absl::StatusOr<T> value = FromProto(proto);
  if (!value.ok()) {
    return absl::DataLossError(
        absl::StrCat("saisine state ", field, ": ", value.status().message()));
  }
  return value;
}

// The optional part `field` of the proto, if present.
template <typename T, typename P>
absl::Status OptionalPart(bool present, const P& proto, absl::string_view field,
                          std::optional<T>& out) {
  if (!present) return absl::OkStatus();
  ASSIGN_OR_RETURN(out, (Part<T, P>(proto, field)));
  return absl::OkStatus();
}

template <typename T, typename P>
absl::Status RepeatedPart(const google::protobuf::RepeatedPtrField<P>& protos,
                          absl::string_view field, std::vector<T>& out) {
  out.reserve(protos.size());
  for (const P& proto : protos) {
    ASSIGN_OR_RETURN(T value, (Part<T, P>(proto, field)));
    out.push_back(std::move(value));
  }
  return absl::OkStatus();
}

}  // namespace

void EtatToProto(const SaisineState& s, v1::SaisineEtat* p) {
  p->set_version(s.version);
  p->set_statut(s.statut.has_value() ? static_cast<int>(*s.statut) : 0);
  if (s.exists()) ToProto(s.recue, p->mutable_recue());
  if (s.recevabilite) ToProto(*s.recevabilite, p->mutable_recevabilite());
  if (s.irrecevabilite) {
    ToProto(*s.irrecevabilite, p->mutable_irrecevabilite());
  }
  for (const SaisineOrientee& o : s.orientations) {
    ToProto(o, p->add_orientations());
  }
  for (const PeriodeSuspension& periode : s.suspensions) {
    v1::PeriodeSuspensionEtat* stored = p->add_suspensions();
    stored->set_debut(FormatDate(periode.debut));
    stored->set_fin(DateOrEmpty(periode.fin));
  }
  p->set_echanges(s.echanges);
  for (const RecommandationEmise& r : s.recommandations) {
    ToProto(r, p->add_recommandations());
  }
  for (const RecommandationNationaleEmise& r : s.recommandations_nationales) {
    ToProto(r, p->add_recommandations_nationales());
  }
  if (s.recours_cra) ToProto(*s.recours_cra, p->mutable_recours_cra());
  if (s.decision_recours_cra) {
    ToProto(*s.decision_recours_cra, p->mutable_decision_recours_cra());
  }
  if (s.decision_cra) ToProto(*s.decision_cra, p->mutable_decision_cra());
  p->set_prises_en_charge_confirmees(s.prises_en_charge_confirmees);
  if (s.convocation) ToProto(*s.convocation, p->mutable_convocation());
  if (s.conciliation) ToProto(*s.conciliation, p->mutable_conciliation());
  p->set_equite_en_attente(s.equite_en_attente);
  if (s.decision_direction) {
    ToProto(*s.decision_direction, p->mutable_decision_direction());
  }
  p->set_conclusions_le(DateOrEmpty(s.conclusions_le));
  p->set_recours_contentieux_le(DateOrEmpty(s.recours_contentieux_le));
  if (s.cloture) ToProto(*s.cloture, p->mutable_cloture());
  p->set_terminee_le(DateOrEmpty(s.terminee_le));
}

absl::StatusOr<SaisineState> EtatFromProto(const v1::SaisineEtat& p) {
  SaisineState s;
  s.version = p.version();
  if (p.statut() != 0) {
    if (p.statut() < 1 || p.statut() > kStatutMax) {
      return absl::DataLossError(
          absl::StrCat("saisine state: unknown status ", p.statut()));
    }
    s.statut = static_cast<Statut>(p.statut());
  }
  if (p.has_recue()) {
    ASSIGN_OR_RETURN(s.recue, (Part<SaisineRecue>(p.recue(), "recue")));
  }
  RETURN_IF_ERROR(OptionalPart(p.has_recevabilite(), p.recevabilite(),
                               "recevabilite", s.recevabilite));
  RETURN_IF_ERROR(OptionalPart(p.has_irrecevabilite(), p.irrecevabilite(),
                               "irrecevabilite", s.irrecevabilite));
  RETURN_IF_ERROR(
      RepeatedPart(p.orientations(), "orientations", s.orientations));
  for (const v1::PeriodeSuspensionEtat& stored : p.suspensions()) {
    PeriodeSuspension periode;
    ASSIGN_OR_RETURN(std::optional<absl::CivilDay> debut,
                     OptionalDate(stored.debut(), "suspensions.debut"));
    if (!debut.has_value()) {
      return absl::DataLossError("saisine state: a suspension without start");
    }
    periode.debut = *debut;
    ASSIGN_OR_RETURN(periode.fin,
                     OptionalDate(stored.fin(), "suspensions.fin"));
    s.suspensions.push_back(periode);
  }
  s.echanges = p.echanges();
  RETURN_IF_ERROR(
      RepeatedPart(p.recommandations(), "recommandations", s.recommandations));
  RETURN_IF_ERROR(RepeatedPart(p.recommandations_nationales(),
                               "recommandations_nationales",
                               s.recommandations_nationales));
  RETURN_IF_ERROR(OptionalPart(p.has_recours_cra(), p.recours_cra(),
                               "recours_cra", s.recours_cra));
  RETURN_IF_ERROR(OptionalPart(p.has_decision_recours_cra(),
                               p.decision_recours_cra(), "decision_recours_cra",
                               s.decision_recours_cra));
  RETURN_IF_ERROR(OptionalPart(p.has_decision_cra(), p.decision_cra(),
                               "decision_cra", s.decision_cra));
  s.prises_en_charge_confirmees = p.prises_en_charge_confirmees();
  RETURN_IF_ERROR(OptionalPart(p.has_convocation(), p.convocation(),
                               "convocation", s.convocation));
  RETURN_IF_ERROR(OptionalPart(p.has_conciliation(), p.conciliation(),
                               "conciliation", s.conciliation));
  s.equite_en_attente = p.equite_en_attente();
  RETURN_IF_ERROR(OptionalPart(p.has_decision_direction(),
                               p.decision_direction(), "decision_direction",
                               s.decision_direction));
  ASSIGN_OR_RETURN(s.conclusions_le,
                   OptionalDate(p.conclusions_le(), "conclusions_le"));
  ASSIGN_OR_RETURN(
      s.recours_contentieux_le,
      OptionalDate(p.recours_contentieux_le(), "recours_contentieux_le"));
  RETURN_IF_ERROR(
      OptionalPart(p.has_cloture(), p.cloture(), "cloture", s.cloture));
  ASSIGN_OR_RETURN(s.terminee_le, OptionalDate(p.terminee_le(), "terminee_le"));
  return s;
}

}  // namespace mediation
