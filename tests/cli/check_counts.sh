#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# More warnings than are listed, most of them found after parsing (cues
# not recorded): 100 listed, the rest counted, the true totals in the
# summary and the JSON, and no summary line counted as a warning.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

{ echo 'routine "Many"'; for i in $(seq 1 120); do echo "step s$i \"S\" area=neck"; echo "  roll 45s"; done; } >"$tmp/many.roll"
expect_exit 5 "$rollout" check --format json "$tmp/many.roll"
read -r total unlisted listed < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["warnings"], d["unlisted_warnings"], len(d["diagnostics"])); assert d["column_unit"] == "display"' "$tmp/out") ||
    fail "json: $(head -c 300 "$tmp/out")"
((total > 200 && listed == 100 && unlisted == total - 100)) || fail "json: $total warnings, $listed listed, $unlisted unlisted"
expect_exit 5 "$rollout" check "$tmp/many.roll"
[[ $(grep -c ': warning: ' "$tmp/err") == 100 ]] || fail "$(grep -c ': warning: ' "$tmp/err") warnings listed, not 100"
grep -q "^$tmp/many.roll: note: $((total - 100)) more warnings not listed ($total in all)$" "$tmp/err" ||
    fail "no count of the rest: $(tail -2 "$tmp/err")"
grep -q ", with $total warnings$" "$tmp/out" || fail "summary: $(cat "$tmp/out")"
