#!/usr/bin/env bash
# The API's shape and the persisted formats, checked by buf (installed from
# the npm registry by deploy/common.sh into $BUILD_DIR/tools):
#   - `buf lint`: the STANDARD rules (proto/buf.yaml);
#   - `buf breaking` against the previous commit's proto/ (wire and JSON
#     compatibility): a field renumbered, a type changed, an enum value
#     removed, in an event, a projection or the API, fails the test.
# and against the baseline in proto/BUF_BASELINE (the commit since which the
# formats are frozen: a change of several commits cannot break them step by
# step). Changing the baseline is a deliberate, reviewed decision.
# Outside a git checkout only lint runs.
#
#   check-proto.sh REPO BUF
set -euo pipefail
REPO=$1 BUF=$2
cd "$REPO/proto"
"$BUF" lint
echo "buf lint: ok"
if ! git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
  echo "buf breaking: not a git checkout, skipped"
  exit 0
fi
refs=(HEAD~1)
[ -s BUF_BASELINE ] && refs+=("$(tr -d '[:space:]' <BUF_BASELINE)")
for ref in "${refs[@]}"; do
  git -C "$REPO" rev-parse --verify -q "$ref^{commit}" >/dev/null ||
    { echo "buf breaking: no commit $ref" >&2; exit 1; }
  "$BUF" breaking --against "$REPO/.git#ref=$ref,subdir=proto"
  echo "buf breaking against $ref: ok"
done
