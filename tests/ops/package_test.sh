#!/usr/bin/env bash
# The Debian package, as an operator installs it: `cpack -G DEB` builds it;
# its control data names its dependencies and conffiles; its configuration
# file documents every flag of mediationd. As root (CI, a fresh machine) it
# is then installed with dpkg (user, keys, unit), the unit is verified by
# systemd-analyze, its ExecStart line is started as its User= with the
# package's configuration (a free port and a scratch state directory given
# on the command line, which overrides the file), serves health and a
# deposit, stops cleanly on SIGTERM; the package is purged at the end.
# Not as root: the install part is skipped (exit 77, ctest's SKIP).
#
#   package_test.sh BUILD_DIR REPO
set -euo pipefail

BUILD=$1 REPO=$2
WORK=$(mktemp -d)
STATE=""
SERVER_PID=""
INSTALLED_HERE=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null
  if [ -n "$INSTALLED_HERE" ]; then
    dpkg --purge mediation >/dev/null 2>&1 || true
    rm -rf /etc/mediation
    userdel mediation 2>/dev/null || true
  fi
  [ -n "$STATE" ] && rm -rf "$STATE"
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  [ -f "$WORK/server.log" ] && tail -30 "$WORK/server.log" >&2
  exit 1
}

# 1. The package.
(cd "$BUILD" && cpack -G DEB -B "$WORK/pkg" >"$WORK/cpack.log" 2>&1) || fail "cpack: $(tail "$WORK/cpack.log")"
DEB=$(ls "$WORK"/pkg/mediation_*_amd64.deb)
info=$(dpkg-deb -I "$DEB")
grep -q "Depends:.*libgrpc++1.51" <<<"$info" || fail "no gRPC dependency: $info"
grep -q "Depends:.*librocksdb\|Depends:.*libprometheus-cpp-pull" <<<"$info" || fail "dependencies: $info"
# mediationd allocates with tcmalloc (base/memory.h): the package pulls it.
grep -q "Depends:.*libtcmalloc-minimal4" <<<"$info" || fail "no tcmalloc dependency: $info"
[ "$(dpkg-deb -f "$DEB" Package)" = mediation ] || fail "package name"
dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./conffiles | grep -qx /etc/mediation/mediationd.conf ||
  fail "mediationd.conf is not a conffile"
contents=$(dpkg-deb -c "$DEB")
for path in ./usr/bin/mediationd ./usr/bin/mediationctl ./usr/lib/systemd/system/mediationd.service \
  ./usr/lib/systemd/system/mediation-sauvegarde.timer ./etc/mediation/mediationd.conf; do
  grep -q " $path\$" <<<"$contents" || fail "$path not in the package"
done

# 2. The configuration file names every flag of mediationd (set or commented).
dpkg-deb -x "$DEB" "$WORK/root"
flags=$( ("$WORK/root/usr/bin/mediationd" --helpfull 2>&1 || true) |
  awk '/main.cc:/{f=1;next} /^  Flags from/{f=0} f' | sed -n 's/^    --\([a-z_]*\) .*/\1/p')
[ "$(wc -l <<<"$flags")" -ge 30 ] || fail "flags not found: $flags"
for flag in $flags; do
  [ "$flag" = config ] && continue
  grep -Eq "^#? ?$flag =" "$WORK/root/etc/mediation/mediationd.conf" ||
    fail "mediationd.conf does not document --$flag"
done
echo "package: built, dependencies, conffiles, every flag in mediationd.conf"

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing the package needs root"
  exit 77
fi
if dpkg-query -W -f='${Status}' mediation 2>/dev/null | grep -q "install ok installed"; then
  echo "SKIP: a mediation package is installed on this machine: not touched"
  exit 77
fi
if getent passwd mediation >/dev/null || [ -e /etc/mediation ]; then
  echo "SKIP: a mediation user or /etc/mediation exists on this machine: not touched"
  exit 77
fi

# 3. Installed as an operator would.
INSTALLED_HERE=1
dpkg -i "$DEB" >"$WORK/dpkg.log" 2>&1 || fail "dpkg -i: $(cat "$WORK/dpkg.log")"
getent passwd mediation >/dev/null || fail "no mediation user"
for key in /etc/mediation/cle-index-nir /etc/mediation/cle-ancrage.pem; do
  [ "$(stat -c '%a %U %G' "$key")" = "640 root mediation" ] || fail "$key: $(stat -c '%a %U %G' "$key")"
done
systemd-analyze verify /usr/lib/systemd/system/mediationd.service \
  /usr/lib/systemd/system/mediation-sauvegarde.service \
  /usr/lib/systemd/system/mediation-sauvegarde.timer >"$WORK/verify.log" 2>&1 ||
  fail "systemd-analyze verify: $(cat "$WORK/verify.log")"
unit=/usr/lib/systemd/system/mediationd.service
for setting in "User=mediation" "StateDirectory=mediation" "ProtectSystem=strict" \
  "NoNewPrivileges=yes" "Restart=on-failure" "LimitNOFILE=65536" "KillSignal=SIGTERM"; do
  grep -qx "$setting" "$unit" || fail "the unit lacks $setting"
done

# The TLS files an operator puts in /etc/mediation/tls (development ones).
bash "$REPO/deploy/make-dev-credentials.sh" "$WORK/creds" /usr/bin/mediationctl >/dev/null
install -m 0640 -g mediation "$WORK/creds/server.pem" "$WORK/creds/server.key" \
  "$WORK/creds/ca.pem" /etc/mediation/tls/
# The unit's ExecStart, as its User= (setpriv execs it: the signal goes to
# mediationd itself), in a state directory like the one
# systemd makes (StateDirectory=, mode 0700).
STATE=$(mktemp -d)
chown mediation:mediation "$STATE"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
user=$(sed -n 's/^User=//p' "$unit")
# shellcheck disable=SC2086
setpriv --reuid="$user" --regid="$user" --init-groups -- $exec_start --listen=127.0.0.1:0 --port_file="$STATE/port" \
  --metrics_listen=127.0.0.1:0 --data_dir="$STATE/data" --backup_dir="$STATE/sauvegardes" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  [ -s "$STATE/port" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "mediationd exited at start"
  sleep 0.1
done
[ -s "$STATE/port" ] || fail "mediationd did not start"
ctl() {
  mediationctl --server="localhost:$(cat "$STATE/port")" --ca="$WORK/creds/ca.pem" "$@"
}
ctl health >/dev/null || fail "health is not SERVING"
id=$(ctl --token_file=/dev/null --client_cert="$WORK/creds/clients/accueil-591.pem" \
  --client_key="$WORK/creds/clients/accueil-591.key" \
  deposer "$REPO/tests/e2e/saisine.json" --request_id=pkg-1 | jq -r .saisine_id)
[ -n "$id" ] && [ "$id" != null ] || fail "no deposit"
[ "$(stat -c %U "$STATE/data")" = mediation ] || fail "the data is not the service user's"
jq -s -e 'any(.[]; .msg == "rpc")' "$WORK/server.log" >/dev/null || fail "no JSON RPC line (the package's log_format)"
jq -s -e 'any(.[]; .event == "serving" and .allocator == "tcmalloc")' "$WORK/server.log" >/dev/null ||
  fail "the installed server does not allocate with tcmalloc"

# The backup job of the timer, as its unit runs it: its ExecStart (systemd's
# %% unescaped) as its User=, with its EnvironmentFile (an operator's client
# certificate), against this server.
install -m 0640 -g mediation "$WORK/creds/clients/operateur.pem" /etc/mediation/tls/sauvegarde.pem
install -m 0640 -g mediation "$WORK/creds/clients/operateur.key" /etc/mediation/tls/sauvegarde.key
sed -i "s/^MEDIATION_SERVER=.*/MEDIATION_SERVER=localhost:$(cat "$STATE/port")/" /etc/mediation/sauvegarde.env
job=/usr/lib/systemd/system/mediation-sauvegarde.service
job_line=$(sed -n 's/^ExecStart=//p' "$job" | sed 's/%%/%/g')
# shellcheck disable=SC2046
setpriv --reuid="$(sed -n 's/^User=//p' "$job")" --regid=mediation --init-groups -- \
  env $(grep -v '^#' "$(sed -n 's/^EnvironmentFile=//p' "$job")" | xargs) \
  /bin/bash -c "$job_line" >"$WORK/backup.out" 2>&1 || fail "backup job: $(cat "$WORK/backup.out")"
ls "$STATE/sauvegardes" | grep -q '^auto-' || fail "no backup made: $(cat "$WORK/backup.out")"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || fail "mediationd did not stop cleanly"
SERVER_PID=""
echo "installed: user, keys, unit verified, ExecStart served health and a deposit, the backup job made a backup, stopped cleanly"
echo PASS
