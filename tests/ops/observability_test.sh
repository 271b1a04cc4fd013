#!/usr/bin/env bash
# Operations: what an operator sees of a real mediationd.
#  - a real Prometheus (Debian's) scrapes its metrics on loopback, and the
#    figures read back through Prometheus' query API equal what was done;
#    every metric the Grafana dashboard (deploy/grafana) uses is there;
#  - every RPC writes one JSON log line with its method, code, latency,
#    principal, caisse, request and correlation ids, and no personal data;
#  - `buf curl --list-methods` (reflection v1) lists every service, health
#    included;
#  - in the disk reserve, the writing services' health is NOT_SERVING while
#    reads stay SERVING, and the log says why.
#
#   observability_test.sh MEDIATIOND MEDIATIONCTL REPO BUF
set -euo pipefail

MEDIATIOND=$1 CTL=$2 REPO=$3 BUF=$4
WORK=$(mktemp -d)
PROM_PID=""
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null
      [ -n "$PROM_PID" ] && kill -9 "$PROM_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
source "$REPO/tests/lib/serveur.sh"
command -v prometheus >/dev/null || fail "prometheus is not installed (deploy/common.sh installs it)"
[ -x "$BUF" ] || fail "buf not found at $BUF (deploy/common.sh installs it)"

ctl() { "$CTL" --server="localhost:${ADDR##*:}" --credentials="$CREDS" "$@"; }
buf_curl() { "$BUF" curl --protocol grpc --cacert "$CREDS/ca.pem" "$@"; }
health() {
  buf_curl -d "{\"service\":\"$1\"}" "https://localhost:${ADDR##*:}/grpc.health.v1.Health/Check" |
    jq -r .status
}

SERVER_FLAGS="--metrics_listen=127.0.0.1:0 --metrics_port_file=$WORK/metrics_port --log_format=json"
start_server
METRICS_PORT=$(cat "$WORK/metrics_port")

# 1. Calls of known outcome: 3 deposits, 1 refused, 1 listing with a
# correlation id in its headers.
for i in 1 2 3; do
  SAISINE=$(ctl deposer "$REPO/tests/e2e/saisine.json" --request_id="obs-$i" | jq -r .saisine_id)
done
jq '.requerant.nir = "269054958815781"' "$REPO/tests/e2e/saisine.json" >"$WORK/bad.json"
if ctl deposer "$WORK/bad.json" --request_id=obs-bad 2>/dev/null; then fail "bad NIR accepted"; fi
buf_curl -H "Authorization: Bearer $(cat "$CREDS/jetons/mediateur.jeton")" \
  -H "x-correlation-id: corr-obs-42" -d '{"caisse":"591"}' \
  "https://localhost:${ADDR##*:}/mediation.v1.AccueilService/ListSaisines" >/dev/null ||
  fail "ListSaisines through buf curl"

# 2. A real Prometheus scrapes mediationd every second.
cat >"$WORK/prometheus.yml" <<YML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: mediationd
    static_configs:
      - targets: ['127.0.0.1:$METRICS_PORT']
YML
for _ in 1 2 3 4 5; do
  PROM_PORT=$((20000 + RANDOM % 20000))
  prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prom" \
    --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
  PROM_PID=$!
  sleep 1
  kill -0 "$PROM_PID" 2>/dev/null && break
  PROM_PID=""
done
[ -n "$PROM_PID" ] || fail "prometheus did not start: $(tail -5 "$WORK/prometheus.log")"
query() {
  curl -s "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" |
    jq -r '.data.result[0].value[1] // "none"'
}
# Bounded wait for a scrape that has seen everything above.
for _ in $(seq 1 60); do
  [ "$(query 'grpc_server_handled_total{grpc_method="ListSaisines",grpc_code="OK"}')" = 1 ] && break
  sleep 1
done
expect() {
  local got
  got=$(query "$1")
  [ "$got" = "$2" ] || fail "Prometheus: $1 = $got, expected $2"
}
expect 'up{job="mediationd"}' 1
expect 'grpc_server_handled_total{grpc_service="mediation.v1.AccueilService",grpc_method="DeposerSaisine",grpc_code="OK"}' 3
expect 'grpc_server_handled_total{grpc_method="DeposerSaisine",grpc_code="INVALID_ARGUMENT"}' 1
expect 'grpc_server_handling_seconds_count{grpc_method="DeposerSaisine"}' 4
expect 'mediation_write_group_appends_sum' 3
expect 'mediation_log_last_position' 3
expect 'mediation_appends_refused_total{cause="disk_reserve"}' 0
expect 'mediation_writes_accepted' 1
expect 'mediation_streams_open' 0
# Two queries may see two scrapes, and the free space moves between them
# (other tests write): only that Prometheus finds it positive.
[ "$(query 'mediation_disk_free_bytes > 0')" != none ] ||
  fail "Prometheus: mediation_disk_free_bytes is not positive"
version=$("$MEDIATIOND" --version | awk '{print $2}')
expect "mediation_build_info{version=\"$version\"}" 1
[ "$(query 'mediation_write_group_seconds_count')" -ge 1 ] || fail "no write group timed"
# Every metric the Grafana dashboard draws is one Prometheus has.
names=$(curl -s "http://127.0.0.1:$PROM_PORT/api/v1/label/__name__/values" | jq -r '.data[]')
used=$(jq -r '.panels[].targets[].expr' "$REPO/deploy/grafana/mediation.json" |
  grep -oE '(grpc_server|mediation)_[a-z_]+' | sort -u)
[ -n "$used" ] || fail "no metric in the dashboard"
for name in $used; do
  grep -qx "$name" <<<"$names" || fail "the dashboard uses $name, which mediationd does not export"
done
echo "prometheus: every figure read back, every dashboard metric exported"

# 3. The log: JSON only, one line per RPC, no personal data.
jq -e . "$WORK/server.log" >/dev/null || fail "a log line is not JSON"
rpc() { jq -c "select(.msg == \"rpc\" and .method == \"$1\")" "$WORK/server.log"; }
[ "$(rpc /mediation.v1.AccueilService/DeposerSaisine | wc -l)" = 4 ] || fail "not one line per deposit"
line=$(rpc /mediation.v1.AccueilService/DeposerSaisine | head -1)
for field in time level method code latency_ms principal role caisse request_id correlation_id; do
  jq -e "has(\"$field\")" <<<"$line" >/dev/null || fail "no $field in $line"
done
[ "$(jq -r '.principal + " " + .caisse + " " + .request_id + " " + .code' <<<"$line")" = \
  "dev-mediateur 591 obs-1 OK" ] || fail "rpc line: $line"
# (jq 1.6's -e looks at the last input only: hence -s and any.)
rpc /mediation.v1.AccueilService/DeposerSaisine | jq -s -e 'any(.[]; .code == "INVALID_ARGUMENT" and .request_id == "obs-bad")' >/dev/null ||
  fail "the refused deposit has no line"
rpc /mediation.v1.AccueilService/ListSaisines | jq -s -e 'any(.[]; .correlation_id == "corr-obs-42")' >/dev/null ||
  fail "the correlation id of the headers is not logged"
for personal in 269054958815780 269054958815781 Dupont Marie marie.dupont@example.org; do
  if grep -q "$personal" "$WORK/server.log"; then fail "personal data in the log: $personal"; fi
done
echo "log: one JSON line per RPC, no personal data"

# 4. Reflection v1 lists every service, health included.
methods=$(buf_curl --list-methods --reflect-protocol grpc-v1 "https://localhost:${ADDR##*:}")
for service in $(sed -n 's/^service \([A-Za-z]*\).*/mediation.v1.\1/p' "$REPO"/proto/mediation/v1/*.proto) \
  grpc.health.v1.Health grpc.reflection.v1.ServerReflection; do
  grep -q "^$service/" <<<"$methods" || fail "buf curl --list-methods misses $service: $methods"
done
echo "reflection v1: every service listed"

# 5. Health per service, and in the disk reserve.
[ "$(health "")" = SERVING ] || fail "overall health"
[ "$(health mediation.v1.AccueilService)" = SERVING ] || fail "AccueilService health"
stop_server
SERVER_FLAGS="--metrics_listen=127.0.0.1:0 --metrics_port_file=$WORK/metrics_port --reserve_disque_mo=1000000000 --health_listen=127.0.0.1:0"
start_server
# The plaintext health port (probes without TLS) says the same.
HEALTH_PORT=$(jq -s -r 'map(select(.event == "serving")) | last | .health_port' "$WORK/server.log")
[ "$HEALTH_PORT" -gt 0 ] || fail "no health port"
"$CTL" --server="127.0.0.1:$HEALTH_PORT" --insecure health >/dev/null || fail "health port: overall not SERVING"
for _ in $(seq 1 50); do
  [ "$(health mediation.v1.AccueilService)" = NOT_SERVING ] && break
  sleep 0.1
done
[ "$(health mediation.v1.AccueilService)" = NOT_SERVING ] || fail "writes refused but AccueilService SERVING"
[ "$(health mediation.v1.MediationService)" = NOT_SERVING ] || fail "MediationService SERVING in the reserve"
[ "$(health mediation.v1.AuditService)" = SERVING ] || fail "reads should stay SERVING"
[ "$(health "")" = SERVING ] || fail "overall health in the reserve"
methods_on_health_port=$("$BUF" curl --list-methods --protocol grpc --http2-prior-knowledge \
  "http://127.0.0.1:$HEALTH_PORT" 2>&1 || true)
if grep -q mediation.v1 <<<"$methods_on_health_port"; then fail "the health port serves more than health"; fi
curl -s "127.0.0.1:$(cat "$WORK/metrics_port")/metrics" | grep -qx 'mediation_writes_accepted 0' ||
  fail "mediation_writes_accepted is not 0 in the reserve"
jq -s -e 'any(.[]; .event == "disk_reserve_reached")' "$WORK/server.log" >/dev/null ||
  fail "no log line for the reserve reached"
# A read that journals nothing (a listing journals its consultation: a write).
ctl --as=operateur integrite "$SAISINE" >/dev/null || fail "reads fail in the reserve"
stop_server
echo "health: writes NOT_SERVING in the disk reserve, reads SERVING"
echo PASS
