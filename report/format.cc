#include "report/format.h"

#include <cmath>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace mediation::report {
namespace {

constexpr char kEspaceFine[] = "\u202f";

}  // namespace

std::string FormatNombre(int64_t n) {
  const std::string digits = absl::StrCat(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += kEspaceFine;
    out += digits[i];
  }
  return out;
}

std::string FormatDecimal(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  std::string text = absl::StrFormat("%.*f", decimals, value);
  if (text == absl::StrFormat("-%.*f", decimals, 0.0)) text.erase(0, 1);
  const size_t point = text.find('.');
  std::string entier = text.substr(0, point);
  const bool negatif = !entier.empty() && entier[0] == '-';
  if (negatif) entier.erase(0, 1);
  int64_t n = 0;
  for (char c : entier) n = n * 10 + (c - '0');
  std::string out = FormatNombre(negatif ? -n : n);
  if (point != std::string::npos) out += "," + text.substr(point + 1);
  return out;
}

std::string FormatPourcent(double part) {
  return FormatDecimal(part * 100.0, 1) + "\u00a0%";
}

std::string CsvPourcent(double part) {
  return absl::StrReplaceAll(absl::StrFormat("%.2f", part * 100.0),
                             {{".", ","}});
}

std::string NomMois(int month, bool abrege) {
  static const char* const kLongs[] = {
      "janvier", "février", "mars",      "avril",   "mai",      "juin",
      "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static const char* const kCourts[] = {"janv.", "févr.", "mars",  "avr.",
                                        "mai",   "juin",  "juil.", "août",
                                        "sept.", "oct.",  "nov.",  "déc."};
  if (month < 1 || month > 12) return "";
  return abrege ? kCourts[month - 1] : kLongs[month - 1];
}

std::string FormatDateLongue(absl::CivilDay day) {
  return absl::StrCat(day.day() == 1 ? "1er" : absl::StrCat(day.day()), " ",
                      NomMois(day.month(), false), " ", day.year());
}

std::string FormatMois(absl::CivilMonth month) {
  return absl::StrCat(NomMois(month.month(), false), " ", month.year());
}

std::string EchapperHtml(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"},
                                    {"<", "&lt;"},
                                    {">", "&gt;"},
                                    {"\"", "&quot;"},
                                    {"'", "&#39;"}});
}

std::string ChampCsv(absl::string_view text) {
  if (text.find_first_of(";\"\r\n") == absl::string_view::npos) {
    return std::string(text);
  }
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

std::string EncoderUrl(absl::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

}  // namespace mediation::report
