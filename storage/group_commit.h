// GroupCommitter: the one write loop of the store, used by the event log and
// by the consultation journal. A writer thread takes every queued item (up
// to `max_group`), hands them to `commit` as one group (one write, one
// sync), then answers each item's callback with its own result: concurrent
// writers share one fsync.
//
//   GroupCommitter<AppendRequest, AppendResult> writer(
//       {.max_pending = 50000, .max_group = 2048},
//       [&](std::vector<AppendRequest>& group) { return CommitGroup(group); });
//   writer.Submit(std::move(request), std::move(done));
//
// Back-pressure: beyond `max_pending` queued items, Submit answers
// RESOURCE_EXHAUSTED at once. The destructor answers what is queued, then
// stops the thread; Submit after it has begun answers UNAVAILABLE.
//
// The asynchronous form (`AsyncCommit`) hands each group and its callbacks
// over instead: `commit` must call every callback exactly once, from any
// thread, and returns as soon as the next group may be taken, so that the
// next group is prepared while the previous one is being written (the event
// log's pipeline, rocksdb_event_log.h).
//
// Thread safety: Submit may be called concurrently; `commit` runs on the
// writer thread only; callbacks run there too (they must not block), or on
// the caller's thread for an immediate refusal.
#ifndef MEDIATION_STORAGE_GROUP_COMMIT_H_
#define MEDIATION_STORAGE_GROUP_COMMIT_H_

#include <deque>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "base/thread_name.h"
#include "storage/store_observer.h"

namespace mediation {

template <typename Item, typename Result>
class GroupCommitter {
 public:
  using Done = std::function<void(absl::StatusOr<Result>)>;
  // Commits a group; returns one result per item, in the group's order.
  using Commit = std::function<std::vector<absl::StatusOr<Result>>(
      std::vector<Item>& group)>;

  // Takes a group and its callbacks (one per item, in the same order).
  using AsyncCommit =
      std::function<void(std::vector<Item>& group, std::vector<Done>& dones)>;

  struct Options {
    size_t max_pending = 50000;
    size_t max_group = 2048;
    // The writer thread's name (base/thread_name.h).
    const char* thread_name = "mdn-committer";
  };

  GroupCommitter(Options options, Commit commit)
      : GroupCommitter(
            options, [commit = std::move(commit)](std::vector<Item>& group,
                                                  std::vector<Done>& dones) {
              std::vector<absl::StatusOr<Result>> results = commit(group);
              for (size_t i = 0; i < dones.size(); ++i) {
                dones[i](std::move(results[i]));
              }
            }) {}
  GroupCommitter(Options options, AsyncCommit commit)
      : options_(options), commit_(std::move(commit)) {
    thread_ = std::thread([this] { Loop(); });
    NameThread(thread_, options_.thread_name);
  }
  ~GroupCommitter() {
    {
      absl::MutexLock lock(&mu_);
      closing_ = true;
    }
    thread_.join();
  }
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Items waiting for the writer (not counting the group being written).
  size_t pending() const {
    absl::MutexLock lock(&mu_);
    return queue_.size();
  }

  void Submit(Item item, Done done) {
    absl::Status refused;
    {
      absl::MutexLock lock(&mu_);
      if (closing_) {
        refused = WithRefusal(absl::UnavailableError("the store is closing"),
                              AppendRefusal::kClosing);
      } else if (queue_.size() >= options_.max_pending) {
        refused = absl::ResourceExhaustedError(
            "too many writes waiting for the disk; retry later");
      } else {
        queue_.push_back({std::move(item), std::move(done)});
        return;
      }
    }
    done(refused);  // Outside the lock: `done` may take its time.
  }

 private:
  struct Pending {
    Item item;
    Done done;
  };

  void Loop() {
    for (;;) {
      std::vector<Item> items;
      std::vector<Done> dones;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(this, &GroupCommitter::Ready));
        if (queue_.empty()) return;  // Closing, and everything answered.
        while (!queue_.empty() && items.size() < options_.max_group) {
          items.push_back(std::move(queue_.front().item));
          dones.push_back(std::move(queue_.front().done));
          queue_.pop_front();
        }
      }
      commit_(items, dones);
    }
  }
  bool Ready() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closing_ || !queue_.empty();
  }

  const Options options_;
  const AsyncCommit commit_;
  mutable absl::Mutex mu_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_GROUP_COMMIT_H_
