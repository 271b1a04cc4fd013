// mediationctl's offline commands: on a stopped store.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cmd/mediationctl/commands.h"
#include "cmd/mediationctl/common.h"
#include "server/caisses.h"
#include "services/saisine_mapping.h"
#include "storage/anchor.h"
#include "storage/rocksdb_store.h"
#include "storage/saisine_projection.h"

namespace mediation::ctl {

// Opens a stopped store and checks its hash chain and projections. The
// store is not rewritten: projections built under another format,
// referential or key are reported, not rebuilt (the service rebuilds them
// at its next start).
int Verifier(const std::string& directory) {
  // The server's referential: with another, the projection ids would differ
  // and the projections could not be compared.
  absl::StatusOr<CaisseReferentiel> caisses =
      ChargerCaisses(absl::GetFlag(FLAGS_caisses));
  if (!caisses.ok()) {
    std::cerr << "verifier: " << caisses.status() << "\n";
    return kUsage;
  }
  // And the server's NIR index key, for the same reason.
  absl::StatusOr<NirIndexKey> nir_key = NirIndexKey::FromFile(CleIndexNir());
  if (!nir_key.ok()) {
    std::cerr << "verifier: " << nir_key.status().message()
              << " (--cle_index_nir: the server's key)\n";
    return kUsage;
  }
  // The anchors' public key (the server signs with the private half).
  absl::StatusOr<std::optional<AnchorKey>> anchor_key = CleAncrage();
  if (!anchor_key.ok()) {
    std::cerr << "verifier: " << anchor_key.status().message() << "\n";
    return kUsage;
  }
  std::vector<std::unique_ptr<Projection>> projections;
  projections.push_back(
      std::make_unique<SaisineProjection>(*caisses, *nir_key));
  RocksDbStoreOptions options;
  options.rebuild_stale_projections = false;
  if (anchor_key->has_value()) options.anchor_key = &**anchor_key;
  auto store = RocksDbStore::Open(directory, options, std::move(projections));
  if (!store.ok()) {
    std::cerr << "verifier: " << store.status()
              << " (a locked store: stop the server, or verify a backup)\n";
    return kRefused;
  }
  auto report = (*store)->integrity().VerifyIntegrity("");
  if (!report.ok()) {
    std::cerr << "verifier: " << report.status() << "\n";
    return kRefused;
  }
  // The same report as AuditService.VerifierIntegrite.
  v1::VerifierIntegriteResponse rapport;
  RapportToApi(*report, &rapport);
  Print(rapport);
  if (!report->intact) return kRefused;
  const absl::StatusOr<bool> stale = (*store)->projections().Stale();
  if (!stale.ok()) {
    std::cerr << "verifier: " << stale.status() << "\n";
    return kRefused;
  }
  if (*stale) {
    std::cerr << "verifier: the projections were built under another format, "
                 "caisse referential (--caisses) or NIR index key "
                 "(--cle_index_nir) than the ones given, or their rebuild did "
                 "not finish: not compared, and left as they are; mediationd "
                 "rebuilds them from the log at its next start\n";
    return kOk;
  }
  if (const absl::Status projections = (*store)->projections().Verify();
      !projections.ok()) {
    std::cerr << "verifier: the projections differ from a replay of the log: "
              << projections << "\n";
    return kRefused;
  }
  return kOk;
}

int Restaurer(const std::string& source, const std::string& destination) {
  std::error_code error;
  if (std::filesystem::exists(destination)) {
    std::cerr << "restaurer: " << destination << " already exists\n";
    return kUsage;
  }
  std::filesystem::copy(source, destination,
                        std::filesystem::copy_options::recursive, error);
  if (error) {
    std::cerr << "restaurer: " << error.message() << "\n";
    return kRefused;
  }
  return Verifier(destination);
}

}  // namespace mediation::ctl
