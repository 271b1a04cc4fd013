#include "services/administration_service.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "base/violations.h"
#include "security/authorization.h"
#include "services/handler_util.h"

namespace mediation {

absl::Status AdministrationServiceImpl::Sauvegarde(
    const grpc::CallbackServerContext& context,
    const v1::SauvegarderRequest& request,
    v1::SauvegarderResponse* response) const {
  ASSIGN_OR_RETURN(Principal principal,
                   Authorize(*deps_.authenticator, context, rpc::kSauvegarder));
  // The name is an identifier: no separator can take the copy elsewhere,
  // and "." or ".." would name the directory itself or its parent.
  RETURN_IF_ERROR(CheckIdentifier(request.nom(), "nom"));
  if (request.nom() == "." || request.nom() == "..") {
    return InvalidField("nom", "not a name of its own");
  }
  // One backup at a time: each reads the whole store.
  std::optional<ConcurrencyLimit::Slot> slot = sauvegardes_.TryAcquire();
  if (!slot.has_value()) {
    return absl::ResourceExhaustedError(
        "a backup is already being taken; retry once it is done");
  }
  if (deps_.repertoire_sauvegardes.empty()) {
    return absl::FailedPreconditionError(
        "no backup directory is configured (mediationd --backup_dir)");
  }
  std::error_code error;
  std::filesystem::create_directories(deps_.repertoire_sauvegardes, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create the backup directory: ", error.message()));
  }
  const std::string directory =
      (std::filesystem::path(deps_.repertoire_sauvegardes) / request.nom())
          .string();
  const uint64_t position = deps_.store->LastPosition();
  RETURN_IF_ERROR(deps_.backup->Checkpoint(directory));
  LogInfo(absl::StrCat("backup ", directory, " at position ", position, " by ",
                       principal.Acteur()));
  response->set_repertoire(directory);
  response->set_derniere_position(position);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* AdministrationServiceImpl::Sauvegarder(
    grpc::CallbackServerContext* context, const v1::SauvegarderRequest* request,
    v1::SauvegarderResponse* response) {
  return Finish(context, Sauvegarde(*context, *request, response));
}

}  // namespace mediation
