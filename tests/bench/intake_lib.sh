# shellcheck shell=bash
# Shared by compare_intake.sh, ab_intake.sh, threads_intake.sh,
# entry_costs.sh and reference_shape_test.sh (sourced): the servers started
# as they measure them, and the load generator run and its figures read the
# same way; ab_rebuild.sh sources it for `median` and `spread` alone.
#
# The intake functions expect CREDS (development credentials,
# deploy/make-dev-credentials.sh) and LOADGEN (the mediation_loadgen binary):
# setup_intake sets both.

# Sets LOADGEN from `build` (the build directory) and CREDS to `work`/creds,
# where it makes development credentials (`repo`'s
# deploy/make-dev-credentials.sh).
setup_intake() {
  local build=$1 repo=$2 work=$3
  LOADGEN=$build/tests/bench/mediation_loadgen
  CREDS=$work/creds
  bash "$repo/deploy/make-dev-credentials.sh" "$CREDS" "$build/cmd/mediationctl/mediationctl" >/dev/null
}

# Waits until `port_file` holds a port (30 s at most).
wait_port() {
  for _ in $(seq 1 300); do [ -s "$1" ] && return 0; sleep 0.1; done
  echo "no port in $1" >&2
  return 1
}

# Starts `binary` on loopback, plaintext, tokens checked as in production,
# on `data_dir`, logging to `log`, with the flags that follow these four
# arguments, if any; sets SERVER_PID. Does not wait for it.
start_mediationd() {
  local binary=$1 data_dir=$2 port_file=$3 log=$4
  "$binary" --listen=127.0.0.1:0 --insecure_loopback --port_file="$port_file" \
    --data_dir="$data_dir" --jwks="$CREDS/jwks.json" --jwt_issuer=mediation-dev \
    --cle_index_nir="$CREDS/index-nir.key" --log_level=warning "${@:5}" >"$log" 2>&1 &
  SERVER_PID=$!
}

# Starts the minimal reference (mediation_reference at `binary`) on
# loopback, on `data_dir`, logging to `log`, with the flags that follow
# (--entries=mediationd, say); sets SERVER_PID. Does not wait for it.
start_reference() {
  local binary=$1 data_dir=$2 port_file=$3 log=$4
  "$binary" --data_dir="$data_dir" --port_file="$port_file" "${@:5}" >"$log" 2>&1 &
  # shellcheck disable=SC2034  # Read by the scripts that source this.
  SERVER_PID=$!
}

# Stops the server `pid` (SIGTERM) and waits for it; when it does not stop
# cleanly, prints its log (`log`) on stderr and fails.
stop_server() {
  local pid=$1 log=$2
  kill -TERM "$pid"
  if ! wait "$pid"; then
    echo "the server $pid did not stop cleanly; its log, $log:" >&2
    cat "$log" >&2
    return 1
  fi
}

# Runs the load generator against the server at `port` (pid `pid`) and
# prints its report. When it fails (a request refused, the server gone),
# prints the report on stderr, with its first error, and fails.
run_loadgen() {
  local port=$1 pid=$2 concurrency=$3 duration=$4 out
  if ! out=$("$LOADGEN" --server="127.0.0.1:$port" --insecure --credentials="$CREDS" \
    --concurrency="$concurrency" --duration="$duration" --server_pid="$pid"); then
    echo "the load generator failed against 127.0.0.1:$port (pid $pid):" >&2
    echo "$out" >&2
    return 1
  fi
  echo "$out"
}

# From a load generator's report on stdin: "<per second> <p99 ms> <server
# cores> <client cores>".
intake_figures() {
  awk '/^intake /{rate=$4; p99=$6} /^server:/{for(i=1;i<=NF;i++) if($i=="CPU") cpu=$(i+1)}
       /^client:/{client=$3} END{print rate, p99, cpu, client}'
}

# One measure of the server at `port` (pid `pid`): prints "<per second>
# <p99 ms> <server cores> <client cores>"; fails as run_loadgen does.
measure_intake() {
  local out
  out=$(run_loadgen "$@") || return 1
  intake_figures <<<"$out"
}

# µs of CPU per request, from cores used and requests per second (0 when
# none was served).
per_request() {
  awk -v cores="$1" -v rate="$2" 'BEGIN{printf "%.1f", (rate > 0 ? cores * 1e6 / rate : 0)}'
}

# The median of its arguments.
median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

# The smallest and largest of its arguments, "<lowest>-<highest>".
spread() {
  printf '%s\n' "$@" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END{print lo "-" hi}'
}

# The rounds of two interleaved series paired, given each series' rates as
# one space-separated argument, round by round: "paired: B ahead in <k> of
# <n> rounds (sign test p = <p>); B/A per round: median <m> (<lo>-<hi>)".
# A tie counts for neither and leaves the round out of the test; p is the
# two-sided sign test's: the chance, if each round were a coin toss, of a
# count at least as far from even.
paired_rounds() {
  local ahead n p ratios spread_ratios
  # The count and p-value on the first line, then each round's B/A.
  {
    read -r ahead n p
    mapfile -t ratios
  } < <(awk -v a="$1" -v b="$2" '
    function binomial_tail(n, k,   i, c, sum) {  # P(X <= k), X ~ Bin(n, 1/2)
      c = 1; sum = 0
      for (i = 0; i <= k; i++) {
        sum += c
        c = c * (n - i) / (i + 1)
      }
      return sum / 2 ^ n
    }
    BEGIN {
      n = split(a, as, " "); split(b, bs, " ")
      ahead = 0; behind = 0
      for (i = 1; i <= n; i++) {
        if (bs[i] > as[i]) ahead++
        else if (bs[i] < as[i]) behind++
      }
      t = ahead + behind
      p = (t == 0) ? 1 : 2 * binomial_tail(t, (ahead < behind) ? ahead : behind)
      print ahead, n, (p > 1) ? 1 : p
      for (i = 1; i <= n; i++) printf "%.6f\n", (as[i] > 0) ? bs[i] / as[i] : 0
    }')
  spread_ratios=$(spread "${ratios[@]}")
  awk -v ahead="$ahead" -v n="$n" -v p="$p" -v m="$(median "${ratios[@]}")" \
    -v lo="${spread_ratios%-*}" -v hi="${spread_ratios#*-}" 'BEGIN {
    printf "paired: B ahead in %d of %d rounds (sign test p = %.3f); B/A per round: median %.2f (%.2f-%.2f)\n",
      ahead, n, p, m, lo, hi
  }'
}
