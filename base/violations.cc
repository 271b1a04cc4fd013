#include "base/violations.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace mediation {
namespace {

// The payload: one "field\tdescription" line per violation. Our fields and
// descriptions never hold a tab or a newline (they are ours, not input).
constexpr char kPayloadUrl[] = "mediation/field-violations";

bool IsFieldPath(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

absl::Status Carrying(const std::vector<FieldViolation>& violations) {
  std::vector<std::string> parts, lines;
  for (const FieldViolation& v : violations) {
    parts.push_back(absl::StrCat(v.field, ": ", v.description));
    lines.push_back(absl::StrCat(v.field, "\t", v.description));
  }
  absl::Status status = absl::InvalidArgumentError(absl::StrJoin(parts, "; "));
  status.SetPayload(kPayloadUrl, absl::Cord(absl::StrJoin(lines, "\n")));
  return status;
}

}  // namespace

void FieldViolations::Add(const absl::Status& status) {
  if (status.ok()) return;
  std::vector<FieldViolation> found = ViolationsOf(status);
  if (found.empty()) {
    if (status.code() != absl::StatusCode::kInvalidArgument) {
      if (other_.ok()) other_ = status;
      return;
    }
    found.push_back({"", std::string(status.message())});
  }
  for (FieldViolation& v : found) violations_.push_back(std::move(v));
}

void FieldViolations::Add(std::string field, std::string description) {
  violations_.push_back({std::move(field), std::move(description)});
}

absl::Status FieldViolations::ToStatus() const {
  if (!other_.ok()) return other_;
  if (violations_.empty()) return absl::OkStatus();
  return Carrying(violations_);
}

absl::Status InvalidField(absl::string_view field,
                          absl::string_view description) {
  return Carrying({{std::string(field), std::string(description)}});
}

std::vector<FieldViolation> ViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> violations;
  if (status.code() != absl::StatusCode::kInvalidArgument) return violations;
  if (auto payload = status.GetPayload(kPayloadUrl); payload.has_value()) {
    for (absl::string_view line :
         absl::StrSplit(std::string(*payload), '\n', absl::SkipEmpty())) {
      std::pair<std::string, std::string> parts =
          absl::StrSplit(line, absl::MaxSplits('\t', 1));
      violations.push_back({parts.first, parts.second});
    }
    return violations;
  }
  const absl::string_view message = status.message();
  const size_t colon = message.find(": ");
  if (colon != absl::string_view::npos &&
      IsFieldPath(message.substr(0, colon))) {
    violations.push_back({std::string(message.substr(0, colon)),
                          std::string(message.substr(colon + 2))});
  }
  return violations;
}

absl::Status WithFieldPrefix(const absl::Status& status,
                             absl::string_view prefix) {
  std::vector<FieldViolation> violations = ViolationsOf(status);
  if (violations.empty()) return status;
  for (FieldViolation& v : violations) {
    v.field = v.field.empty() ? std::string(prefix.substr(
                                    0, prefix.empty() ? 0 : prefix.size() - 1))
                              : absl::StrCat(prefix, v.field);
  }
  return Carrying(violations);
}

}  // namespace mediation
