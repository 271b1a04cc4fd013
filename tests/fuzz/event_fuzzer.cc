// libFuzzer target: decoding stored bytes (an event record, a saisine
// projection) must give a value or DATA_LOSS, never a crash.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "domain/saisine.h"
#include "mediation/v1/events.pb.h"
#include "storage/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  mediation::v1::EventRecord record;
  if (!mediation::ParseStored(bytes, "event", &record).ok()) return 0;
  absl::StatusOr<mediation::RecordedEvent> event =
      mediation::FromRecord(record);
  if (!event.ok()) {
    if (!absl::IsDataLoss(event.status())) __builtin_trap();
    return 0;
  }
  absl::StatusOr<mediation::SaisineState> state =
      mediation::Apply(mediation::SaisineState{}, event->event);
  if (state.ok()) {
    // A decoded event re-encodes to a record that decodes the same.
    absl::StatusOr<mediation::RecordedEvent> again =
        mediation::FromRecord(mediation::ToRecord(*event));
    if (!again.ok() || !(again->event == event->event)) __builtin_trap();
  }
  return 0;
}
