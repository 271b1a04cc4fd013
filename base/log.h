// Logging to stderr, one line per entry, as text or as JSON.
//
//   text: "<UTC time> <LEVEL> <message> key=value …"
//   json: {"time":"…","level":"INFO","msg":"…","key":"value",…}
//
// The format and the lowest level written are process-wide, set once at start
// (SetLogFormat, SetLogLevel) before threads log; entries below the level are
// dropped. Each entry is written with one write, so that lines of concurrent
// threads never interleave.
//
// Never log personal data (NIR, names, contact details): log identifiers and
// statuses only.
#ifndef MEDIATION_BASE_LOG_H_
#define MEDIATION_BASE_LOG_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mediation {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };
enum class LogFormat { kText, kJson };

// "debug", "info", "warning", "error" (any case); INVALID_ARGUMENT otherwise.
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text);
// "text" or "json"; INVALID_ARGUMENT otherwise.
absl::StatusOr<LogFormat> ParseLogFormat(absl::string_view text);

void SetLogLevel(LogLevel level);
void SetLogFormat(LogFormat format);
bool LogEnabled(LogLevel level);

// A named value of an entry. Strings are escaped as JSON requires; numbers
// are written bare.
struct LogField {
  LogField(absl::string_view key, absl::string_view value)
      : key(key), value(std::string(value)) {}
  LogField(absl::string_view key, const char* value)
      : key(key), value(std::string(value)) {}
  LogField(absl::string_view key, int64_t value) : key(key), value(value) {}
  LogField(absl::string_view key, int value)
      : key(key), value(static_cast<int64_t>(value)) {}
  LogField(absl::string_view key, double value) : key(key), value(value) {}

  absl::string_view key;
  std::variant<std::string, int64_t, double> value;
};

void Log(LogLevel level, absl::string_view message,
         absl::Span<const LogField> fields = {});
inline void Log(LogLevel level, absl::string_view message,
                std::initializer_list<LogField> fields) {
  Log(level, message,
      absl::Span<const LogField>(fields.begin(), fields.size()));
}

// The line Log writes (without its newline), for `time`. Exposed for tests.
std::string FormatLogLine(LogFormat format, absl::string_view time,
                          LogLevel level, absl::string_view message,
                          absl::Span<const LogField> fields);

void LogInfo(absl::string_view message);
void LogWarning(absl::string_view message);
void LogError(absl::string_view message);

}  // namespace mediation

#endif  // MEDIATION_BASE_LOG_H_
