#!/usr/bin/env bash
# Drives the real admin TUI under tmux (80x24) on a temporary store the way an editor would: start a draft from the
# version in force, raise the physical-therapy maximum of the myalgia row, publish it, quit; then checks with the CLI
# that the published version holds the new value. Every wait has a timeout; on failure the screen is printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dll="$root/tui/ImrGrpc.Admin/bin/Debug/net10.0/ImrGrpc.Admin.dll"
[ -f "$dll" ] || dotnet build "$root/tui/ImrGrpc.Admin" -nologo -v q
command -v tmux >/dev/null || { echo "tmux is not installed"; exit 1; }
work=$(mktemp -d)
db="$work/imr.db"
session="imr-tui-$$"
new_max=${NEW_MAX:-14}
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

screen() { tmux capture-pane -p -t "$session" 2>/dev/null || true; }
fail() { echo "FAIL: $*"; echo "--- screen:"; screen; echo "---"; exit 1; }
# wait_for PATTERN [SECONDS]: until the screen matches an extended regex
wait_for() {
  local pattern=$1 limit=${2:-20} i
  for ((i = 0; i < limit * 10; i++)); do
    screen | grep -Eq -- "$pattern" && return 0
    sleep 0.1
  done
  fail "timed out after ${limit}s waiting for: $pattern"
}
keys() { tmux send-keys -t "$session" "$@"; sleep 0.2; }
text() { tmux send-keys -t "$session" -l "$1"; sleep 0.2; }

tmux new-session -d -s "$session" -x 80 -y 24 \
  "dotnet '$dll' --db '$db' --user tmux-editor; echo \$? > '$work/exit'; sleep 600"

wait_for '\* mtus-2017 +published' 60
keys F2
wait_for 'New draft' 10
keys Enter
wait_for 'Rules of v[0-9]{8}-[0-9]+' 20
draft=$(screen | grep -Eo 'Rules of v[0-9]{8}-[0-9]+' | head -1 | cut -d' ' -f3)
keys F3
text myalgia
wait_for '1/[0-9]+ rows' 10
keys Enter
keys Enter
wait_for 'Edit cpmtg-pm-myalgia' 10
for _ in 1 2 3 4 5; do keys Down; done
wait_for 'max_visits: most visits' 10
keys Enter
text "$new_max"
wait_for "\* max_visits +$new_max " 10
keys Enter
keys C-s
wait_for 'Saved cpmtg-pm-myalgia' 10
keys Escape
wait_for "Rules of $draft" 10
keys F6
wait_for 'Publish check passed' 20
wait_for 'newly denied [0-9]+' 60
keys C-p
wait_for "Publish $draft in force from" 10
keys Enter
wait_for "Published $draft" 20
keys Enter
wait_for "$draft +published" 10
keys Escape
for _ in $(seq 1 100); do [ -s "$work/exit" ] && break; sleep 0.1; done
[ -s "$work/exit" ] || fail "the TUI did not quit on Esc"
[ "$(cat "$work/exit")" = 0 ] || fail "the TUI exited with $(cat "$work/exit")"

json=$(dotnet "$dll" show "$draft" --json --db "$db")
status=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["version"]["status"])' <<<"$json")
max=$(python3 -c 'import json,sys; print([r["rule"]["max_visits"] for r in json.load(sys.stdin)["rules"] if r["rule"]["id"] == "cpmtg-pm-myalgia"][0])' <<<"$json")
[ "$status" = published ] || { echo "FAIL: $draft is $status, not published"; exit 1; }
[ "$max" = "$new_max" ] || { echo "FAIL: cpmtg-pm-myalgia max_visits is $max in $draft, expected $new_max"; exit 1; }
echo "tmux publish ok: $draft published with cpmtg-pm-myalgia max_visits $max"
