#include "services/journal_follower.h"

#include <algorithm>
#include <utility>

#include "base/status_macros.h"
#include "base/thread_name.h"
#include "domain/personal_data.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"
#include "storage/saisine_projection.h"

namespace mediation {
namespace {

constexpr size_t kBatch = 256;
// Batches read in one step when the filter keeps none of them.
constexpr int kLecturesParPas = 16;
// The caisse of each saisine a stream meets is remembered within a bound.
constexpr size_t kMaxKnown = 100000;

}  // namespace

VeilleurJournal::VeilleurJournal(const EventStore& log) : log_(log) {
  thread_ = std::thread([this] { Loop(); });
  NameThread(thread_, "mdn-follower");
}

VeilleurJournal::~VeilleurJournal() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void VeilleurJournal::Inscrire(std::weak_ptr<SuiviJournal> suivi) {
  absl::MutexLock lock(&mu_);
  suivis_.push_back(std::move(suivi));
}

std::vector<std::shared_ptr<SuiviJournal>> VeilleurJournal::Vivants() {
  absl::MutexLock lock(&mu_);
  std::vector<std::shared_ptr<SuiviJournal>> vivants;
  std::erase_if(suivis_, [&](const std::weak_ptr<SuiviJournal>& weak) {
    std::shared_ptr<SuiviJournal> suivi = weak.lock();
    if (suivi == nullptr) return true;
    vivants.push_back(std::move(suivi));
    return false;
  });
  return vivants;
}

void VeilleurJournal::ToutTerminer(const absl::Status& status) {
  for (const std::shared_ptr<SuiviJournal>& suivi : Vivants()) {
    suivi->Terminer(status);
  }
}

void VeilleurJournal::Loop() {
  uint64_t seen = log_.LastPosition();
  auto eveille = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopping_ || !suivis_.empty();
  };
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      // No stream to wake: the appends are not waited for (the write thread
      // would wake this one at each write for nothing) until one comes.
      mu_.Await(absl::Condition(&eveille));
      if (stopping_) return;
    }
    log_.WaitForPosition(seen + 1, kPoll);
    seen = log_.LastPosition();
    // Outside the lock: a stream's step may read the log and write.
    for (const std::shared_ptr<SuiviJournal>& suivi : Vivants()) {
      suivi->Avancer();
    }
  }
}

SuiviJournal::SuiviJournal(const Dependencies& deps, Principal principal,
                           std::string rpc, uint64_t depuis,
                           std::optional<uint64_t> jusqu_a,
                           FiltreJournal garder, StreamLimiter::Slot slot,
                           EmetteurEvenements* emetteur)
    : deps_(deps),
      principal_(std::move(principal)),
      rpc_(std::move(rpc)),
      jusqu_a_(jusqu_a),
      garder_(std::move(garder)),
      slot_(std::move(slot)),
      emetteur_(emetteur),
      next_(std::max<uint64_t>(1, depuis)) {}

void SuiviJournal::Avancer() {
  absl::Status fin;
  bool terminer = false;
  APrendre suivant;
  {
    absl::MutexLock lock(&mu_);
    if (fini_ || en_vol_) return;
    if (!arret_.ok()) {
      fin = arret_;
    } else if (deps_.clock->Now() >= principal_.expire_a) {
      fin = absl::UnauthenticatedError(
          "the access token expired: the stream ends; reconnect with a new "
          "token from the position of the last event received + 1");
    } else {
      // A batch the filter empties is followed by the next one at once
      // (a few per step, so that a callback thread is not held long).
      for (int lus = 0; fin.ok() && tampon_.empty() && lus < kLecturesParPas &&
                        next_ <= deps_.store->LastPosition() &&
                        (!jusqu_a_.has_value() || next_ <= *jusqu_a_);
           ++lus) {
        fin = Lire();
      }
    }
    if (fin.ok() && tampon_.empty() && jusqu_a_.has_value() &&
        next_ > *jusqu_a_) {
      fini_ = true;  // Everything up to the head asked for is sent.
      terminer = true;
    } else if (fin.ok()) {
      if (tampon_.empty()) return;  // Waits for the veilleur.
      suivant = std::move(tampon_.front());
      tampon_.pop_front();
      en_vol_ = true;
    } else {
      fini_ = true;
      terminer = true;
    }
  }
  if (terminer) {
    emetteur_->Terminer(fin);
    return;
  }
  if (!principal_.VoitDonneesPersonnelles() ||
      !PorteDonneesPersonnelles(suivant.event.event)) {
    Emettre(std::move(suivant));
    return;
  }
  // Journaled before it is sent (décret 2019-341); the write follows once
  // the trace is durable, without holding a thread meanwhile.
  std::optional<Consultation> trace = ConsultationDe(
      deps_, principal_, rpc_, {suivant.event.metadata.stream_id});
  deps_.journal->RecordAsync(
      *std::move(trace),
      [self = shared_from_this(), suivant = std::move(suivant)](
          absl::StatusOr<uint64_t> recorded) mutable {
        if (!recorded.ok()) {
          {
            absl::MutexLock lock(&self->mu_);
            self->en_vol_ = false;
            if (self->arret_.ok()) self->arret_ = recorded.status();
          }
          self->Avancer();  // Ends the stream: nothing leaves untraced.
          return;
        }
        self->Emettre(std::move(suivant));
      });
}

absl::Status SuiviJournal::Lire() {
  // Woken with nothing new (the veilleur's periodic round): no read.
  if (next_ > deps_.store->LastPosition()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::vector<RecordedEvent> events,
                   deps_.store->ReadAll(next_, kBatch));
  for (RecordedEvent& event : events) {
    if (jusqu_a_.has_value() && event.metadata.global_position > *jusqu_a_) {
      break;
    }
    next_ = event.metadata.global_position + 1;
    ASSIGN_OR_RETURN(std::string caisse, CaisseDe(event));
    // The caller's scope is checked on every record, whatever the filter.
    if (!principal_.Couvre(caisse) || !garder_(event, caisse)) continue;
    tampon_.push_back(APrendre{std::move(event), std::move(caisse)});
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SuiviJournal::CaisseDe(const RecordedEvent& event) {
  const std::string& id = event.metadata.stream_id;
  if (auto it = caisses_.find(id); it != caisses_.end()) return it->second;
  std::string caisse;
  if (const auto* recue = std::get_if<SaisineRecue>(&event.event)) {
    caisse = recue->caisse;
  } else {
    ASSIGN_OR_RETURN(SaisineRecord record, GetSaisine(*deps_.projections, id));
    caisse = record.state.recue.caisse;
  }
  if (caisses_.size() >= kMaxKnown) caisses_.clear();
  caisses_.emplace(id, caisse);
  return caisse;
}

void SuiviJournal::Emettre(APrendre suivant) {
  v1::Evenement out;
  EvenementToApi(VuePour(principal_, std::move(suivant.event)), suivant.caisse,
                 &out);
  // en_vol_ is set: no Terminer (hence no OnDone) until the write is done.
  emetteur_->Envoyer(std::move(out));
}

void SuiviJournal::EcritureTerminee(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    en_vol_ = false;
  }
  if (!ok) {
    Terminer(absl::CancelledError("the caller left"));
    return;
  }
  Avancer();
}

void SuiviJournal::Annuler() {
  Terminer(absl::CancelledError("the subscription was cancelled"));
}

void SuiviJournal::Terminer(const absl::Status& status) {
  {
    absl::MutexLock lock(&mu_);
    if (arret_.ok()) arret_ = status;
  }
  Avancer();  // Ends the stream now, or once the write under way is done.
}

void SuiviJournal::Detacher() {
  absl::MutexLock lock(&mu_);
  fini_ = true;
}

}  // namespace mediation
