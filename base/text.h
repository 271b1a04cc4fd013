// Checks on free text received from callers: valid UTF-8, no control
// characters but newline and tab, bounded length.
#ifndef MEDIATION_BASE_TEXT_H_
#define MEDIATION_BASE_TEXT_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mediation {

enum class Presence { kOptional, kRequired };

// OK when `value` is valid UTF-8 of at most `max_bytes` bytes without control
// characters other than '\n' and '\t' (and non-empty when required);
// INVALID_ARGUMENT prefixed by `field` otherwise. Never echoes `value`.
absl::Status ValidateText(absl::string_view value, absl::string_view field,
                          size_t max_bytes, Presence presence);

bool IsValidUtf8(absl::string_view value);

}  // namespace mediation

#endif  // MEDIATION_BASE_TEXT_H_
