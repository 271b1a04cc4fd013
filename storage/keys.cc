#include "storage/keys.h"

#include "absl/strings/str_cat.h"

namespace mediation {

void AppendBigEndian64(uint64_t value, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

std::string BigEndian64(uint64_t value) {
  std::string out;
  AppendBigEndian64(value, &out);
  return out;
}

std::optional<uint64_t> DecodeBigEndian64(absl::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

std::string LengthPrefixed(absl::string_view component) {
  return absl::StrCat(component.size(), ":", component);
}

std::string IdempotencyKey(absl::string_view scope,
                           absl::string_view request_id) {
  if (scope.empty()) return std::string(request_id);
  return absl::StrCat(kScopedRequestPrefix, LengthPrefixed(scope), request_id);
}

std::string PrefixEnd(absl::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(end.back());
    if (last != 0xFF) {
      ++last;
      return end;
    }
    end.pop_back();
  }
  return end;
}

}  // namespace mediation
