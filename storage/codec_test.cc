#include "storage/codec.h"

#include "domain/saisine_testing.h"
#include "domain/status_matchers.h"
#include "gtest/gtest.h"

namespace mediation {
namespace {

using ::mediation::testing::ExempleSaisineRecue;
using ::mediation::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CodecTest, SaisineRecueRoundTrips) {
  SaisineRecue recue = ExempleSaisineRecue();
  recue.decision_contestee = DecisionContestee{
      absl::CivilDay(2025, 1, 10), Recours::kCra, true, "Refus d'IJ"};
  recue.reclamation_prealable->repondue = true;
  recue.reclamation_prealable->date_reponse = absl::CivilDay(2025, 2, 20);
  recue.montant_centimes = 123456;
  v1::SaisineRecue proto;
  ToProto(recue, &proto);
  ASSERT_OK_AND_ASSIGN(SaisineRecue decoded, FromProto(proto));
  EXPECT_EQ(decoded, recue);
}

TEST(CodecTest, DecisionWithoutRecourseRoundTrips) {
  SaisineRecue recue = ExempleSaisineRecue();
  recue.decision_contestee =
      DecisionContestee{absl::CivilDay(2025, 1, 10), std::nullopt, false, ""};
  v1::SaisineRecue proto;
  ToProto(recue, &proto);
  ASSERT_OK_AND_ASSIGN(SaisineRecue decoded, FromProto(proto));
  EXPECT_EQ(decoded, recue);
}

TEST(CodecTest, RecordedEventRoundTrips) {
  RecordedEvent event;
  event.metadata.event_id = "e1";
  event.metadata.stream_id = "s1";
  event.metadata.stream_version = 1;
  event.metadata.global_position = 42;
  event.metadata.schema_version = kSchemaVersion;
  event.metadata.recorded_at = absl::FromUnixMicros(1700000000123456);
  event.metadata.effective_date = absl::CivilDay(2025, 3, 10);
  event.metadata.actor = "accueil@591";
  event.metadata.correlation_id = "c";
  event.metadata.causation_id = "k";
  event.metadata.request_id = "r";
  event.event = ExempleSaisineRecue();
  const v1::EventRecord record = ToRecord(event);
  EXPECT_EQ(PayloadTypeName(record), "SaisineRecue");
  ASSERT_OK_AND_ASSIGN(RecordedEvent decoded, FromRecord(record));
  EXPECT_EQ(decoded.event, event.event);
  EXPECT_EQ(decoded.metadata.recorded_at, event.metadata.recorded_at);
  EXPECT_EQ(decoded.metadata.global_position, 42u);
  EXPECT_EQ(decoded.metadata.actor, "accueil@591");
  EXPECT_EQ(decoded.metadata.request_id, "r");
}

TEST(CodecTest, ApiInputWithBadDateNamesTheField) {
  v1::SaisineRecue proto;
  ToProto(ExempleSaisineRecue(), &proto);
  proto.mutable_reclamation_prealable()->set_date("2025-02-30");
  EXPECT_THAT(FromProto(proto),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("reclamation_prealable.date")));
}

TEST(CodecTest, StoredGarbageIsDataLossNotACrash) {
  v1::EventRecord record;
  EXPECT_THAT(ParseStored("\xff\xff\xff", "event", &record),
              StatusIs(absl::StatusCode::kDataLoss));
  v1::EventRecord empty;
  EXPECT_THAT(DecodeEvent(empty), StatusIs(absl::StatusCode::kDataLoss));
  v1::EventRecord bad_date;
  bad_date.mutable_saisine_recue()->set_date_reception("nope");
  EXPECT_THAT(DecodeEvent(bad_date), StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace mediation
