#include "storage/rocksdb_util.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/test_util.h"

namespace mediation {
namespace {

using ::testing::ElementsAre;

// The records of a batch, as "op key=value" in their order.
std::vector<std::string> Records(const rocksdb::WriteBatch& batch) {
  struct Lister : rocksdb::WriteBatch::Handler {
    std::vector<std::string> records;
    rocksdb::Status PutCF(uint32_t family, const rocksdb::Slice& key,
                          const rocksdb::Slice& value) override {
      records.push_back("put " + std::to_string(family) + ":" + key.ToString() +
                        "=" + value.ToString());
      return rocksdb::Status::OK();
    }
    rocksdb::Status DeleteCF(uint32_t family,
                             const rocksdb::Slice& key) override {
      records.push_back("delete " + std::to_string(family) + ":" +
                        key.ToString());
      return rocksdb::Status::OK();
    }
    rocksdb::Status MergeCF(uint32_t family, const rocksdb::Slice& key,
                            const rocksdb::Slice& value) override {
      records.push_back("merge " + std::to_string(family) + ":" +
                        key.ToString() + "=" + value.ToString());
      return rocksdb::Status::OK();
    }
  } lister;
  EXPECT_TRUE(batch.Iterate(&lister).ok());
  return lister.records;
}

TEST(JoinBatchesTest, KeepsEveryRecordInOrderAndCountsThem) {
  std::vector<rocksdb::WriteBatch> batches(3);
  ASSERT_TRUE(batches[0].Put("a", "1").ok());
  ASSERT_TRUE(batches[0].Delete("b").ok());
  // batches[1] stays empty.
  ASSERT_TRUE(batches[2].Merge("c", "2").ok());
  ASSERT_TRUE(batches[2].Put("a", "3").ok());
  rocksdb::WriteBatch joined = JoinBatches(batches);
  EXPECT_EQ(joined.Count(), 4u);
  EXPECT_THAT(Records(joined), ElementsAre("put 0:a=1", "delete 0:b",
                                           "merge 0:c=2", "put 0:a=3"));
  EXPECT_TRUE(joined.HasPut());
  EXPECT_TRUE(joined.HasDelete());
  EXPECT_TRUE(joined.HasMerge());
}

TEST(JoinBatchesTest, OneBatchOrNone) {
  std::vector<rocksdb::WriteBatch> none;
  EXPECT_EQ(JoinBatches(none).Count(), 0u);
  std::vector<rocksdb::WriteBatch> one(1);
  ASSERT_TRUE(one[0].Put("a", "1").ok());
  EXPECT_THAT(Records(JoinBatches(one)), ElementsAre("put 0:a=1"));
}

TEST(JoinBatchesTest, AJoinedBatchIsWrittenAsOne) {
  ::mediation::testing::TempDir dir;
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir.path(), &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::vector<rocksdb::WriteBatch> batches(2);
  ASSERT_TRUE(batches[0].Put("a", "1").ok());
  ASSERT_TRUE(batches[0].Put("b", "1").ok());
  ASSERT_TRUE(batches[1].Put("a", "2").ok());
  ASSERT_TRUE(batches[1].Delete("b").ok());
  rocksdb::WriteBatch joined = JoinBatches(batches);
  rocksdb::WriteOptions write;
  write.sync = true;
  const rocksdb::SequenceNumber before = db->GetLatestSequenceNumber();
  ASSERT_TRUE(db->Write(write, &joined).ok());
  // Four records, one sequence number each, in the order of the batches:
  // the later value of a key wins.
  EXPECT_EQ(db->GetLatestSequenceNumber(), before + 4);
  std::string value;
  ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), "a", &value).ok());
  EXPECT_EQ(value, "2");
  EXPECT_TRUE(db->Get(rocksdb::ReadOptions(), "b", &value).IsNotFound());
}

}  // namespace
}  // namespace mediation
