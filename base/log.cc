#include "base/log.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace mediation {
namespace {

std::atomic<int> log_level{static_cast<int>(LogLevel::kInfo)};
std::atomic<int> log_format{static_cast<int>(LogFormat::kText)};

absl::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARNING";
    case LogLevel::kError:
      return "ERROR";
  }
  return "INFO";
}

// `text` as a JSON string, quotes included. Bytes of 0x80 and above pass as
// they are (the messages are UTF-8).
void AppendJsonString(std::string& out, absl::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<int>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

// A text value: bare when it has no space, quote or control character.
void AppendTextValue(std::string& out, absl::string_view text) {
  const bool bare =
      !text.empty() && text.find_first_of(" \"=\t\r\n") == text.npos;
  if (bare) {
    out.append(text.data(), text.size());
  } else {
    AppendJsonString(out, text);
  }
}

struct AppendValue {
  std::string& out;
  bool json;
  void operator()(const std::string& value) const {
    json ? AppendJsonString(out, value) : AppendTextValue(out, value);
  }
  void operator()(int64_t value) const { absl::StrAppend(&out, value); }
  void operator()(double value) const {
    absl::StrAppendFormat(&out, "%.6g", value);
  }
};

}  // namespace

absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "debug") return LogLevel::kDebug;
  if (lower == "info") return LogLevel::kInfo;
  if (lower == "warning") return LogLevel::kWarning;
  if (lower == "error") return LogLevel::kError;
  return absl::InvalidArgumentError(absl::StrCat(
      "log level: '", text, "' is not one of debug, info, warning, error"));
}

absl::StatusOr<LogFormat> ParseLogFormat(absl::string_view text) {
  if (text == "text") return LogFormat::kText;
  if (text == "json") return LogFormat::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("log format: '", text, "' is not one of text, json"));
}

void SetLogLevel(LogLevel level) { log_level.store(static_cast<int>(level)); }
void SetLogFormat(LogFormat format) {
  log_format.store(static_cast<int>(format));
}
bool LogEnabled(LogLevel level) {
  return static_cast<int>(level) >= log_level.load(std::memory_order_relaxed);
}

std::string FormatLogLine(LogFormat format, absl::string_view time,
                          LogLevel level, absl::string_view message,
                          absl::Span<const LogField> fields) {
  std::string line;
  line.reserve(128);
  if (format == LogFormat::kJson) {
    line.append("{\"time\":");
    AppendJsonString(line, time);
    absl::StrAppend(&line, ",\"level\":\"", LevelName(level), "\",\"msg\":");
    AppendJsonString(line, message);
    for (const LogField& field : fields) {
      line.push_back(',');
      AppendJsonString(line, field.key);
      line.push_back(':');
      std::visit(AppendValue{line, true}, field.value);
    }
    line.push_back('}');
    return line;
  }
  absl::StrAppend(&line, time, " ", LevelName(level), " ", message);
  for (const LogField& field : fields) {
    absl::StrAppend(&line, " ", field.key, "=");
    std::visit(AppendValue{line, false}, field.value);
  }
  return line;
}

void Log(LogLevel level, absl::string_view message,
         absl::Span<const LogField> fields) {
  if (!LogEnabled(level)) return;
  const std::string time = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                            absl::UTCTimeZone());
  std::string line = FormatLogLine(static_cast<LogFormat>(log_format.load()),
                                   time, level, message, fields);
  line.push_back('\n');
  // One write per line: concurrent lines never interleave.
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n =
        ::write(STDERR_FILENO, line.data() + written, line.size() - written);
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

void LogInfo(absl::string_view message) { Log(LogLevel::kInfo, message, {}); }
void LogWarning(absl::string_view message) {
  Log(LogLevel::kWarning, message, {});
}
void LogError(absl::string_view message) { Log(LogLevel::kError, message, {}); }

}  // namespace mediation
