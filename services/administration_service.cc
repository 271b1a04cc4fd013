#include "services/administration_service.h"

#include <filesystem>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/log.h"
#include "base/status_macros.h"
#include "base/text.h"
#include "base/violations.h"
#include "security/authorization.h"
#include "services/handler_util.h"
#include "services/saisine_mapping.h"

namespace mediation {

absl::Status AdministrationServiceImpl::Sauvegarde(
    const grpc::CallbackServerContext& context,
    const v1::SauvegarderRequest& request,
    v1::SauvegarderResponse* response) const {
  ASSIGN_OR_RETURN(Principal principal, Admettre(request, *deps_.authenticator,
                                                 context, rpc::kSauvegarder));
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
  if (std::filesystem::exists(directory, error)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the backup directory ", directory, " already exists"));
  }
  const uint64_t position = deps_.store->LastPosition();
  // The copy carries an anchor of the head it starts from (when the server
  // has a signing key and the log an event).
  if (absl::StatusOr<LogAnchor> anchor = AncrerEtJournaliser(
          *deps_.integrity, absl::StrCat("sauvegarde ", request.nom()));
      !anchor.ok() && !absl::IsFailedPrecondition(anchor.status())) {
    return anchor.status();
  }
  RETURN_IF_ERROR(deps_.backup->Checkpoint(directory));
  LogInfo(absl::StrCat("backup ", directory, " at position ", position, " by ",
                       principal.Acteur()));
  response->set_repertoire(directory);
  response->set_derniere_position(position);
  return absl::OkStatus();
}

absl::StatusOr<LogAnchor> AncrerEtJournaliser(
    const IntegrityVerifier& integrity, absl::string_view motif) {
  ASSIGN_OR_RETURN(LogAnchor anchor, integrity.AnchorHead());
  LogInfo(absl::StrCat(
      "anchor position=", anchor.position,
      " hash=", absl::BytesToHexString(anchor.hash), " signed_at_micros=",
      absl::ToUnixMicros(anchor.signed_at), " key=", anchor.key_id,
      " signature=", absl::Base64Escape(anchor.signature), " (", motif, ")"));
  return anchor;
}

absl::Status AdministrationServiceImpl::Ancrer(
    const grpc::CallbackServerContext& context,
    const v1::AncrerJournalRequest& request,
    v1::AncrerJournalResponse* response) const {
  ASSIGN_OR_RETURN(Principal principal, Admettre(request, *deps_.authenticator,
                                                 context, rpc::kAncrerJournal));
  RETURN_IF_ERROR(
      ValidateText(request.motif(), "motif", 200, Presence::kOptional));
  ASSIGN_OR_RETURN(
      LogAnchor anchor,
      AncrerEtJournaliser(
          *deps_.integrity,
          absl::StrCat("demande par ", principal.Acteur(),
                       request.motif().empty() ? "" : ": ", request.motif())));
  response->set_position(anchor.position);
  response->set_hash(absl::BytesToHexString(anchor.hash));
  *response->mutable_signe_le() = ToTimestamp(anchor.signed_at);
  response->set_cle_id(anchor.key_id);
  response->set_signature(absl::Base64Escape(anchor.signature));
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* AdministrationServiceImpl::AncrerJournal(
    grpc::CallbackServerContext* context,
    const v1::AncrerJournalRequest* request,
    v1::AncrerJournalResponse* response) {
  return Finish(context, Ancrer(*context, *request, response));
}

grpc::ServerUnaryReactor* AdministrationServiceImpl::Sauvegarder(
    grpc::CallbackServerContext* context, const v1::SauvegarderRequest* request,
    v1::SauvegarderResponse* response) {
  return Finish(context, Sauvegarde(*context, *request, response));
}

}  // namespace mediation
