// Writes seed inputs for the fuzzers: a valid deposit request and a valid
// event record, serialised, so that fuzzing starts from real structure.
//
//   fuzz_seeds REQUEST_DIR EVENT_DIR
#include <fstream>
#include <iostream>

#include "domain/saisine_testing.h"
#include "mediation/v1/accueil.pb.h"
#include "storage/codec.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fuzz_seeds REQUEST_DIR EVENT_DIR\n";
    return 2;
  }
  mediation::SaisineRecue recue = mediation::testing::ExempleSaisineRecue();
  recue.decision_contestee = mediation::DecisionContestee{
      absl::CivilDay(2025, 1, 15), mediation::Recours::kCra, true, "IJ"};
  mediation::v1::SaisineRecue proto;
  mediation::ToProto(recue, &proto);
  mediation::v1::DeposerSaisineRequest request;
  request.set_request_id("seed-1");
  request.set_caisse(proto.caisse());
  *request.mutable_requerant() = proto.requerant();
  request.set_canal(proto.canal());
  request.set_origine(proto.origine());
  request.set_date_reception(proto.date_reception());
  *request.mutable_objet() = proto.objet();
  *request.mutable_reclamation_prealable() = proto.reclamation_prealable();
  *request.mutable_decision_contestee() = proto.decision_contestee();
  std::ofstream(std::string(argv[1]) + "/valid_request")
      << request.SerializeAsString();

  mediation::RecordedEvent event;
  event.metadata.event_id = "e1";
  event.metadata.stream_id = "s1";
  event.metadata.stream_version = 1;
  event.metadata.global_position = 1;
  event.metadata.recorded_at = absl::FromUnixSeconds(1741942800);
  event.metadata.actor = "accueil:seed@591";
  event.event = recue;
  std::ofstream(std::string(argv[2]) + "/valid_event")
      << mediation::ToRecord(event).SerializeAsString();
  return 0;
}
