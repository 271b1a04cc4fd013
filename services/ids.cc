#include "services/ids.h"

#include "absl/strings/str_format.h"

namespace mediation {

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
