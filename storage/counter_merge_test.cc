#include "storage/counter_merge.h"

#include <deque>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "rocksdb/slice.h"

namespace mediation {
namespace {

// The operator as RocksDB calls it: a full merge of operands onto a value.
std::optional<std::string> Fusionner(const std::string& key,
                                     const std::optional<std::string>& existing,
                                     const std::vector<std::string>& operands) {
  auto op = CounterMergeOperator();
  rocksdb::Slice before;
  if (existing) before = rocksdb::Slice(*existing);
  std::vector<rocksdb::Slice> slices(operands.begin(), operands.end());
  const rocksdb::Slice k(key);
  std::string out;
  rocksdb::Slice existing_operand;
  rocksdb::MergeOperator::MergeOperationOutput merge_out(out, existing_operand);
  if (!op->FullMergeV2(rocksdb::MergeOperator::MergeOperationInput(
                           k, existing ? &before : nullptr, slices, nullptr),
                       &merge_out)) {
    return std::nullopt;
  }
  return out;
}

TEST(CounterTableTest, RoundTripsCanonically) {
  const CounterTable table = {
      {"canal/2", 3}, {"issue/irrecevable", -1}, {"saisines/", 0}};
  const std::string bytes = EncodeCounterTable(table);
  EXPECT_EQ(DecodeCounterTable(bytes), table);
  EXPECT_EQ(DecodeCounterTable(EncodeCounterTable({})), CounterTable());
  // Not a table: another version, a truncated entry, names out of order.
  EXPECT_FALSE(DecodeCounterTable("").has_value());
  EXPECT_FALSE(DecodeCounterTable(std::string(1, '\2')).has_value());
  EXPECT_FALSE(DecodeCounterTable(bytes.substr(0, bytes.size() - 1)));
  std::string swapped = EncodeCounterTable({{"b", 1}});
  swapped += EncodeCounterTable({{"a", 1}}).substr(1);
  EXPECT_FALSE(DecodeCounterTable(swapped).has_value());
  std::string repeated = EncodeCounterTable({{"a", 1}});
  repeated += EncodeCounterTable({{"a", 2}}).substr(1);
  EXPECT_FALSE(DecodeCounterTable(repeated).has_value());
}

TEST(CounterTableTest, ManyOperandsSumAsTheirTables) {
  // What a read of a busy table merges: operands of overlapping names.
  const std::string key = std::string(kCounterTablePrefix) + "n/2025-03";
  CounterTable expected = {{"canal/1", 7}};
  std::vector<std::string> operands;
  for (int i = 0; i < 300; ++i) {
    CounterTable table;
    table[absl::StrCat("motif/", i % 17)] = i % 5 - 2;
    table[absl::StrCat("statut/", i % 3)] = 1;
    if (i % 50 == 0) table["canal/1"] = -1;
    for (const auto& [name, count] : table) expected[name] += count;
    operands.push_back(EncodeCounterTable(table));
  }
  const std::optional<std::string> merged =
      Fusionner(key, EncodeCounterTable({{"canal/1", 7}}), operands);
  ASSERT_TRUE(merged.has_value());
  EXPECT_EQ(DecodeCounterTable(*merged), expected);
  // One bad operand among them fails the whole merge.
  operands.insert(operands.begin() + 150, std::string("\1\5ab", 4));
  EXPECT_FALSE(Fusionner(key, std::nullopt, operands).has_value());
}

TEST(CounterTableTest, MergeSumsByNameAndKeepsZeros) {
  const std::string key = std::string(kCounterTablePrefix) + "n/2025-03";
  std::optional<std::string> merged =
      Fusionner(key, std::nullopt, {EncodeCounterTable({{"a", 2}, {"b", 1}})});
  ASSERT_TRUE(merged.has_value());
  merged = Fusionner(key, merged,
                     {EncodeCounterTable({{"b", -1}, {"c", 5}}),
                      EncodeCounterTable({{"c", 1}})});
  ASSERT_TRUE(merged.has_value());
  EXPECT_EQ(DecodeCounterTable(*merged),
            (CounterTable{{"a", 2}, {"b", 0}, {"c", 6}}));
  // A corrupt operand fails the merge (RocksDB reports corruption).
  EXPECT_FALSE(Fusionner(key, merged, {"xyz"}).has_value());
  // Operands combined before the value is known (compaction).
  std::string partial;
  const std::string first = EncodeCounterTable({{"a", 1}});
  const std::string second = EncodeCounterTable({{"a", 2}, {"d", 1}});
  const std::deque<rocksdb::Slice> operands = {rocksdb::Slice(first),
                                               rocksdb::Slice(second)};
  ASSERT_TRUE(CounterMergeOperator()->PartialMergeMulti(key, operands, &partial,
                                                        nullptr));
  EXPECT_EQ(DecodeCounterTable(partial), (CounterTable{{"a", 3}, {"d", 1}}));
}

TEST(CounterTableTest, SingleCountersOutsideTables) {
  std::optional<std::string> merged =
      Fusionner("n/c:591/2025-03/saisines/", EncodeCounter(4),
                {EncodeCounter(-1), EncodeCounter(2)});
  ASSERT_TRUE(merged.has_value());
  EXPECT_EQ(DecodeCounter(*merged), 5);
}

}  // namespace
}  // namespace mediation
