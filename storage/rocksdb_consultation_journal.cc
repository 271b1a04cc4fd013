#include "storage/rocksdb_consultation_journal.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/ids.h"
#include "base/status_macros.h"
#include "mediation/v1/securite.pb.h"
#include "rocksdb/write_batch.h"
#include "storage/codec.h"
#include "storage/keys.h"
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

std::string RequerantPrefix(const std::string& caisse,
                            const std::string& requerant) {
  return absl::StrCat("r", LengthPrefixed(caisse), LengthPrefixed(requerant));
}

Consultation FromRecord(const v1::ConsultationRecord& proto) {
  Consultation c;
  c.sequence = proto.sequence();
  c.at = absl::FromUnixMicros(proto.at_micros());
  c.acteur = proto.acteur();
  c.rpc = proto.rpc();
  c.saisine_ids.assign(proto.saisine_ids().begin(), proto.saisine_ids().end());
  c.caisse_recherche = proto.caisse_recherche();
  c.requerant = proto.requerant();
  return c;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RocksDbConsultationJournal>>
RocksDbConsultationJournal::Open(RocksDbDatabase& database) {
  std::unique_ptr<RocksDbConsultationJournal> journal(
      new RocksDbConsultationJournal(database));
  RETURN_IF_ERROR(journal->Recover());
  RocksDbConsultationJournal* self = journal.get();
  journal->writer_ = std::make_unique<GroupCommitter<Consultation, uint64_t>>(
      GroupCommitter<Consultation, uint64_t>::Options{
          database.options().max_pending_appends,
          database.options().max_group_size, "mdn-journal"},
      [self](std::vector<Consultation>& group) {
        return self->CommitGroup(group);
      });
  return journal;
}

absl::Status RocksDbConsultationJournal::Recover() {
  std::unique_ptr<rocksdb::Iterator> it(database_.db()->NewIterator(
      rocksdb::ReadOptions(), database_.consultations()));
  it->SeekForPrev(SequenceKey(~uint64_t{0}));
  RETURN_IF_ERROR(FromRocksDb(it->status(), "recover consultations"));
  if (it->Valid() && it->key().starts_with("t")) {
    std::optional<uint64_t> last = DecodeBigEndian64(View(it->key()).substr(1));
    if (!last.has_value()) return absl::DataLossError("bad consultation key");
    last_sequence_.store(*last);
  }
  return absl::OkStatus();
}

void RocksDbConsultationJournal::RecordAsync(Consultation consultation,
                                             RecordCallback done) {
  for (const std::string& id : consultation.saisine_ids) {
    if (absl::Status valid = CheckIdentifier(id, "saisine_id"); !valid.ok()) {
      done(valid);
      return;
    }
  }
  writer_->Submit(std::move(consultation), std::move(done));
}

std::vector<absl::StatusOr<uint64_t>> RocksDbConsultationJournal::CommitGroup(
    std::vector<Consultation>& group) {
  uint64_t sequence = last_sequence_.load();
  rocksdb::WriteBatch batch;
  std::vector<absl::StatusOr<uint64_t>> results;
  for (Consultation& consultation : group) {
    consultation.sequence = ++sequence;
    v1::ConsultationRecord proto;
    proto.set_sequence(consultation.sequence);
    proto.set_at_micros(absl::ToUnixMicros(consultation.at));
    proto.set_acteur(consultation.acteur);
    proto.set_rpc(consultation.rpc);
    std::vector<std::string> index;
    for (const std::string& id : consultation.saisine_ids) {
      proto.add_saisine_ids(id);
      index.push_back(SaisinePrefix(id));
    }
    if (!consultation.requerant.empty()) {
      proto.set_caisse_recherche(consultation.caisse_recherche);
      proto.set_requerant(consultation.requerant);
      index.push_back(RequerantPrefix(consultation.caisse_recherche,
                                      consultation.requerant));
    }
    for (std::string& key : index) {
      AppendBigEndian64(consultation.sequence, &key);
      batch.Put(database_.consultations(), key, "").PermitUncheckedError();
    }
    batch
        .Put(database_.consultations(), SequenceKey(consultation.sequence),
             proto.SerializeAsString())
        .PermitUncheckedError();
    results.push_back(consultation.sequence);
  }
  const absl::Status written = database_.Write(batch, "record consultation");
  if (!written.ok()) {
    return std::vector<absl::StatusOr<uint64_t>>(group.size(), written);
  }
  last_sequence_.store(sequence);
  return results;
}

absl::StatusOr<std::vector<Consultation>>
RocksDbConsultationJournal::ConsultationsOf(const std::string& saisine_id,
                                            uint64_t from,
                                            size_t max_count) const {
  return ReadIndex(SaisinePrefix(saisine_id), from, max_count);
}

absl::StatusOr<std::vector<Consultation>>
RocksDbConsultationJournal::RecherchesDuRequerant(const std::string& caisse,
                                                  const std::string& requerant,
                                                  uint64_t from,
                                                  size_t max_count) const {
  return ReadIndex(RequerantPrefix(caisse, requerant), from, max_count);
}

absl::StatusOr<std::vector<Consultation>> RocksDbConsultationJournal::ReadIndex(
    const std::string& prefix, uint64_t from, size_t max_count) const {
  std::vector<Consultation> consultations;
  std::unique_ptr<rocksdb::Iterator> it(database_.db()->NewIterator(
      rocksdb::ReadOptions(), database_.consultations()));
  for (it->Seek(prefix + BigEndian64(from));
       it->Valid() && it->key().starts_with(prefix) &&
       consultations.size() < max_count;
       it->Next()) {
    std::optional<uint64_t> sequence =
        DecodeBigEndian64(View(it->key()).substr(prefix.size()));
    if (!sequence.has_value()) return absl::DataLossError("bad index key");
    std::string bytes;
    RETURN_IF_ERROR(FromRocksDb(
        database_.db()->Get(rocksdb::ReadOptions(), database_.consultations(),
                            SequenceKey(*sequence), &bytes),
        "read consultation"));
    v1::ConsultationRecord proto;
    RETURN_IF_ERROR(ParseStored(bytes, "consultation", &proto));
    consultations.push_back(FromRecord(proto));
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "read consultations"));
  return consultations;
}

}  // namespace mediation
