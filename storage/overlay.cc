#include "storage/overlay.h"

#include "storage/counter_merge.h"
#include "storage/rocksdb_util.h"

namespace mediation {

absl::StatusOr<std::optional<std::string>> Overlay::Get(
    rocksdb::ColumnFamilyHandle* family, const std::string& key) const {
  const Key k{family->GetID(), key};
  for (const auto* staged : {&staged_, &committed_}) {
    if (auto it = staged->find(k); it != staged->end()) return it->second;
  }
  std::string value;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), family, key, &value);
  if (status.IsNotFound()) return std::nullopt;
  if (!status.ok()) return FromRocksDb(status, "read");
  return value;
}

void Overlay::Put(rocksdb::ColumnFamilyHandle* family, const std::string& key,
                  const std::string& value) {
  staged_[Key{family->GetID(), key}] = value;
  batch_->Put(family, key, value);
}

void Overlay::Delete(rocksdb::ColumnFamilyHandle* family,
                     const std::string& key) {
  staged_[Key{family->GetID(), key}] = std::nullopt;
  batch_->Delete(family, key);
}

void Overlay::Merge(rocksdb::ColumnFamilyHandle* family, const std::string& key,
                    const std::string& operand) {
  batch_->Merge(family, key, operand);
}

void OverlayProjectionWriter::Add(const std::string& key, int64_t delta) {
  overlay_.Merge(family_, key, EncodeCounter(delta));
}

void Overlay::Begin() {
  staged_.clear();
  batch_->SetSavePoint();
}

void Overlay::Commit() {
  for (auto& [key, value] : staged_) committed_[key] = std::move(value);
  staged_.clear();
  batch_->PopSavePoint().PermitUncheckedError();
}

void Overlay::Rollback() {
  staged_.clear();
  batch_->RollbackToSavePoint().PermitUncheckedError();
}

void Overlay::Clear() {
  staged_.clear();
  committed_.clear();
}

}  // namespace mediation
