// Requests shared by the tests of proto/wire.
#ifndef MEDIATION_PROTO_WIRE_TEST_REQUESTS_H_
#define MEDIATION_PROTO_WIRE_TEST_REQUESTS_H_

#include "mediation/v1/accueil.pb.h"

namespace mediation::wire::testing {

// A deposit that parses, whose description is "remboursement".
inline v1::DeposerSaisineRequest Depot() {
  v1::DeposerSaisineRequest request;
  request.set_request_id("r1");
  request.set_caisse("591");
  request.mutable_requerant()->set_nom("Martin");
  request.mutable_objet()->set_description("remboursement");
  request.set_date_reception("2025-03-10");
  return request;
}

}  // namespace mediation::wire::testing

#endif  // MEDIATION_PROTO_WIRE_TEST_REQUESTS_H_
