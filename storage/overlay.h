// Overlay: the writes staged in a WriteBatch that is not yet written, readable
// before it is. Used by the writer to check and project a group of appends,
// each seeing the effects of those staged before it.
//
// Writes go both to the batch and to the overlay. An append is staged between
// Begin() and Commit() or Rollback(); Rollback undoes its writes in both.
//
// Not thread safe: owned by one writer at a time.
#ifndef MEDIATION_STORAGE_OVERLAY_H_
#define MEDIATION_STORAGE_OVERLAY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "storage/projection.h"

namespace mediation {

class Overlay {
 public:
  // Not owned; both must outlive the overlay.
  Overlay(rocksdb::DB* db, rocksdb::WriteBatch* batch)
      : db_(db), batch_(batch) {}

  // The staged value, else the value in the database; nullopt when absent.
  absl::StatusOr<std::optional<std::string>> Get(
      rocksdb::ColumnFamilyHandle* family, const std::string& key) const;
  void Put(rocksdb::ColumnFamilyHandle* family, const std::string& key,
           const std::string& value);
  void Delete(rocksdb::ColumnFamilyHandle* family, const std::string& key);
  // A merge operand (counters); such keys are not readable through Get.
  void Merge(rocksdb::ColumnFamilyHandle* family, const std::string& key,
             const std::string& operand);

  void Begin();
  void Commit();
  void Rollback();
  // Forgets every staged value (after the batch was written and cleared).
  void Clear();

 private:
  using Key = std::pair<uint32_t, std::string>;
  rocksdb::DB* const db_;
  rocksdb::WriteBatch* const batch_;
  std::map<Key, std::optional<std::string>> committed_;
  std::map<Key, std::optional<std::string>> staged_;
};

// The ProjectionWriter of one column family of an Overlay.
class OverlayProjectionWriter final : public ProjectionWriter {
 public:
  OverlayProjectionWriter(Overlay& overlay, rocksdb::ColumnFamilyHandle* family)
      : overlay_(overlay), family_(family) {}

  absl::StatusOr<std::optional<std::string>> Get(
      const std::string& key) override {
    return overlay_.Get(family_, key);
  }
  void Put(const std::string& key, const std::string& value) override {
    overlay_.Put(family_, key, value);
  }
  void Delete(const std::string& key) override {
    overlay_.Delete(family_, key);
  }
  void Add(const std::string& key, int64_t delta) override;

 private:
  Overlay& overlay_;
  rocksdb::ColumnFamilyHandle* const family_;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_OVERLAY_H_
