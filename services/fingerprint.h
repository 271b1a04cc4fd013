// Fingerprints of client requests, stored with their request id so that a
// retry can be told from a different request reusing the id.
#ifndef MEDIATION_SERVICES_FINGERPRINT_H_
#define MEDIATION_SERVICES_FINGERPRINT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace mediation {

// SHA-256 of the request's type name (one per RPC) and of the deterministic
// serialisation of `request` without its
// `request_id` and `correlation_id` fields, nor those of its `commun` header
// (which a retry may change or which identify the request itself). Stable
// across processes and builds of the same schema.
std::string RequestFingerprint(const google::protobuf::Message& request);

// The idempotency scope of `request` on a saisine of `caisse`
// (AppendRequest::request_scope): the caisse and the request's type (one
// per RPC), each length-prefixed.
std::string RequestScope(absl::string_view caisse,
                         const google::protobuf::Message& request);

}  // namespace mediation

#endif  // MEDIATION_SERVICES_FINGERPRINT_H_
