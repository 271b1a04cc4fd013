// French number and date formatting for what people read: reports, the
// dashboard, letters. Pure functions.
#ifndef MEDIATION_REPORT_FORMAT_H_
#define MEDIATION_REPORT_FORMAT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace mediation::report {

// 1234567 -> "1 234 567" (narrow no-break space, U+202F, as French
// typography separates thousands).
std::string FormatNombre(int64_t n);

// 38.714 with 1 decimal -> "38,7"; trailing zeros kept ("5,0").
std::string FormatDecimal(double value, int decimals);

// A share in [0, 1] -> "38,7 %" (one decimal, a no-break space before %).
std::string FormatPourcent(double part);

// For a CSV cell: 0.38714 -> "38,71" (two decimals, no sign), so that a
// French spreadsheet reads a number.
std::string CsvPourcent(double part);

// 2025-03-01 -> "1er mars 2025", 2025-03-12 -> "12 mars 2025".
std::string FormatDateLongue(absl::CivilDay day);

// "janvier" ... "décembre"; "janv." ... "déc." when abrege.
std::string NomMois(int month, bool abrege);

// 2025-03 -> "mars 2025".
std::string FormatMois(absl::CivilMonth month);

// Text escaped for HTML and SVG content and attribute values.
std::string EchapperHtml(absl::string_view text);

// A CSV field (';' separated): quoted when it holds ';', '"' or a line
// break, with its quotes doubled.
std::string ChampCsv(absl::string_view text);

// For a URL's query: "region:Hauts-de-France" -> "region%3AHauts-de-France"
// (RFC 3986: letters, digits and -._~ stay, every other byte is %XX).
std::string EncoderUrl(absl::string_view text);

}  // namespace mediation::report

#endif  // MEDIATION_REPORT_FORMAT_H_
