#include "services/arena_allocator.h"

#include <string>

#include "gtest/gtest.h"
#include "mediation/v1/accueil.pb.h"

namespace mediation {
namespace {

using Allocator = ArenaMessageAllocator<v1::DeposerSaisineRequest,
                                        v1::DeposerSaisineResponse>;

TEST(ArenaMessageAllocatorTest, RequestAndResponseShareTheCallsArena) {
  Allocator allocator;
  auto* holder = allocator.AllocateMessages();
  ASSERT_NE(holder->request(), nullptr);
  ASSERT_NE(holder->response(), nullptr);
  EXPECT_NE(holder->request()->GetArena(), nullptr);
  EXPECT_EQ(holder->request()->GetArena(), holder->response()->GetArena());
  holder->Release();
}

TEST(ArenaMessageAllocatorTest, ARequestLargerThanTheFirstBlockStaysWhole) {
  Allocator allocator;
  auto* holder = allocator.AllocateMessages();
  const std::string description(20000, 'd');
  holder->request()->mutable_objet()->set_description(description);
  holder->request()->mutable_requerant()->set_nom("Martin");
  holder->response()->set_saisine_id("s1");
  EXPECT_EQ(holder->request()->objet().description(), description);
  EXPECT_EQ(holder->request()->requerant().nom(), "Martin");
  EXPECT_EQ(holder->response()->saisine_id(), "s1");
  holder->Release();
}

TEST(ArenaMessageAllocatorTest, EachCallHasItsOwnMessages) {
  Allocator allocator;
  auto* first = allocator.AllocateMessages();
  auto* second = allocator.AllocateMessages();
  first->request()->set_caisse("591");
  EXPECT_EQ(second->request()->caisse(), "");
  EXPECT_NE(first->request()->GetArena(), second->request()->GetArena());
  first->Release();
  second->Release();
}

}  // namespace
}  // namespace mediation
