// StoreBackup: consistent copies of a whole store, taken while it serves.
#ifndef MEDIATION_STORAGE_BACKUP_H_
#define MEDIATION_STORAGE_BACKUP_H_

#include <string>

#include "absl/status/status.h"

namespace mediation {

// Thread safe.
class StoreBackup {
 public:
  virtual ~StoreBackup() = default;
  // A consistent copy of the whole store in `directory` (which must not
  // exist), taken while it serves; the copy opens as a store of its own.
  // FAILED_PRECONDITION when `directory` exists, UNAVAILABLE on an I/O
  // error.
  virtual absl::Status Checkpoint(const std::string& directory) const = 0;
};

}  // namespace mediation

#endif  // MEDIATION_STORAGE_BACKUP_H_
