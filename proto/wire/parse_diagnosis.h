// Why a request's bytes do not parse, named by the field where that can be
// known. Protobuf's parser only says "failed"; gRPC 1.51 then answers
// UNIMPLEMENTED with an empty message. This walks the wire format against
// the message's descriptor to tell the caller which field is wrong.
#ifndef MEDIATION_PROTO_WIRE_PARSE_DIAGNOSIS_H_
#define MEDIATION_PROTO_WIRE_PARSE_DIAGNOSIS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace mediation::wire {

struct ParseFailure {
  // Dotted path of the field, as in every INVALID_ARGUMENT of the API
  // ("objet.description", "requerant.nir"); "requete" when no field can be
  // named (a tag that is not a tag, bytes after the last field).
  std::string field;
  std::string description;  // French, for the caller; never echoes bytes.
};

// The first reason `bytes` is not a valid encoding of `type`: a string
// field that is not UTF-8, a field cut short, an unknown wire type. When
// the walk finds nothing (the parser refused for a reason it does not
// check, e.g. nesting deeper than 100), a generic failure on "requete".
// Pure; `bytes` is not kept.
ParseFailure DiagnoseParseFailure(const google::protobuf::Descriptor& type,
                                  absl::string_view bytes);

}  // namespace mediation::wire

#endif  // MEDIATION_PROTO_WIRE_PARSE_DIAGNOSIS_H_
