// ConcurrencyLimit: at most `max` holders at once, for the calls that read
// the whole store (whole-log integrity, backup): one more is refused at once
// rather than queued behind them.
//
//   static ConcurrencyLimit limit(1);
//   std::optional<ConcurrencyLimit::Slot> slot = limit.TryAcquire();
//   if (!slot) return absl::ResourceExhaustedError("…");
//
// Thread safe.
#ifndef MEDIATION_BASE_CONCURRENCY_LIMIT_H_
#define MEDIATION_BASE_CONCURRENCY_LIMIT_H_

#include <atomic>
#include <optional>

namespace mediation {

class ConcurrencyLimit {
 public:
  explicit ConcurrencyLimit(int max) : max_(max) {}

  // Held while alive; movable, releases once.
  class Slot {
   public:
    explicit Slot(std::atomic<int>* held) : held_(held) {}
    Slot(Slot&& other) noexcept : held_(other.held_) { other.held_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (held_ != nullptr) held_->fetch_sub(1);
    }

   private:
    std::atomic<int>* held_;
  };

  // A slot, or nullopt when `max` are held.
  std::optional<Slot> TryAcquire() {
    if (held_.fetch_add(1) >= max_) {
      held_.fetch_sub(1);
      return std::nullopt;
    }
    return std::optional<Slot>(std::in_place, &held_);
  }

 private:
  const int max_;
  std::atomic<int> held_{0};
};

}  // namespace mediation

#endif  // MEDIATION_BASE_CONCURRENCY_LIMIT_H_
