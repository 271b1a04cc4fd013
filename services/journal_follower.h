// Following the log over a server stream, with the callback API: catch up
// from a position, then wait for new events, until the caller leaves, its
// token expires or the server stops. Shared by AuditService.SouscrireJournal
// and CraService.SuivreSaisines.
//
// No thread is held per stream: a stream that has nothing to send is woken
// by the one VeilleurJournal thread of the server (soon after each append,
// and at least every 250 ms to notice an expired token); events are read
// and sent from gRPC's callback threads.
//
//   return Suivre<v1::SouscrireJournalResponse>(deps, context, principal,
//                                              rpc, depuis, garder);
#ifndef MEDIATION_SERVICES_JOURNAL_FOLLOWER_H_
#define MEDIATION_SERVICES_JOURNAL_FOLLOWER_H_

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "mediation/v1/audit.pb.h"
#include "security/principal.h"
#include "services/dependencies.h"
#include "services/grpc_status.h"
#include "storage/event_store.h"

namespace mediation {

// Whether to send `event` of a saisine of `caisse`.
using FiltreJournal =
    std::function<bool(const RecordedEvent& event, const std::string& caisse)>;

class SuiviJournal;

// Wakes the streams that wait for new events: one thread for the server,
// which sleeps while no stream is registered. Thread safe.
class VeilleurJournal {
 public:
  // `log` is not owned and must outlive this.
  explicit VeilleurJournal(const EventStore& log);
  // Stops the thread. REQUIRES: no stream is still registered and alive.
  ~VeilleurJournal();

  // Wakes `suivi` soon after each append and at least every kPoll, until it
  // is done (the veilleur holds it weakly).
  void Inscrire(std::weak_ptr<SuiviJournal> suivi);

  // Ends every stream registered with `status` at once (server shutdown).
  void ToutTerminer(const absl::Status& status);

  static constexpr absl::Duration kPoll = absl::Milliseconds(250);

 private:
  void Loop();
  std::vector<std::shared_ptr<SuiviJournal>> Vivants();

  const EventStore& log_;
  absl::Mutex mu_;
  std::vector<std::weak_ptr<SuiviJournal>> suivis_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// What a SuiviJournal asks of its gRPC reactor.
class EmetteurEvenements {
 public:
  virtual ~EmetteurEvenements() = default;
  // Starts writing `evenement`; the reactor calls EcritureTerminee after.
  virtual void Envoyer(v1::Evenement evenement) = 0;
  // Finishes the call; nothing is sent after.
  virtual void Terminer(const absl::Status& status) = 0;
};

// The state of one stream. Thread safe: gRPC's callbacks and the veilleur
// call it concurrently. Sends the events from `depuis` that `garder` keeps
// and the principal's caisse covers, personal data masked for its role;
// each event sent with personal data is first journaled as a consultation
// through `rpc` (UNAVAILABLE ends the stream when it cannot be). Ends with
// UNAUTHENTICATED once the principal's token has expired, CANCELLED when
// the call is cancelled; with `jusqu_a`, OK once every event up to that
// position is sent (else it follows the log for ever).
class SuiviJournal : public std::enable_shared_from_this<SuiviJournal> {
 public:
  SuiviJournal(const Dependencies& deps, Principal principal, std::string rpc,
               uint64_t depuis, std::optional<uint64_t> jusqu_a,
               FiltreJournal garder, StreamLimiter::Slot slot,
               EmetteurEvenements* emetteur);

  // Sends what there is, or waits; the next step follows each write.
  void Avancer();
  void EcritureTerminee(bool ok);
  void Annuler();
  // Ends the stream with `status` (at once, or after the write under way)
  // unless it is already ending.
  void Terminer(const absl::Status& status);
  // The reactor is done: the emetteur is never called again.
  void Detacher();

 private:
  struct APrendre {
    RecordedEvent event;
    std::string caisse;
  };
  // Fills the buffer from the log; an error to end with, or OK.
  absl::Status Lire() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<std::string> CaisseDe(const RecordedEvent& event)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Emettre(APrendre suivant);

  const Dependencies deps_;
  const Principal principal_;
  const std::string rpc_;
  const std::optional<uint64_t> jusqu_a_;
  const FiltreJournal garder_;
  const StreamLimiter::Slot slot_;
  EmetteurEvenements* const emetteur_;

  absl::Mutex mu_;
  uint64_t next_ ABSL_GUARDED_BY(mu_);
  std::deque<APrendre> tampon_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::string> caisses_ ABSL_GUARDED_BY(mu_);
  bool en_vol_ ABSL_GUARDED_BY(mu_) = false;  // A trace or write under way.
  absl::Status arret_ ABSL_GUARDED_BY(mu_);   // Not OK: end with it.
  bool fini_ ABSL_GUARDED_BY(mu_) = false;    // The emetteur finished.
};

// The gRPC reactor of a stream whose responses carry one `evenement`.
template <typename Response>
class ReacteurSuivi final : public grpc::ServerWriteReactor<Response>,
                            public EmetteurEvenements {
 public:
  void Demarrer(std::shared_ptr<SuiviJournal> suivi) {
    suivi_ = std::move(suivi);
    suivi_->Avancer();
  }
  void Envoyer(v1::Evenement evenement) override {
    response_.Clear();
    *response_.mutable_evenement() = std::move(evenement);
    this->StartWrite(&response_);
  }
  void Terminer(const absl::Status& status) override {
    this->Finish(ToGrpcStatus(status));
  }
  void OnWriteDone(bool ok) override { suivi_->EcritureTerminee(ok); }
  void OnCancel() override {
    if (suivi_ != nullptr) suivi_->Annuler();
  }
  void OnDone() override {
    if (suivi_ != nullptr) suivi_->Detacher();
    delete this;
  }

 private:
  std::shared_ptr<SuiviJournal> suivi_;
  Response response_;
};

// A stream refused before it starts: finished at once with `status`.
template <typename Response>
grpc::ServerWriteReactor<Response>* RefuserFlux(const absl::Status& status) {
  class Refus final : public grpc::ServerWriteReactor<Response> {
   public:
    explicit Refus(const absl::Status& status) {
      this->Finish(ToGrpcStatus(status));
    }
    void OnDone() override { delete this; }
  };
  return new Refus(status);
}

// Starts a stream for `principal` (RESOURCE_EXHAUSTED at once when it, or
// the server, already holds as many as deps.streams allows). With
// `jusqu_a_la_fin`, the stream ends at the log's head as it is now.
template <typename Response>
grpc::ServerWriteReactor<Response>* Suivre(const Dependencies& deps,
                                           const Principal& principal,
                                           absl::string_view rpc,
                                           uint64_t depuis, bool jusqu_a_la_fin,
                                           FiltreJournal garder) {
  absl::StatusOr<StreamLimiter::Slot> slot =
      deps.streams->Acquire(principal.Acteur());
  if (!slot.ok()) return RefuserFlux<Response>(slot.status());
  auto* reacteur = new ReacteurSuivi<Response>();
  std::optional<uint64_t> jusqu_a;
  if (jusqu_a_la_fin) jusqu_a = deps.store->LastPosition();
  auto suivi = std::make_shared<SuiviJournal>(
      deps, principal, std::string(rpc), depuis, jusqu_a, std::move(garder),
      *std::move(slot), reacteur);
  deps.veilleur->Inscrire(suivi);
  reacteur->Demarrer(std::move(suivi));
  return reacteur;
}

}  // namespace mediation

#endif  // MEDIATION_SERVICES_JOURNAL_FOLLOWER_H_
