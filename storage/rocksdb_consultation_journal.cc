// The ConsultationJournal side of RocksDbEventStore.
#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
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

absl::StatusOr<uint64_t> RocksDbEventStore::Record(Consultation consultation) {
  for (const std::string& id : consultation.saisine_ids) {
    RETURN_IF_ERROR(CheckIdentifier(id, "saisine_id"));
  }
  consultation.sequence = last_consultation_.fetch_add(1) + 1;
  v1::Consultation proto;
  proto.set_sequence(consultation.sequence);
  proto.set_at_micros(absl::ToUnixMicros(consultation.at));
  proto.set_acteur(consultation.acteur);
  proto.set_rpc(consultation.rpc);
  rocksdb::WriteBatch batch;
  for (const std::string& id : consultation.saisine_ids) {
    proto.add_saisine_ids(id);
    std::string key = SaisinePrefix(id);
    AppendBigEndian64(consultation.sequence, &key);
    batch.Put(families_.consultations, key, "");
  }
  batch.Put(families_.consultations, SequenceKey(consultation.sequence),
            proto.SerializeAsString());
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  // RocksDB groups concurrent synced writes itself.
  RETURN_IF_ERROR(
      FromRocksDb(db_->Write(write_options, &batch), "record consultation"));
  return consultation.sequence;
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
    v1::Consultation proto;
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
