#include "storage/proto_arena.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mediation/v1/events.pb.h"

namespace mediation {
namespace {

TEST(ProtoArenaTest, ASmallMessageStaysInTheFirstBlock) {
  ProtoArena<4096> arena;
  auto* record = arena.Create<v1::EventRecord>();
  EXPECT_NE(record->GetArena(), nullptr);
  record->set_stream_id("0192aaaa-bbbb-7ccc-8ddd-100000000000");
  record->set_actor("mediateur:591:dupont");
  record->mutable_saisine_recue()->set_caisse("591");
  record->mutable_saisine_recue()->mutable_requerant()->set_nom("Martin");
  EXPECT_EQ(arena.SpaceAllocated(), 4096u);
}

TEST(ProtoArenaTest, MoreMessagesTakeBlocksFromTheHeap) {
  ProtoArena<1024> arena;
  std::vector<v1::EventRecord*> records;
  for (int i = 0; i < 50; ++i) {
    v1::EventRecord* record = arena.Create<v1::EventRecord>();
    record->set_stream_id(absl::StrCat("s", i));
    record->mutable_saisine_recue()->mutable_requerant()->set_nom("Martin");
    records.push_back(record);
  }
  EXPECT_GT(arena.SpaceAllocated(), 1024u);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(records[i]->stream_id(), absl::StrCat("s", i));
    EXPECT_EQ(records[i]->saisine_recue().requerant().nom(), "Martin");
  }
}

TEST(ProtoArenaTest, MessagesSerialiseAsOnTheHeap) {
  ProtoArena<2048> arena;
  auto* on_arena = arena.Create<v1::EventRecord>();
  v1::EventRecord on_heap;
  for (v1::EventRecord* record : {on_arena, &on_heap}) {
    record->set_stream_id("s1");
    record->set_stream_version(3);
    record->mutable_saisine_recue()->set_caisse("591");
  }
  EXPECT_EQ(on_arena->SerializeAsString(), on_heap.SerializeAsString());
}

TEST(ProtoArenaTest, NewLikeMakesAnEmptyMessageOfThePrototypesType) {
  ProtoArena<2048> arena;
  v1::EventRecord prototype;
  prototype.set_stream_id("s1");
  google::protobuf::Message* made = arena.NewLike(prototype);
  EXPECT_EQ(made->GetDescriptor(), v1::EventRecord::descriptor());
  EXPECT_NE(made->GetArena(), nullptr);
  EXPECT_EQ(made->ByteSizeLong(), 0u);
}

}  // namespace
}  // namespace mediation
