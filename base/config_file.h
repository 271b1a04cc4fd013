// The configuration file of a binary: every flag, one per line, in one place.
//
//   # Comments and blank lines are ignored.
//   listen = 0.0.0.0:50051
//   data_dir = /var/lib/mediation/data
//   sync = true
//
// A name is a flag's name without dashes; a value is what the flag would
// take after "=" (spaces around it are trimmed; no quoting). The file is
// applied before the command line is parsed, so that a flag given on the
// command line overrides the file.
#ifndef MEDIATION_BASE_CONFIG_FILE_H_
#define MEDIATION_BASE_CONFIG_FILE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mediation {

// The value of `--<flag>=V` or `--<flag> V` (or with one dash) in argv, if
// given, read before flags are parsed.
std::optional<std::string> FlagFromArgs(int argc, char** argv,
                                        absl::string_view flag);

// Sets the flags of `text` (the file's contents; `path` names it in errors).
// INVALID_ARGUMENT "<path>:<line>: …" for a line without "=", an unknown
// flag, or a value the flag refuses; nothing is set then.
absl::Status ApplyConfig(absl::string_view path, absl::string_view text);

// Reads `path` and applies it. NOT_FOUND when it cannot be read.
absl::Status ApplyConfigFile(const std::string& path);

}  // namespace mediation

#endif  // MEDIATION_BASE_CONFIG_FILE_H_
