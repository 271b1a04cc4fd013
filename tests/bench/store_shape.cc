// store_shape: what a store holds, per column family and kind of key: the
// number of entries, and their mean key and value sizes. It shows that the
// reference's --entries=mediationd writes what mediationd writes for a
// deposit (reference_shape_test.sh compares the two stores, per deposit).
//
//   store_shape DATA_DIR
//
// Prints one line per family and kind, in key order of the kinds:
//   <family> <kind> <entries> <mean key bytes> <mean value bytes>
// A kind is, in the projections, the key's first segment ("r/", "u/";
// "x/cs/", "x/s/" for the status indexes; "s/<table>" for a counter table,
// "s/<state>" for a saisine's state); in the streams, the key's first byte
// ("h" a head, "v" a version); elsewhere, the family itself. Opens the store
// read-only, with mediationd's options (the counters' merge operator): the
// store may be mediationd's own, stopped.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"
#include "storage/rocksdb_database.h"

namespace mediation {
namespace {

struct Sizes {
  long entries = 0;
  long key_bytes = 0;
  long value_bytes = 0;
};

std::string Kind(absl::string_view family, absl::string_view key) {
  // A stream's head ("h…") and its version keys ("v…").
  if (family == "streams" && !key.empty()) return std::string(key.substr(0, 1));
  if (family != "projections") return std::string(family);
  if (absl::StartsWith(key, "s/")) {
    // Counter tables: "s/c:<caisse>/…", "s/r:<region>/…", "s/n/…".
    const absl::string_view rest = key.substr(2);
    if (absl::StartsWith(rest, "n/") || (rest.size() > 2 && rest[1] == ':' &&
                                         (rest[0] == 'c' || rest[0] == 'r'))) {
      return "s/<table>";
    }
    return "s/<state>";
  }
  size_t end = key.find('/');
  if (absl::StartsWith(key, "x/")) end = key.find('/', 2);
  if (end == absl::string_view::npos) return std::string(key);
  return std::string(key.substr(0, end + 1));
}

int Run(const std::string& path) {
  rocksdb::Options options;
  std::vector<std::string> names;
  rocksdb::Status status =
      rocksdb::DB::ListColumnFamilies(options, path, &names);
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), status.ToString().c_str());
    return 1;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) {
    families.emplace_back(name, FamilyOptions(options));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  status =
      rocksdb::DB::OpenForReadOnly(options, path, families, &handles, &raw);
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), status.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  for (size_t i = 0; i < handles.size(); ++i) {
    std::map<std::string, Sizes> kinds;
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), handles[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      Sizes& sizes = kinds[Kind(
          names[i], absl::string_view(it->key().data(), it->key().size()))];
      ++sizes.entries;
      sizes.key_bytes += static_cast<long>(it->key().size());
      sizes.value_bytes += static_cast<long>(it->value().size());
    }
    if (!it->status().ok()) {
      std::fprintf(stderr, "%s: %s\n", names[i].c_str(),
                   it->status().ToString().c_str());
      return 1;
    }
    for (const auto& [kind, sizes] : kinds) {
      std::printf("%s %s %ld %.1f %.1f\n", names[i].c_str(), kind.c_str(),
                  sizes.entries,
                  static_cast<double>(sizes.key_bytes) / sizes.entries,
                  static_cast<double>(sizes.value_bytes) / sizes.entries);
    }
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  return 0;
}

}  // namespace
}  // namespace mediation

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: store_shape DATA_DIR\n");
    return 2;
  }
  return mediation::Run(argv[1]);
}
