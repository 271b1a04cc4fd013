#include "base/ids.h"

#include <algorithm>

#include "absl/strings/str_format.h"

namespace mediation {
namespace {

bool IsIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
}

}  // namespace

absl::Status CheckIdentifier(const std::string& id, absl::string_view field) {
  if (id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  if (id.size() > 128 || !std::all_of(id.begin(), id.end(), IsIdCharacter)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": 1 to 128 characters among A-Z a-z 0-9 - _ . :"));
  }
  return absl::OkStatus();
}

std::string UuidGenerator::NewId() {
  uint64_t high;
  uint64_t low;
  {
    absl::MutexLock lock(&mu_);
    high = absl::Uniform<uint64_t>(bits_);
    low = absl::Uniform<uint64_t>(bits_);
  }
  high = (high & ~uint64_t{0xF000}) | 0x4000;                    // Version 4.
  low = (low & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // Variant.
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", high >> 32,
                         (high >> 16) & 0xFFFF, high & 0xFFFF, low >> 48,
                         low & 0xFFFFFFFFFFFF);
}

}  // namespace mediation
