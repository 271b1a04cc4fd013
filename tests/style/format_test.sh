#!/usr/bin/env bash
# Every C++ source of ours is as clang-format (Google style, .clang-format)
# writes it: prints the files that differ and fails when there is any.
#
#   tests/style/format_test.sh REPO
set -euo pipefail

REPO=$1
cd "$REPO"
command -v clang-format >/dev/null || { echo "clang-format is missing" >&2; exit 1; }
# Our directories only: the build tree (generated code, tools) is not ours.
mapfile -t files < <(find base cmd domain proto report security server \
  services storage tests -type f \( -name '*.cc' -o -name '*.h' \) | sort)
[ "${#files[@]}" -gt 0 ] || { echo "no source found under $REPO" >&2; exit 1; }
# One clang-format for all the files (one per file took half a minute); it
# names each place that differs as "FILE:LINE:COL: error: …".
if ! report=$(clang-format --dry-run -Werror "${files[@]}" 2>&1); then
  mapfile -t unformatted < <(sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' \
    <<<"$report" | sort -u)
  [ "${#unformatted[@]}" -gt 0 ] || { echo "clang-format failed: $report" >&2; exit 1; }
  echo "not as clang-format writes them (clang-format -i FILE…):" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "PASS: ${#files[@]} files formatted"
