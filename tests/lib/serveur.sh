# Shared by the end-to-end and crash tests (sourced): development
# credentials, and a real mediationd on a free loopback port over TLS.
#
# Expects: MEDIATIOND, CTL, REPO, WORK. Provides: CREDS, ADDR, SERVER_PID,
# fail, start_server (data in ${DATA:-$WORK/data}, on port ${PORT:-0}: 0 is
# any free port; extra mediationd flags in SERVER_FLAGS), stop_server.

CREDS="$WORK/creds"
SERVER_PID=""
bash "$REPO/deploy/make-dev-credentials.sh" "$CREDS" "$CTL" >/dev/null

fail() {
  echo "FAIL: $*" >&2
  echo "--- server log (end):" >&2
  tail -50 "$WORK/server.log" >&2
  exit 1
}

start_server() {
  rm -f "$WORK/port"
  # shellcheck disable=SC2086
  "$MEDIATIOND" --listen="127.0.0.1:${PORT:-0}" --port_file="$WORK/port" \
    --data_dir="${DATA:-$WORK/data}" --tls_cert="$CREDS/server.pem" \
    --tls_key="$CREDS/server.key" --tls_client_ca="$CREDS/ca.pem" \
    --jwks="$CREDS/jwks.json" --jwt_issuer=mediation-dev \
    --cle_index_nir="$CREDS/index-nir.key" --cle_ancrage="$CREDS/ancrage.key" ${SERVER_FLAGS:-} \
    >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  # Bounded wait for the server to write the port it bound.
  for _ in $(seq 1 300); do
    [ -s "$WORK/port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || fail "mediationd exited at start"
    sleep 0.1
  done
  [ -s "$WORK/port" ] || fail "mediationd did not start within 30 s"
  ADDR="127.0.0.1:$(cat "$WORK/port")"
}

stop_server() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || fail "mediationd did not exit cleanly"
  SERVER_PID=""
}
