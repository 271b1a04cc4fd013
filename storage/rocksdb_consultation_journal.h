// RocksDbConsultationJournal: the ConsultationJournal on a RocksDbDatabase.
//
// Keys (consultations family):
//   "t" BE64(sequence)                 -> v1::ConsultationRecord
//   "s" saisine_id "\0" BE64(sequence) -> ""
//
// Records go through a GroupCommitter of their own (the same loop as the
// event log's, with its queue bound), numbered in order and written in one
// synced batch by RocksDbDatabase::Write (disk reserve, resume after a
// failure).
//
// Thread safety: all methods may be called concurrently.
#ifndef MEDIATION_STORAGE_ROCKSDB_CONSULTATION_JOURNAL_H_
#define MEDIATION_STORAGE_ROCKSDB_CONSULTATION_JOURNAL_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "storage/consultation_journal.h"
#include "storage/group_commit.h"
#include "storage/rocksdb_database.h"

namespace mediation {

class RocksDbConsultationJournal final : public ConsultationJournal {
 public:
  // Reads the last sequence. `database` is not owned and must outlive this.
  // DATA_LOSS for a key that does not decode.
  static absl::StatusOr<std::unique_ptr<RocksDbConsultationJournal>> Open(
      RocksDbDatabase& database);

  void RecordAsync(Consultation consultation, RecordCallback done) override;
  absl::StatusOr<std::vector<Consultation>> ConsultationsOf(
      const std::string& saisine_id, uint64_t from,
      size_t max_count) const override;
  absl::StatusOr<std::vector<Consultation>> RecherchesDuRequerant(
      const std::string& caisse, const std::string& requerant, uint64_t from,
      size_t max_count) const override;

  // Records waiting for the writer (the journal's lag).
  size_t PendingRecords() const { return writer_->pending(); }

 private:
  // The consultations whose index keys start with `prefix`, from `from`.
  absl::StatusOr<std::vector<Consultation>> ReadIndex(const std::string& prefix,
                                                      uint64_t from,
                                                      size_t max_count) const;
  explicit RocksDbConsultationJournal(RocksDbDatabase& database)
      : database_(database) {}
  absl::Status Recover();
  std::vector<absl::StatusOr<uint64_t>> CommitGroup(
      std::vector<Consultation>& group);

  RocksDbDatabase& database_;
  // Only the writer thread changes it.
  std::atomic<uint64_t> last_sequence_{0};
  // Last: its thread stops first.
  std::unique_ptr<GroupCommitter<Consultation, uint64_t>> writer_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_ROCKSDB_CONSULTATION_JOURNAL_H_
