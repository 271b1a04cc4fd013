#include "services/grpc_status.h"

#include <string>

#include "base/violations.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace mediation {
namespace {

// What a client can switch on, beside the code.
const char* Reason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return "CHAMP_INVALIDE";
    case absl::StatusCode::kFailedPrecondition:
      return "TRANSITION_INTERDITE";
    case absl::StatusCode::kAborted:
      return "VERSION_PERIMEE";
    case absl::StatusCode::kNotFound:
      return "INTROUVABLE";
    case absl::StatusCode::kAlreadyExists:
      return "EXISTE_DEJA";
    case absl::StatusCode::kPermissionDenied:
      return "NON_AUTORISE";
    case absl::StatusCode::kUnauthenticated:
      return "NON_AUTHENTIFIE";
    case absl::StatusCode::kResourceExhausted:
      return "SURCHARGE";
    case absl::StatusCode::kUnavailable:
      return "INDISPONIBLE";
    case absl::StatusCode::kDataLoss:
      return "DONNEES_ALTEREES";
    case absl::StatusCode::kDeadlineExceeded:
      return "DELAI_DEPASSE";
    case absl::StatusCode::kCancelled:
      return "ANNULE";
    default:
      return "ERREUR_INTERNE";
  }
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(std::string(status.message()));
  google::rpc::ErrorInfo info;
  info.set_reason(Reason(status.code()));
  info.set_domain(kErrorDomain);
  details.add_details()->PackFrom(info);
  const std::vector<FieldViolation> violations = ViolationsOf(status);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const FieldViolation& v : violations) {
      google::rpc::BadRequest::FieldViolation* out =
          bad_request.add_field_violations();
      out->set_field(v.field);
      out->set_description(v.description);
    }
    details.add_details()->PackFrom(bad_request);
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()),
                      details.SerializeAsString());
}

}  // namespace mediation
