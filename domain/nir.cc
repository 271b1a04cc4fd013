#include "domain/nir.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace mediation {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(absl::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// The 13-digit number the key is computed on: "2A" read as 19, "2B" as 18.
uint64_t NumberOf(absl::string_view first13) {
  std::string digits(first13);
  if (digits.compare(5, 2, "2A") == 0) digits.replace(5, 2, "19");
  if (digits.compare(5, 2, "2B") == 0) digits.replace(5, 2, "18");
  uint64_t number = 0;
  for (char c : digits) number = number * 10 + static_cast<uint64_t>(c - '0');
  return number;
}

}  // namespace

int CleNir(absl::string_view first13) {
  return static_cast<int>(97 - NumberOf(first13) % 97);
}

absl::StatusOr<std::string> NormaliserNir(absl::string_view nir,
                                          absl::string_view field) {
  auto invalid = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
  };
  std::string canonical;
  canonical.reserve(15);
  for (char c : nir) {
    if (c == ' ') continue;
    canonical.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  if (canonical.size() != 15) {
    return invalid("a NIR has 15 characters");
  }
  const absl::string_view view(canonical);
  const absl::string_view departement = view.substr(5, 2);
  const bool corse = departement == "2A" || departement == "2B";
  if (!AllDigits(view.substr(0, 5)) || !(corse || AllDigits(departement)) ||
      !AllDigits(view.substr(7))) {
    return invalid("a NIR has digits only, but for 2A/2B in Corsica");
  }
  const char sexe = view[0];
  if (sexe != '1' && sexe != '2' && sexe != '7' && sexe != '8') {
    return invalid("the first character of a NIR is 1, 2, 7 or 8");
  }
  const int cle = (view[13] - '0') * 10 + (view[14] - '0');
  if (cle != CleNir(view.substr(0, 13))) {
    return invalid("the NIR key does not match (97 - number mod 97)");
  }
  return canonical;
}

}  // namespace mediation
