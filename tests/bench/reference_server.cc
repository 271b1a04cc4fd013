// mediation_reference: the minimal gRPC + RocksDB server that mediationd's
// intake is measured against (issue 13): AccueilService.DeposerSaisine only,
// each deposit one event of 3 puts (the event at its position, the stream's
// head, the request id), appended by one committer thread that writes every
// waiting deposit in one WriteBatch with one sync, then answers. No
// validation, projection, index, statistics, hash chain or authentication:
// what any event store must do at the least, so that the ratio of
// mediationd to it measures what mediationd adds.
//
//   mediation_reference --listen=127.0.0.1:0 --port_file=F --data_dir=D
//
// Plaintext; the load generator runs against it with --insecure (the tokens
// it sends are ignored). Stops on SIGTERM or SIGINT. On SIGUSR1, prints on
// stderr "answered <requests> in_server_seconds <sum>": the requests
// answered so far and the time they spent in the server, from the handler's
// call to its Finish (threads_intake.sh reads it around a run, as it reads
// mediationd's handling-time histogram).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <deque>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "mediation/v1/accueil.grpc.pb.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port (port 0: any).");
ABSL_FLAG(std::string, port_file, "", "Where to write the bound port.");
ABSL_FLAG(std::string, data_dir, "./reference-data", "RocksDB directory.");
ABSL_FLAG(bool, sync, true, "Sync the WAL before answering.");

namespace mediation {
namespace {

std::string BigEndian(uint64_t value) {
  std::string bytes(8, '\0');
  for (int i = 7; i >= 0; --i) {
    bytes[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return bytes;
}

struct Pending {
  std::string event;  // The request's bytes: the event's payload.
  std::string request_id;
  v1::DeposerSaisineResponse* response;
  grpc::ServerUnaryReactor* reactor;
  absl::Time arrived;
};

// One thread; each group: one WriteBatch, one synced write, then answers.
class Committer {
 public:
  Committer(rocksdb::DB* db, bool sync) : db_(db), sync_(sync) {
    thread_ = std::thread([this] { Loop(); });
    // So that a per-thread breakdown (threads_intake.sh, perf) tells it
    // from the main thread.
    pthread_setname_np(thread_.native_handle(), "ref-committer");
  }
  ~Committer() {
    {
      absl::MutexLock lock(&mu_);
      closing_ = true;
    }
    thread_.join();
  }
  // Requests answered, and the microseconds they spent in the server.
  uint64_t answered() const { return answered_.load(); }
  uint64_t in_server_micros() const { return in_server_micros_.load(); }

  void Submit(Pending pending) {
    absl::MutexLock lock(&mu_);
    queue_.push_back(std::move(pending));
  }

 private:
  bool Ready() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return closing_ || !queue_.empty();
  }
  void Loop() {
    for (;;) {
      std::deque<Pending> group;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(this, &Committer::Ready));
        if (queue_.empty()) return;
        group.swap(queue_);
      }
      rocksdb::WriteBatch batch;
      std::vector<std::string> ids;
      for (const Pending& pending : group) {
        ++position_;
        const std::string id = absl::StrCat("ref-", position_);
        batch.Put(BigEndian(position_), pending.event);
        batch.Put(absl::StrCat("h", id), BigEndian(1));
        batch.Put(absl::StrCat("r", pending.request_id), id);
        ids.push_back(id);
      }
      rocksdb::WriteOptions options;
      options.sync = sync_;
      const rocksdb::Status written = db_->Write(options, &batch);
      const absl::Time now = absl::Now();
      for (size_t i = 0; i < group.size(); ++i) {
        in_server_micros_ += absl::ToInt64Microseconds(now - group[i].arrived);
        ++answered_;
        if (written.ok()) {
          group[i].response->set_saisine_id(ids[i]);
          group[i].response->set_version(1);
          group[i].reactor->Finish(grpc::Status::OK);
        } else {
          group[i].reactor->Finish(
              grpc::Status(grpc::StatusCode::UNAVAILABLE, written.ToString()));
        }
      }
    }
  }

  rocksdb::DB* const db_;
  const bool sync_;
  uint64_t position_ = 0;  // Writer thread only.
  std::atomic<uint64_t> answered_{0};
  std::atomic<uint64_t> in_server_micros_{0};
  absl::Mutex mu_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

class ReferenceAccueil final : public v1::AccueilService::CallbackService {
 public:
  explicit ReferenceAccueil(Committer* committer) : committer_(committer) {}
  grpc::ServerUnaryReactor* DeposerSaisine(
      grpc::CallbackServerContext* context,
      const v1::DeposerSaisineRequest* request,
      v1::DeposerSaisineResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    committer_->Submit({request->SerializeAsString(), request->request_id(),
                        response, reactor, absl::Now()});
    return reactor;
  }

 private:
  Committer* const committer_;
};

int Run() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status opened =
      rocksdb::DB::Open(options, absl::GetFlag(FLAGS_data_dir), &raw);
  if (!opened.ok()) {
    std::fprintf(stderr, "rocksdb: %s\n", opened.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  int port = 0;
  {
    Committer committer(db.get(), absl::GetFlag(FLAGS_sync));
    ReferenceAccueil service(&committer);
    grpc::ServerBuilder builder;
    builder.AddListeningPort(absl::GetFlag(FLAGS_listen),
                             grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service);
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    if (server == nullptr || port == 0) {
      std::fprintf(stderr, "cannot listen on %s\n",
                   absl::GetFlag(FLAGS_listen).c_str());
      return 1;
    }
    if (const std::string file = absl::GetFlag(FLAGS_port_file);
        !file.empty()) {
      std::ofstream(file + ".tmp") << port << "\n";
      std::rename((file + ".tmp").c_str(), file.c_str());
    }
    int received = 0;
    while (sigwait(&signals, &received) == 0 && received == SIGUSR1) {
      std::fprintf(stderr, "answered %llu in_server_seconds %.6f\n",
                   static_cast<unsigned long long>(committer.answered()),
                   static_cast<double>(committer.in_server_micros()) / 1e6);
      std::fflush(stderr);
    }
    server->Shutdown();
  }
  return 0;
}

}  // namespace
}  // namespace mediation

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // As in mediationd's main (cmd/mediationd/main.cc), and for the same
  // reason: no lock-order recording on every absl::Mutex.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return mediation::Run();
}
