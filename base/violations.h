// FieldViolations: every field a request gets wrong, not only the first, so
// that a caller fixes its request in one round (AIP-193's BadRequest).
//
//   FieldViolations violations;
//   std::optional<absl::CivilDay> date =
//       violations.Take(ParseDate(request.date(), "acte.date"));
//   violations.Add(CheckIdentifier(request.id(), "id"));
//   RETURN_IF_ERROR(violations.ToStatus());
//
// A violation is an INVALID_ARGUMENT status whose message reads
// "<field>: <description>" (the convention of every layer). The statuses
// this class makes carry the list of violations as a payload, read back by
// ViolationsOf; the gRPC edge turns it into google.rpc.BadRequest.
//
// Not thread safe.
#ifndef MEDIATION_BASE_VIOLATIONS_H_
#define MEDIATION_BASE_VIOLATIONS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mediation {

struct FieldViolation {
  std::string field;  // Dotted path of the request field, e.g. "acte.date".
  std::string description;
  friend bool operator==(const FieldViolation&,
                         const FieldViolation&) = default;
};

class FieldViolations {
 public:
  // Records the violations of `status` when it is INVALID_ARGUMENT; keeps
  // any other error to be returned first by ToStatus(). OK is ignored.
  void Add(const absl::Status& status);
  void Add(std::string field, std::string description);

  // The value, or nullopt with its error recorded.
  template <typename T>
  std::optional<T> Take(absl::StatusOr<T> value) {
    if (value.ok()) return *std::move(value);
    Add(value.status());
    return std::nullopt;
  }

  bool empty() const { return violations_.empty() && other_.ok(); }

  // OK when nothing was recorded; else the first error that is not a
  // violation; else INVALID_ARGUMENT "<field>: <why>; <field>: <why>…"
  // carrying every violation.
  absl::Status ToStatus() const;

 private:
  std::vector<FieldViolation> violations_;
  absl::Status other_;
};

// INVALID_ARGUMENT "<field>: <description>", carrying that violation.
absl::Status InvalidField(absl::string_view field,
                          absl::string_view description);

// The violations `status` carries: those of its payload, else the one its
// message names ("<field>: …"). Empty for another code, or a message that
// names no field.
std::vector<FieldViolation> ViolationsOf(const absl::Status& status);

// `status` with `prefix` put before each field it names ("saisine." +
// "requerant.nir"); other statuses unchanged.
absl::Status WithFieldPrefix(const absl::Status& status,
                             absl::string_view prefix);

}  // namespace mediation

#endif  // MEDIATION_BASE_VIOLATIONS_H_
