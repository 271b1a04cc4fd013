#include "storage/overlay.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/counter_merge.h"
#include "storage/test_util.h"

namespace mediation {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// A record of a batch: its operation and key, and a merge operand or a
// counter table's full value, decoded.
struct Record {
  std::string op;
  std::string key;
  CounterTable table;
};

std::vector<Record> Records(const rocksdb::WriteBatch& batch) {
  struct Lister : rocksdb::WriteBatch::Handler {
    std::vector<Record> records;
    rocksdb::Status PutCF(uint32_t, const rocksdb::Slice& key,
                          const rocksdb::Slice& value) override {
      // A counter table's full value, decoded; other values are not read.
      const absl::string_view bytes(value.data(), value.size());
      records.push_back(
          {"put", key.ToString(),
           absl::StartsWith(key.ToString(), kCounterTablePrefix)
               ? DecodeCounterTable(bytes).value_or(CounterTable{{"?", -1}})
               : CounterTable{}});
      return rocksdb::Status::OK();
    }
    rocksdb::Status DeleteCF(uint32_t, const rocksdb::Slice& key) override {
      records.push_back({"delete", key.ToString(), {}});
      return rocksdb::Status::OK();
    }
    rocksdb::Status MergeCF(uint32_t, const rocksdb::Slice& key,
                            const rocksdb::Slice& value) override {
      std::optional<CounterTable> table =
          DecodeCounterTable(absl::string_view(value.data(), value.size()));
      EXPECT_TRUE(table.has_value()) << key.ToString();
      records.push_back(
          {"merge", key.ToString(), table.value_or(CounterTable{})});
      return rocksdb::Status::OK();
    }
  } lister;
  EXPECT_TRUE(batch.Iterate(&lister).ok());
  return lister.records;
}

class OverlayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.merge_operator = CounterMergeOperator();
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path(), &raw).ok());
    db_.reset(raw);
  }
  rocksdb::ColumnFamilyHandle* family() { return db_->DefaultColumnFamily(); }

  ::mediation::testing::TempDir dir_;
  std::unique_ptr<rocksdb::DB> db_;
};

TEST_F(OverlayTest, CountersOfSeveralGroupsAreMergedOncePerTable) {
  Overlay::CounterDeltas counters;
  rocksdb::WriteBatch first;
  {
    Overlay overlay(db_.get());
    overlay.Begin();
    overlay.Put(family(), "a", "1");
    overlay.AddCounter(family(), "s/n/2026-12", "statut/recue", 1);
    overlay.AddCounter(family(), "s/c:591/2026-12", "statut/recue", 1);
    overlay.Commit();
    overlay.Begin();
    overlay.AddCounter(family(), "s/n/2026-12", "statut/recue", 1);
    overlay.Commit();
    overlay.Flush(first, counters);
  }
  rocksdb::WriteBatch second;
  {
    Overlay overlay(db_.get());
    overlay.Begin();
    overlay.Put(family(), "b", "2");
    overlay.AddCounter(family(), "s/n/2026-12", "statut/recue", -1);
    overlay.AddCounter(family(), "s/n/2026-12", "statut/close", 1);
    overlay.Commit();
    // Rolled back: counts for nothing.
    overlay.Begin();
    overlay.AddCounter(family(), "s/n/2026-11", "statut/recue", 5);
    overlay.Rollback();
    overlay.Flush(second, counters);
  }
  // The groups' batches hold their puts only.
  const std::vector<Record> firsts = Records(first);
  ASSERT_EQ(firsts.size(), 1u);
  EXPECT_EQ(firsts[0].op, "put");
  const std::vector<Record> seconds = Records(second);
  ASSERT_EQ(seconds.size(), 1u);
  EXPECT_EQ(seconds[0].key, "b");

  rocksdb::WriteBatch counted;
  CounterTableWriter(db_.get(), 64).Write(counters, counted);
  const std::vector<Record> merges = Records(counted);
  // One operand per table, in key order; a counter whose deltas cancel is
  // kept at 0.
  ASSERT_EQ(merges.size(), 2u);
  EXPECT_EQ(merges[0].op, "merge");
  EXPECT_EQ(merges[0].key, "s/c:591/2026-12");
  EXPECT_THAT(merges[0].table, ElementsAre(Pair("statut/recue", 1)));
  EXPECT_EQ(merges[1].key, "s/n/2026-12");
  EXPECT_THAT(merges[1].table,
              ElementsAre(Pair("statut/close", 1), Pair("statut/recue", 1)));

  // Written, the operands sum with what the table held.
  rocksdb::WriteBatch earlier;
  earlier.Merge("s/n/2026-12", EncodeCounterTable({{"statut/recue", 40}}))
      .PermitUncheckedError();
  ASSERT_TRUE(db_->Write(rocksdb::WriteOptions(), &earlier).ok());
  ASSERT_TRUE(db_->Write(rocksdb::WriteOptions(), &counted).ok());
  std::string value;
  ASSERT_TRUE(db_->Get(rocksdb::ReadOptions(), "s/n/2026-12", &value).ok());
  EXPECT_THAT(DecodeCounterTable(value).value_or(CounterTable{}),
              ElementsAre(Pair("statut/close", 1), Pair("statut/recue", 41)));
}

TEST_F(OverlayTest, ATableIsWrittenInFullOnceItsOperandsReachTheBound) {
  // Operands stored before the writer existed count too: the full value is
  // what a read gives, with the write's deltas added.
  rocksdb::WriteBatch earlier;
  earlier.Merge("s/n/2026-12", EncodeCounterTable({{"statut/recue", 40}}))
      .PermitUncheckedError();
  ASSERT_TRUE(db_->Write(rocksdb::WriteOptions(), &earlier).ok());
  CounterTableWriter writer(db_.get(), 3);
  std::vector<std::string> ops;
  for (int write = 1; write <= 8; ++write) {
    Overlay::CounterDeltas counters;
    counters[{family(), "s/n/2026-12"}]["statut/recue"] = 1;
    // A table written once only stays an operand.
    if (write == 1) counters[{family(), "s/n/2026-11"}]["statut/close"] = 2;
    rocksdb::WriteBatch batch;
    writer.Write(counters, batch);
    const std::vector<Record> records = Records(batch);
    ASSERT_EQ(records.size(), write == 1 ? 2u : 1u);
    const Record& record = records.back();
    EXPECT_EQ(record.key, "s/n/2026-12");
    ops.push_back(record.op);
    if (record.op == "put") {
      // Everything before, and this write's delta.
      EXPECT_THAT(record.table, ElementsAre(Pair("statut/recue", 40 + write)));
    }
    ASSERT_TRUE(db_->Write(rocksdb::WriteOptions(), &batch).ok());
    std::string value;
    ASSERT_TRUE(db_->Get(rocksdb::ReadOptions(), "s/n/2026-12", &value).ok());
    EXPECT_THAT(DecodeCounterTable(value).value_or(CounterTable{}),
                ElementsAre(Pair("statut/recue", 40 + write)));
  }
  // Three operands, then the full value, and again.
  EXPECT_THAT(ops, ElementsAre("merge", "merge", "merge", "put", "merge",
                               "merge", "merge", "put"));
  std::string value;
  ASSERT_TRUE(db_->Get(rocksdb::ReadOptions(), "s/n/2026-11", &value).ok());
  EXPECT_THAT(DecodeCounterTable(value).value_or(CounterTable{}),
              ElementsAre(Pair("statut/close", 2)));
}

TEST_F(OverlayTest, AddCounterDeltasEmptiesItsSource) {
  Overlay::CounterDeltas from;
  Overlay::CounterDeltas into;
  from[{family(), "s/n/2026-12"}]["x"] = 2;
  AddCounterDeltas(from, into);
  EXPECT_TRUE(from.empty());
  from[{family(), "s/n/2026-12"}]["x"] = 3;
  from[{family(), "s/n/2026-12"}]["y"] = 0;
  AddCounterDeltas(from, into);
  EXPECT_TRUE(from.empty());
  ASSERT_EQ(into.size(), 1u);
  EXPECT_THAT(into.begin()->second, ElementsAre(Pair("x", 5), Pair("y", 0)));
}

}  // namespace
}  // namespace mediation
