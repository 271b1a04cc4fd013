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
unformatted=()
for file in "${files[@]}"; do
  if ! clang-format --dry-run -Werror "$file" >/dev/null 2>&1; then
    unformatted+=("$file")
  fi
done
if [ "${#unformatted[@]}" -gt 0 ]; then
  echo "not as clang-format writes them (clang-format -i FILE…):" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "PASS: ${#files[@]} files formatted"
