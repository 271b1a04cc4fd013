#include "base/ids.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace mediation {
namespace {

// Per byte: whether it may appear in an identifier. A table: every
// append's ids are checked on the writer's staging thread.
constexpr std::array<bool, 256> kIdCharacters = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
               c == ':';
  }
  return table;
}();

bool IsIdCharacter(char c) { return kIdCharacters[static_cast<uint8_t>(c)]; }

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
  const int64_t now_ms = absl::ToUnixMillis(now_());
  uint64_t milliseconds;
  uint64_t counter;
  uint64_t random;
  {
    absl::MutexLock lock(&mu_);
    if (now_ms > last_ms_) {
      last_ms_ = now_ms;
      // Half the counter's range, at random: room for 2,048 more ids in
      // this millisecond, and no id of another process to guess from it.
      counter_ = absl::Uniform<uint64_t>(bits_, 0, 0x800);
    } else if (++counter_ > 0xFFF) {
      // 4,096 ids in one millisecond, or a clock gone back: the next
      // millisecond is borrowed, so that ids keep increasing.
      ++last_ms_;
      counter_ = 0;
    }
    milliseconds = static_cast<uint64_t>(last_ms_);
    counter = counter_;
    random = absl::Uniform<uint64_t>(bits_);
  }
  // RFC 9562: unix_ts_ms (48 bits), version 7 (4), rand_a (12, here the
  // counter), variant 0b10 (2), rand_b (62).
  const uint64_t high = (milliseconds << 16) | 0x7000 | counter;
  const uint64_t low = (random >> 2) | (uint64_t{0x2} << 62);
  // "%08x-%04x-%04x-%04x-%012x" of high's and low's bits, written by hand:
  // StrFormat took a microsecond of each deposit (two ids).
  std::string id(36, '-');
  auto hex = [&id](size_t at, uint64_t bits, int digits) {
    for (int i = digits - 1; i >= 0; --i, bits >>= 4) {
      id[at + i] = "0123456789abcdef"[bits & 0xF];
    }
  };
  hex(0, high >> 32, 8);
  hex(9, high >> 16, 4);
  hex(14, high, 4);
  hex(19, low >> 48, 4);
  hex(24, low, 12);
  return id;
}

}  // namespace mediation
