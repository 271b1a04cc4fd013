// The ConsultationJournal side of RocksDbEventStore.
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "mediation/v1/securite.pb.h"
#include "rocksdb/write_batch.h"
#include "storage/codec.h"
#include "storage/keys.h"
#include "storage/rocksdb_event_store.h"
#include "storage/rocksdb_util.h"

namespace mediation {
namespace {

std::string SequenceKey(uint64_t sequence) {
  std::string key = "t";
  AppendBigEndian64(sequence, &key);
  return key;
}

std::string SaisinePrefix(const std::string& saisine_id) {
  return absl::StrCat("s", saisine_id, std::string(1, '\0'));
}

}  // namespace

absl::Status RocksDbEventStore::RecoverConsultations() {
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_.consultations));
  it->SeekForPrev(SequenceKey(~uint64_t{0}));
  RETURN_IF_ERROR(FromRocksDb(it->status(), "recover consultations"));
  if (it->Valid() && it->key().starts_with("t")) {
    std::optional<uint64_t> last = DecodeBigEndian64(View(it->key()).substr(1));
    if (!last.has_value()) return absl::DataLossError("bad consultation key");
    last_consultation_.store(*last);
  }
  return absl::OkStatus();
}

void RocksDbEventStore::RecordAsync(Consultation consultation,
                                    RecordCallback done) {
  for (const std::string& id : consultation.saisine_ids) {
    if (absl::Status valid = CheckIdentifier(id, "saisine_id"); !valid.ok()) {
      done(valid);
      return;
    }
  }
  absl::MutexLock lock(&journal_mu_);
  journal_queue_.push_back(
      PendingConsultation{std::move(consultation), std::move(done)});
}

void RocksDbEventStore::JournalLoop() {
  for (;;) {
    std::deque<PendingConsultation> group;
    {
      absl::MutexLock lock(&journal_mu_);
      journal_mu_.Await(absl::Condition(
          +[](RocksDbEventStore* s)
               ABSL_EXCLUSIVE_LOCKS_REQUIRED(s->journal_mu_) {
                 return s->journal_closing_ || !s->journal_queue_.empty();
               },
          this));
      if (journal_queue_.empty()) return;  // Closing, everything answered.
      group.swap(journal_queue_);
    }
    uint64_t sequence = last_consultation_.load();
    rocksdb::WriteBatch batch;
    for (PendingConsultation& pending : group) {
      Consultation& consultation = pending.consultation;
      consultation.sequence = ++sequence;
      v1::ConsultationRecord proto;
      proto.set_sequence(consultation.sequence);
      proto.set_at_micros(absl::ToUnixMicros(consultation.at));
      proto.set_acteur(consultation.acteur);
      proto.set_rpc(consultation.rpc);
      for (const std::string& id : consultation.saisine_ids) {
        proto.add_saisine_ids(id);
        std::string key = SaisinePrefix(id);
        AppendBigEndian64(consultation.sequence, &key);
        batch.Put(families_.consultations, key, "").PermitUncheckedError();
      }
      batch
          .Put(families_.consultations, SequenceKey(consultation.sequence),
               proto.SerializeAsString())
          .PermitUncheckedError();
    }
    rocksdb::WriteOptions write_options;
    write_options.sync = options_.sync;
    const absl::Status written =
        FromRocksDb(db_->Write(write_options, &batch), "record consultation");
    if (written.ok()) last_consultation_.store(sequence);
    for (PendingConsultation& pending : group) {
      if (written.ok()) {
        pending.done(pending.consultation.sequence);
      } else {
        pending.done(absl::UnavailableError(written.message()));
      }
    }
  }
}

absl::StatusOr<std::vector<Consultation>> RocksDbEventStore::ConsultationsOf(
    const std::string& saisine_id, uint64_t from, size_t max_count) const {
  const std::string prefix = SaisinePrefix(saisine_id);
  std::vector<Consultation> consultations;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), families_.consultations));
  for (it->Seek(prefix + BigEndian64(from));
       it->Valid() && it->key().starts_with(prefix) &&
       consultations.size() < max_count;
       it->Next()) {
    std::optional<uint64_t> sequence =
        DecodeBigEndian64(View(it->key()).substr(prefix.size()));
    if (!sequence.has_value()) return absl::DataLossError("bad index key");
    std::string bytes;
    RETURN_IF_ERROR(
        FromRocksDb(db_->Get(rocksdb::ReadOptions(), families_.consultations,
                             SequenceKey(*sequence), &bytes),
                    "read consultation"));
    v1::ConsultationRecord proto;
    RETURN_IF_ERROR(ParseStored(bytes, "consultation", &proto));
    Consultation& c = consultations.emplace_back();
    c.sequence = proto.sequence();
    c.at = absl::FromUnixMicros(proto.at_micros());
    c.acteur = proto.acteur();
    c.rpc = proto.rpc();
    c.saisine_ids.assign(proto.saisine_ids().begin(),
                         proto.saisine_ids().end());
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "read consultations"));
  return consultations;
}

}  // namespace mediation
