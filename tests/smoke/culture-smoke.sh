#!/usr/bin/env bash
# Culture-proof output: the server's responses, its log timestamps and the admin's output are byte-identical under
# the default run and under locales with other calendars and digits (ar_SA: Hijri, th_TH: Buddhist), with ICU on.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
buf="$root/node_modules/.bin/buf"
server="$root/src/ImrGrpc.Server/bin/Debug/net10.0/ImrGrpc.Server.dll"
admin="$root/tui/ImrGrpc.Admin/bin/Debug/net10.0/ImrGrpc.Admin.dll"
port=${CULTURE_PORT:-5185}
w=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$w"; }
trap cleanup EXIT
call() { "$buf" curl --protocol grpc --http2-prior-knowledge "$@"; }
# The same store for every run: made once, copied per locale, so only the locale differs.
dotnet "$admin" --db "$w/base/imr.db" --user ops versions >/dev/null
run() { # name, env...
  local name=$1; shift
  local d="$w/$name"; mkdir -p "$d"; cp -r "$w/base/." "$d/"
  (cd "$d" && exec env "$@" dotnet "$server" --urls "http://127.0.0.1:$port" --Storage:Path="$d/imr.db") >"$d/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do call -d '{}' "http://127.0.0.1:$port/grpc.health.v1.Health/Check" >/dev/null 2>&1 && break; sleep 0.05; done
  {
    call -d @"$root/examples/seed-case.json" "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/EvaluateRequest"
    call -d '{"request": '"$(cat "$root/examples/seed-case.json")"', "format": "RATIONALE_FORMAT_TEXT"}' "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/ExplainRationale"
    call -d '{"asOfDate":"2026-12-04"}' "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/ListGuidelineVersions"
    call -d '{"asOfDate":"2014-07-14"}' "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/ListCatalogCodes"
    call -d '{"requestDate":"2014-07-14","injuryDate":"2015-01-01","items":[{"itemId":"1","treatment":"physical_therapy","quantity":1}]}' \
      "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/EvaluateRequest" 2>&1 || true
  } >"$d/responses.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  local draft
  draft=$(env "$@" dotnet "$admin" --db "$d/imr.db" --user ops draft mtus-2017 --label culture | tail -1)
  env "$@" dotnet "$admin" --db "$d/imr.db" --user ops set-limit "$draft" cpmtg-pm-myalgia --max-visits 12 >/dev/null
  {
    echo "$draft"
    env "$@" dotnet "$admin" --db "$d/imr.db" versions | sed 's/[0-9a-f]\{12\}  */HASH /'
    env "$@" dotnet "$admin" --db "$d/imr.db" diff mtus-2017 "$draft"
    env "$@" dotnet "$admin" --db "$d/imr.db" show "$draft" --treatment massage
    env "$@" dotnet "$admin" --db "$d/imr.db" impact "$draft" --effective-from 2027-01-01
  } >"$d/admin.txt"
  # Log lines start with an ISO-8601 UTC time in Gregorian digits, whatever the locale.
  if grep -v -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z ' "$d/server.log" | grep -q .; then
    echo "FAIL $name: a log line does not start with an ISO UTC time:"; grep -v -E '^[0-9]{4}-' "$d/server.log" | head -3; exit 1
  fi
  grep -o 'duration_ms=[^ ]*' "$d/server.log" | grep -v -q -E '^duration_ms=[0-9]+\.[0-9]{3}$' && { echo "FAIL $name: a duration is not written as digits and a dot"; exit 1; }
  return 0
}
run default
run ar_SA DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0 LANG=ar_SA.UTF-8 LC_ALL=ar_SA.UTF-8
run th_TH DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0 LANG=th_TH.UTF-8 LC_ALL=th_TH.UTF-8
grep -q '"decisionId"' "$w/default/responses.txt" || { echo "FAIL: no decision in the default run"; cat "$w/default/responses.txt"; exit 1; }
grep -q "^v$(date -u +%Y%m%d)-1$" "$w/default/admin.txt" || { echo "FAIL: draft id not vYYYYMMDD-1"; head -1 "$w/default/admin.txt"; exit 1; }
for name in ar_SA th_TH; do
  for f in responses.txt admin.txt; do
    if ! cmp -s "$w/default/$f" "$w/$name/$f"; then echo "FAIL $name: $f differs from the default run"; diff "$w/default/$f" "$w/$name/$f" | head -10; exit 1; fi
  done
  echo "PASS $name: every RPC response, the draft id and the admin's output byte-identical to the default run; log times ISO UTC"
done
