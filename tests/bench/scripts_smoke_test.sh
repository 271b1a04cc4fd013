#!/usr/bin/env bash
# The intake and rebuild comparison scripts, the per-thread breakdown and
# the price list of a deposit's entries run as documented and print their
# summary, in a short mode (intake: 1 round of 1 s, 8 in flight; rebuild:
# 1 round on 10,000 saisines): the figures themselves are taken by hand
# (RESULTS.md), but a script that no longer runs is caught here.
#
#   scripts_smoke_test.sh BUILD_DIR REPO
set -euo pipefail
BUILD=$1 REPO=$2
MEDIATIOND=$BUILD/cmd/mediationd/mediationd

fail() { echo "FAIL: $*" >&2; exit 1; }
positive() { awk -v x="$1" 'BEGIN{exit !(x > 0)}'; }

# B with a flag of its own (as RESULTS.md measures what the sync costs).
ab=$(B_FLAGS=--sync=false bash "$REPO/tests/bench/ab_intake.sh" "$BUILD" \
  "$MEDIATIOND" "$MEDIATIOND" 1 1s 8)
echo "$ab"
grep -q "^B $MEDIATIOND --sync=false: median " <<<"$ab" ||
  fail "ab_intake.sh: B's summary does not name its flags"
line=$(grep '^B/A: ' <<<"$ab") || fail "ab_intake.sh printed no B/A line"
ratio=$(awk '{print $2}' <<<"$line")
positive "$ratio" || fail "ab_intake.sh: ratio $ratio"
grep -Eq '^paired: B ahead in [01] of 1 rounds \(sign test p = 1\.000\); B/A per round: median [0-9.]+ ' <<<"$ab" ||
  fail "ab_intake.sh printed no paired line for its one round"
for run in A B; do
  rate=$(awk -v r="$run" '$1 == 1 && $2 == r {print $3}' <<<"$ab")
  cpu=$(awk -v r="$run" '$1 == 1 && $2 == r {print $5}' <<<"$ab")
  positive "${rate:-0}" || fail "ab_intake.sh: $run served ${rate:-nothing}/s"
  positive "${cpu:-0}" || fail "ab_intake.sh: $run CPU per deposit ${cpu:-missing}"
done

compare=$(REFERENCE_ALSO_AT=4 REFERENCE_ENTRIES=mediationd \
  bash "$REPO/tests/bench/compare_intake.sh" "$BUILD" 1 1s 8)
echo "$compare"
line=$(grep '^median: reference ' <<<"$compare") || fail "compare_intake.sh printed no median"
ref=$(sed -E 's/^median: reference ([0-9.]+)\/s.*/\1/' <<<"$line")
med=$(sed -E 's/.*mediationd ([0-9.]+)\/s.*/\1/' <<<"$line")
positive "$ref" || fail "compare_intake.sh: reference $ref/s"
positive "$med" || fail "compare_intake.sh: mediationd $med/s"
grep -q '^disk: a synced 4 KiB write takes [0-9.]* ms' <<<"$compare" ||
  fail "compare_intake.sh printed no disk sync time"
line=$(grep '^CPU per request ' <<<"$compare") || fail "compare_intake.sh printed no CPU per request"
for server in reference mediationd; do
  us=$(grep -oE " $server [0-9.]+ \+ client [0-9.]+" <<<"$line") ||
    fail "compare_intake.sh: no CPU per request of $server in '$line'"
  positive "$(awk '{print $2}' <<<"$us")" || fail "compare_intake.sh: $server's CPU per request in '$line'"
  positive "$(awk '{print $5}' <<<"$us")" || fail "compare_intake.sh: the client's CPU beside $server in '$line'"
done

line=$(grep "^median: reference with mediationd's entries (mediationd) " <<<"$compare") ||
  fail "compare_intake.sh printed no median for the reference with mediationd's entries"
positive "$(sed -E 's/.*\(mediationd\) ([0-9.]+)\/s.*/\1/' <<<"$line")" ||
  fail "compare_intake.sh: $line"
grep -Eq ": [0-9.]+ x the reference; mediationd [0-9.]+ x it$" <<<"$line" ||
  fail "compare_intake.sh: no ratios in '$line'"
grep -Eq "reference with mediationd's entries [0-9.]+ \+ client [0-9.]+$" <<<"$compare" ||
  fail "compare_intake.sh: no CPU per request of the reference with mediationd's entries"

line=$(grep '^reference at 4 in flight: median ' <<<"$compare") ||
  fail "compare_intake.sh printed no line for the reference at 4 in flight"
positive "$(sed -E 's/.*median ([0-9.]+)\/s.*/\1/' <<<"$line")" ||
  fail "compare_intake.sh: $line"
positive "$(sed -E 's/.*µs\) ([0-9.]+) \+ client.*/\1/' <<<"$line")" ||
  fail "compare_intake.sh: the reference's CPU per request in '$line'"

isolated=$(ISOLATED=fresh REFERENCE_ENTRIES=mediationd \
  bash "$REPO/tests/bench/compare_intake.sh" "$BUILD" 1 1s 8)
echo "$isolated"
grep -Eq '^median: reference [0-9.]+/s, mediationd [0-9.]+/s, ratio [0-9.]+ \(8 in flight, 1s x 1, interleaved, isolated, fresh stores\)$' \
  <<<"$isolated" || fail "compare_intake.sh with ISOLATED=fresh printed no median of isolated runs"
[ "$(grep -cE '^1 +(reference|ref-entries|mediationd) +[1-9][0-9]* ' <<<"$isolated")" = 3 ] ||
  fail "compare_intake.sh with ISOLATED=fresh: not one run of each server"

costs=$(VARIANTS="version x_s,counters" bash "$REPO/tests/bench/entry_costs.sh" "$BUILD" 1 1s 8)
echo "$costs"
table=$(awk '/^medians /{on = 1; next} on && $1 != "server"' <<<"$costs")
[ "$(awk '{print $1}' <<<"$table" | tr '\n' ' ')" = "reference all -version -x_s,counters " ] ||
  fail "entry_costs.sh: its medians are not one per server: $table"
while read -r name rate us to_all _; do
  positive "$rate" || fail "entry_costs.sh: $name served $rate/s"
  positive "$us" || fail "entry_costs.sh: $name's CPU per request is $us"
  positive "$to_all" || fail "entry_costs.sh: $name's ratio to all the entries is $to_all"
  positive "$(awk '{print $NF}' <<<"$(grep "^$name " <<<"$table")")" ||
    fail "entry_costs.sh: no ratio of $name to the reference"
done <<<"$table"

threads=$(REFERENCE_IN_FLIGHT=4 bash "$REPO/tests/bench/threads_intake.sh" "$BUILD" 1 1s 8)
echo "$threads"
grep -qE '^1 +reference +4 in flight: [0-9]+/s, .*, store [0-9]+ MB; mean latency [0-9.]+ ms, of which [0-9.]+ ms in the server$' <<<"$threads" ||
  fail "threads_intake.sh: no run of the reference at 4 in flight with its latency"
grep -qE '^1 +mediationd +8 in flight: [0-9]+/s, .*, store [0-9]+ MB; [0-9]+ writes/s, [0-9.]+ deposits a write, [0-9.]+ ms a write; mean latency [0-9.]+ ms, of which [0-9.]+ ms in the server$' <<<"$threads" ||
  fail "threads_intake.sh: no run of mediationd with its writes and latency"
# A request's time in the server is part of the latency the client sees.
while read -r latency in_server; do
  awk -v l="$latency" -v s="$in_server" 'BEGIN{exit !(s > 0 && s < l)}' ||
    fail "threads_intake.sh: $in_server ms in the server of a $latency ms latency"
done < <(grep -E '^1 ' <<<"$threads" | sed -E 's/.*mean latency ([0-9.]+) ms, of which ([0-9.]+) ms.*/\1 \2/')
all=$(grep -c '^  all threads ' <<<"$threads") || true
[ "$all" = 2 ] || fail "threads_intake.sh: $all 'all threads' lines, not one per server"
while read -r us; do
  positive "$us" || fail "threads_intake.sh: a server's CPU per request is $us"
done < <(awk '/^  all threads /{print $3}' <<<"$threads")
for thread in ref-committer mdn-wal-writer; do
  us=$(awk -v t="$thread" '$1 == t {print $3}' <<<"$threads")
  positive "${us:-0}" || fail "threads_intake.sh: no CPU for $thread"
done
# With one round, each server's threads add up to its total, and the total
# is what the load generator read of the server's CPU (a run's edges, when
# the server idles, aside).
for server in reference mediationd; do
  table=$(awk -v s="$server," '$1 == s {on = 1; next} /^[a-z]/ {on = 0} on' <<<"$threads")
  awk '/^  thread /{next} /^  all threads /{all = $3; next}
       {sum += $3}
       END{exit !(all > 0 && sum - all < 0.1 * NR + 0.2 && all - sum < 0.1 * NR + 0.2)}' <<<"$table" ||
    fail "threads_intake.sh: $server's threads do not add up to its total: $table"
  all=$(awk '/^  all threads /{print $3}' <<<"$table")
  lg=$(grep -E "^1 +$server " <<<"$threads" | awk -F', ' '{split($4, f, " "); print f[1]}')
  awk -v a="$all" -v l="$lg" 'BEGIN{exit !(l > 0 && a > 0.75 * l && a < 1.25 * l)}' ||
    fail "threads_intake.sh: $server's threads add up to $all µs a request, the load generator read $lg"
done

STORE_BENCH=$BUILD/tests/bench/store_bench
rebuild=$(bash "$REPO/tests/bench/ab_rebuild.sh" "$STORE_BENCH" "$STORE_BENCH" 1 10000)
echo "$rebuild"
line=$(grep '^B/A: ' <<<"$rebuild") || fail "ab_rebuild.sh printed no B/A line"
positive "$(awk '{print $2}' <<<"$line")" || fail "ab_rebuild.sh: $line"
for run in A B; do
  passes=$(awk -v r="$run" '$1 == 1 && $2 == r && $3 > 0 && $5 > 0' <<<"$rebuild" | wc -l)
  [ "$passes" = 3 ] || fail "ab_rebuild.sh: $passes passes of $run measured, not 3"
done
line=$(grep '^B/A within rounds: median ' <<<"$rebuild") ||
  fail "ab_rebuild.sh printed no paired B/A line"
positive "$(awk '{print $5}' <<<"$line")" || fail "ab_rebuild.sh: $line"
echo "PASS"
