#include "storage/codec.h"

#include <string>
#include <utility>

#include "base/status_matchers.h"
#include "domain/saisine_testing.h"
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

TEST(CodecTest, EveryEventTypeRoundTripsWithEveryFieldSet) {
  const absl::CivilDay d(2025, 3, 12);
  SaisineRecue recue = ExempleSaisineRecue();
  recue.objet.refus_de_soins = true;
  recue.recours_contentieux_en_cours = true;
  recue.saisine_precedente = "s0";
  recue.montant_centimes = 50000;
  recue.requerant.email = "a@b.fr";
  recue.decision_contestee =
      DecisionContestee{absl::CivilDay(2025, 1, 10), Recours::kCmra, true, "x"};
  const std::vector<SaisineEvent> events = {
      recue,
      SaisineRecevable{FondementRecevabilite::kException,
                       MotifPremiereIntention::kRefusCnse,
                       ExceptionRecevabilite::kPrecarite, "j", d},
      SaisineIrrecevable{MotifIrrecevabilite::kHorsCompetence, "e",
                         Destination::kPfidass, d},
      SaisineOrientee{Destination::kMas, "c", d},
      DelaiSuspendu{d},
      DelaiRepris{d + 3, MotifReprise::kFinMediation},
      EchangeConsigne{d, Interlocuteur::kPartenaire, "r"},
      DonneesRectifiees{recue, "m", d},
      RecommandationEmise{TypeRecommandation::kPropositionEquite, "t", d},
      DecisionDirection{true, "m", d},
      ConclusionsCommuniquees{d},
      RecoursContentieuxEngage{d},
      SaisineCloturee{IssueCloture::kOrientationAutreRegime, "c", d},
      RecommandationNationaleEmise{"Revoir la décision", d},
      RecoursPrealableDeclare{"CRA-2025-0042", d - 5, d},
      DecisionRecoursCra{false, d},
      DecisionCraRendue{SensDecisionCra::kAcceptationPartielle, false, d + 9},
      PriseEnChargeConfirmee{"Pris en charge par le service social", d + 2},
      ProfessionnelConvoque{d + 20, d + 1},
      ConciliationTenue{"Accord", d + 20},
  };
  ASSERT_EQ(events.size(), std::variant_size_v<SaisineEvent>);
  for (const SaisineEvent& event : events) {
    v1::EventRecord record;
    EncodeEvent(event, &record);
    EXPECT_EQ(PayloadTypeName(record), EventTypeName(event));
    ASSERT_OK_AND_ASSIGN(SaisineEvent decoded, DecodeEvent(record));
    EXPECT_EQ(decoded, event) << EventTypeName(event);
  }
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

  // Decoded into an event that held another record: nothing of it is left.
  RecordedEvent other = event;
  other.metadata.event_id = "e2";
  other.metadata.stream_version = 2;
  other.metadata.global_position = 43;
  other.metadata.actor = "";
  other.metadata.correlation_id = "";
  other.metadata.causation_id = "";
  other.metadata.request_id = "";
  SaisineRecevable recevable;
  recevable.date_notification = absl::CivilDay(2025, 3, 12);
  other.event = recevable;
  v1::EventRecord other_record = ToRecord(other);
  other_record.set_hash(std::string(32, 'h'));
  ASSERT_OK(FromRecord(other_record, decoded));
  ASSERT_OK_AND_ASSIGN(const RecordedEvent fresh, FromRecord(other_record));
  EXPECT_EQ(decoded.event, fresh.event);
  EXPECT_EQ(decoded.event, other.event);
  for (const RecordedEvent* e : {&std::as_const(decoded), &fresh}) {
    EXPECT_EQ(e->metadata.event_id, "e2");
    EXPECT_EQ(e->metadata.stream_id, "s1");
    EXPECT_EQ(e->metadata.stream_version, 2u);
    EXPECT_EQ(e->metadata.global_position, 43u);
    EXPECT_EQ(e->metadata.actor, "");
    EXPECT_EQ(e->metadata.correlation_id, "");
    EXPECT_EQ(e->metadata.causation_id, "");
    EXPECT_EQ(e->metadata.request_id, "");
    EXPECT_EQ(e->metadata.hash, std::string(32, 'h'));
  }
  EXPECT_EQ(decoded.metadata.effective_date, fresh.metadata.effective_date);
  EXPECT_NE(decoded.metadata.effective_date, event.metadata.effective_date);
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
