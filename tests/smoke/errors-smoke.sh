#!/usr/bin/env bash
# What clients and operators see when something is wrong (issue 12), through the real server binary and real clients:
# Python grpcio on its default channel (tests/smoke/grpcio_client.py), buf curl, curl, and the repo's load tool.
#   1. errors stay a few KB and name every bad field; server memory stays flat under a burst of worst-case requests
#   2. no API key -> UNAUTHENTICATED whatever the body; only method, status and peer logged
#   3. case ids are logged as a keyed hash
#   4. start-up problems are one line on stderr and a documented exit code; HTTP_PORTS, ASPNETCORE_URLS, unix sockets
#   5. invalid UTF-8 is blamed on the field it is in
#   6. SIGTERM with a stalled call: bounded, the call CANCELLED and counted
# Prints the measured sizes and RSS; ERRORS_SMOKE_BURST sets the burst size (default 400 calls).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
buf="$root/node_modules/.bin/buf"
py=${PYTHON:-/usr/bin/python3}
client="$root/tests/smoke/grpcio_client.py"
work=$(mktemp -d)
# A free port unless told: other smoke runs may share the machine.
port=${SMOKE_PORT:-$(/usr/bin/python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
server="$root/src/ImrGrpc.Server/bin/Debug/net10.0/ImrGrpc.Server.dll"
loadtool="$root/tools/ImrGrpc.LoadTest/bin/Debug/net10.0/ImrGrpc.LoadTest.dll"
[ -f "$server" ] || dotnet build "$root/src/ImrGrpc.Server" -nologo -v q
[ -f "$loadtool" ] || dotnet build "$root/tools/ImrGrpc.LoadTest" -nologo -v q
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$buf" build "$root/protos" -o "$work/imr.binpb" --as-file-descriptor-set
target="127.0.0.1:$port"
url="http://$target"
method=/imr.v1.GuidelineDecisionService
call() { "$buf" curl --protocol grpc --http2-prior-knowledge "$@"; }
grpcio() { "$py" "$client" call "$target" "$@"; }
field() { "$py" -c 'import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1]))' "$1"; }
# grpc.health.v1 SERVING is the two bytes 08 01.
healthy() { "$py" "$client" call "${1:-$target}" /grpc.health.v1.Health/Check - --raw /dev/null 2>/dev/null | grep -q '"response": "0801"'; }
start() { # log-file args...: starts the server in the background, waits until it serves
  local log=$1; shift
  (cd "$work" && exec dotnet "$server" --urls "$url" --Storage:Path="$work/imr.db" "$@") >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 150); do healthy && return 0; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  cat "$log"; fail "server did not start"
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# Requests: a hundred items with a misspelled treatment each, a 70 KB and a 1 MB code, 100k unknown item ids.
"$py" - "$root/examples/seed-case.json" "$work" <<'EOF'
import json, sys
seed, work = json.load(open(sys.argv[1])), sys.argv[2]
def case(**changes):
    c = json.loads(json.dumps(seed)); c.update(changes); return c
item = seed["items"][0]
json.dump(case(caseId="JaneDoe-DOB-1961-02-03", items=[dict(item, itemId=str(i), treatment="physical_therapyy") for i in range(100)]),
          open(work + "/hundred.json", "w"))
json.dump(case(items=[dict(item, treatment="x" * 70_000)]), open(work + "/code70k.json", "w"))
json.dump(case(items=[dict(item, treatment="x" * 1_000_000)]), open(work + "/code1m.json", "w"))
json.dump({"request": seed, "itemIds": [str(i) for i in range(100_000)]}, open(work + "/ids100k.json", "w"))
json.dump(case(caseId="JaneDoe-DOB-1961-02-03", items=seed["items"] + [dict(item, itemId="9", description="MARKER-DESCRIPTION")]),
          open(work + "/utf8.json", "w"))
EOF

echo "--- 1. bounded errors"
start "$work/open.log"
server_pid=$pid
out=$(grpcio $method/EvaluateRequest "$work/imr.binpb" "$work/hundred.json")
[ "$(field 'd["code"]' <<<"$out")" = INVALID_ARGUMENT ] || fail "grpcio, 100 typos: $out"
size=$(field 'd["message_bytes"] + (d["details_bytes"] + 2) // 3 * 4' <<<"$out")
[ "$size" -lt 5120 ] || fail "grpcio, 100 typos: $size bytes of error"
field '[v["field"] for v in d["violations"]]' <<<"$out" | grep -q "'items\[0\].treatment'" || fail "items[0].treatment not named: $out"
field '[v["description"] for v in d["violations"] if v["field"] == "items[*].treatment"][0]' <<<"$out" | grep -q '\.\.99\]' \
  || fail "the other items are not named: $out"
echo "grpcio, 100 typos: INVALID_ARGUMENT, grpc-message + details on the wire $size bytes, $(field 'len(d["violations"])' <<<"$out") violations"
err=$(call -d @"$work/hundred.json" "$url$method/EvaluateRequest" 2>&1 || true)
# buf curl prints the BadRequest detail as base64 (its type is not in the service's reflection).
violations() { "$py" -c 'import base64,json,sys; d=json.loads(sys.stdin.read()); v=d["details"][0]["value"]; sys.stdout.buffer.write(base64.b64decode(v + "=" * (-len(v) % 4)))'; }
grep -q invalid_argument <<<"$err" && violations <<<"$err" | grep -aq 'items\[\*\]\.treatment' || fail "buf curl, 100 typos: $err"
echo "buf curl, 100 typos: invalid_argument, $(wc -c <<<"$err") bytes printed"
for request in hundred code70k; do
  report=$(dotnet "$loadtool" --target "$url" --method evaluate --requests "$work/$request.json" --total 20 --concurrency 2 --json 2>/dev/null)
  [ "$(field 'd["errors"]' <<<"$report")" = "{'InvalidArgument': 20}" ] || fail "load tool, $request: $report"
done
echo "load tool, 100 typos and a 70 KB code: 20 of 20 InvalidArgument each"
out=$(grpcio $method/EvaluateRequest "$work/imr.binpb" "$work/code1m.json")
size=$(field 'd["message_bytes"] + (d["details_bytes"] + 2) // 3 * 4' <<<"$out")
[ "$(field 'd["code"]' <<<"$out")" = INVALID_ARGUMENT ] && [ "$size" -lt 5120 ] && grep -q 'clipped, 10000[0-9][0-9] bytes' <<<"$out" || fail "1 MB code: $out"
echo "grpcio, 1 MB code: INVALID_ARGUMENT, $size bytes, value clipped with its size"
out=$(grpcio $method/ExplainRationale "$work/imr.binpb" "$work/ids100k.json")
size=$(field 'd["message_bytes"] + (d["details_bytes"] + 2) // 3 * 4' <<<"$out")
[ "$(field 'd["code"]' <<<"$out")" = INVALID_ARGUMENT ] && [ "$size" -lt 5120 ] && grep -q 'item_ids\[\*\]' <<<"$out" || fail "100k item ids: $out"
echo "grpcio, ExplainRationale with 100k unknown item ids: INVALID_ARGUMENT, $size bytes"
err=$(call -d @"$work/ids100k.json" "$url$method/ExplainRationale" 2>&1 || true)
grep -q invalid_argument <<<"$err" || fail "buf curl, 100k item ids: $err"

# The burst: ExplainRationale with 100k unknown ids (grpcio: the load tool sends no item ids), 1 MB codes and the 100
# typos (load tool), 8 in flight each; twice, so growth that never stops shows as the second burst adding more.
burst=${ERRORS_SMOKE_BURST:-400}
worst_case_burst() {
  local codes
  codes=$(grpcio $method/ExplainRationale "$work/imr.binpb" "$work/ids100k.json" --repeat "$burst" --concurrency 8)
  [ "$codes" = "{\"INVALID_ARGUMENT\": $burst}" ] || fail "burst of 100k item ids: $codes"
  for request in code1m hundred; do
    report=$(dotnet "$loadtool" --target "$url" --method evaluate --requests "$work/$request.json" --total "$burst" --concurrency 8 --json 2>/dev/null)
    [ "$(field 'd["errors"]' <<<"$report")" = "{'InvalidArgument': $burst}" ] || fail "burst $request: $report"
  done
}
# The GC and Kestrel's pools settle at a level that depends on the machine's load during the first bursts; a leak
# keeps climbing. So: four bursts, and the last must not rise above the highest of the two before it by 64 MB.
before=$(rss_kb "$server_pid")
levels=()
for _ in 1 2 3 4; do worst_case_burst; levels+=("$(rss_kb "$server_pid")"); done
settled=$(( levels[1] > levels[2] ? levels[1] : levels[2] ))
echo "server RSS (VmRSS): $((before / 1024)) MB before; after each of four bursts of $((3 * burst)) worst-case invalid calls: $((levels[0] / 1024)) / $((levels[1] / 1024)) / $((levels[2] / 1024)) / $((levels[3] / 1024)) MB"
[ $((levels[3] - settled)) -lt $((64 * 1024)) ] || fail "RSS kept growing: ${levels[*]} kB"

echo "--- 3. case ids in the log"
call -d @"$work/hundred.json" "$url$method/EvaluateRequest" >/dev/null 2>&1 || true
grep -q 'case_id=h:' "$work/open.log" || fail "no hashed case id in the log"
! grep -q 'JaneDoe' "$work/open.log" || fail "the case id reached the log in clear"

echo "--- 5. invalid UTF-8 names its field"
out=$(grpcio $method/EvaluateRequest "$work/imr.binpb" "$work/utf8.json" --corrupt-utf8 MARKER-DESCRIPTION)
[ "$(field '[v["field"] for v in d["violations"]]' <<<"$out")" = "['items[2].description']" ] || fail "grpcio, invalid UTF-8: $out"
"$py" -c '
import sys, struct, importlib.util
spec = importlib.util.spec_from_file_location("c", sys.argv[1]); c = importlib.util.module_from_spec(spec); spec.loader.exec_module(c)
from google.protobuf import json_format
body = json_format.Parse(open(sys.argv[3]).read(), c.message_class(sys.argv[2], "imr.v1.EvaluateRequestRequest")()).SerializeToString()
at = body.index(b"MARKER-DESCRIPTION"); body = body[:at + 1] + b"\xc3\x28" + body[at + 3:]
open(sys.argv[4], "wb").write(b"\0" + struct.pack(">I", len(body)) + body)' "$client" "$work/imr.binpb" "$work/utf8.json" "$work/utf8.grpc"
headers=$(curl -s --http2-prior-knowledge -D - -o /dev/null -H 'content-type: application/grpc' -H 'te: trailers' \
  --data-binary @"$work/utf8.grpc" "$url$method/EvaluateRequest")
grep -qi '^grpc-status: 3' <<<"$headers" && grep -qi '^grpc-message: items\[2\].description: is not valid UTF-8' <<<"$headers" || fail "curl, invalid UTF-8: $headers"
echo "grpcio and curl: invalid UTF-8 is INVALID_ARGUMENT on items[2].description"

echo "--- 4. start-up problems"
expect_exit() { # code text args...: runs the server, expects that exit code and one stderr line containing text
  local code=$1 text=$2; shift 2
  set +e; (cd "$work" && "$@") >"$work/start.out" 2>"$work/start.err"; local got=$?; set -e
  [ "$got" -eq "$code" ] || { cat "$work/start.err"; fail "exit $got, expected $code: $*"; }
  [ "$(wc -l <"$work/start.err")" -eq 1 ] && grep -q "$text" "$work/start.err" || { cat "$work/start.err"; fail "expected one line with '$text'"; }
  ! grep -q '   at \|Exception:' "$work/start.out" "$work/start.err" || fail "a stack trace: $(cat "$work/start.out")"
  echo "exit $got: $(cat "$work/start.err")"
}
expect_exit 3 "cannot listen: Failed to bind to address $url" dotnet "$server" --urls "$url" --Storage:Path="$work/imr.db"
expect_exit 2 "cannot read the TLS certificate file" dotnet "$server" --urls "https://127.0.0.1:$((port + 1))" --Storage:Path="$work/imr.db" --Kestrel:Certificates:Default:Path="$work/missing.pem"
printf 'not a certificate' >"$work/garbage.pfx"
expect_exit 2 "cannot load the TLS certificate" dotnet "$server" --urls "https://127.0.0.1:$((port + 1))" --Storage:Path="$work/imr.db" --Kestrel:Certificates:Default:Path="$work/garbage.pfx"
expect_exit 2 "bad setting: .*Storage:ReloadIntervalMs" dotnet "$server" --Storage:Path="$work/imr.db" --Storage:ReloadIntervalMs=often
expect_exit 2 "refusing to start: http://\*:$((port + 1)) would accept plaintext" env HTTP_PORTS=$((port + 1)) dotnet "$server" --Storage:Path="$work/imr.db"
expect_exit 2 "refusing to start: http://\*:$((port + 1)) would accept plaintext" env ASPNETCORE_HTTP_PORTS=$((port + 1)) dotnet "$server" --Storage:Path="$work/imr.db"
cp -r "$(dirname "$server")" "$work/bin"
printf '{ "Logging": { oops' >"$work/bin/appsettings.json"
expect_exit 2 "cannot read configuration: .*appsettings.json" dotnet "$work/bin/ImrGrpc.Server.dll" --Storage:Path="$work/imr.db"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true

# Addresses from the environment the container images use, and a unix socket, are served under the same rules.
(cd "$work" && ASPNETCORE_URLS="$url" exec dotnet "$server" --Storage:Path="$work/imr.db") >"$work/env.log" 2>&1 &
pid=$!; pids+=("$pid")
for _ in $(seq 1 150); do healthy && break; sleep 0.1; done
healthy || fail "ASPNETCORE_URLS not served: $(cat "$work/env.log")"
kill "$pid"; wait "$pid" 2>/dev/null || true
(cd "$work" && ASPNETCORE_HTTP_PORTS=$port exec dotnet "$server" --Storage:Path="$work/imr.db" --Security:AllowInsecure=true) >"$work/ports.log" 2>&1 &
pid=$!; pids+=("$pid")
for _ in $(seq 1 150); do healthy && break; sleep 0.1; done
healthy && grep -q "INSECURE: http://\*:$port" "$work/ports.log" || fail "ASPNETCORE_HTTP_PORTS not served: $(cat "$work/ports.log")"
kill "$pid"; wait "$pid" 2>/dev/null || true
(cd "$work" && exec dotnet "$server" --urls "http://unix:$work/imr.sock" --Storage:Path="$work/imr.db") >"$work/unix.log" 2>&1 &
pid=$!; pids+=("$pid")
for _ in $(seq 1 150); do [ -S "$work/imr.sock" ] && break; sleep 0.1; done
out=$("$py" "$client" call "unix:$work/imr.sock" $method/ListGuidelineVersions "$work/imr.binpb" - <<<'{}')
[ "$(field 'd["code"]' <<<"$out")" = OK ] || fail "unix socket: $out $(cat "$work/unix.log")"
grep -q "Network mode: loopback only (http://unix:" "$work/unix.log" || fail "unix socket not reported as local"
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS (with Security:AllowInsecure) and a unix socket (grpcio) are served"

echo "--- 2. authentication before the body"
key=smoke-key-0123456789
case_key=smoke-case-id-key-0123456789
start "$work/keys.log" --Security:ApiKeys:0=$key --Logging:CaseIdKey=$case_key --Server:ShutdownTimeoutSeconds=2
head -c 2000000 /dev/zero >"$work/oversized.bin"
printf '\xff\xff\xff\xff\x0f\x01' >"$work/garbage.bin"
for body in garbage oversized; do
  out=$(grpcio $method/EvaluateRequest "$work/imr.binpb" --raw "$work/$body.bin")
  [ "$(field 'd["code"]' <<<"$out")" = UNAUTHENTICATED ] || fail "grpcio without a key, $body body: $out"
done
out=$(grpcio $method/EvaluateRequest "$work/imr.binpb" "$work/hundred.json")
[ "$(field 'd["code"]' <<<"$out")" = UNAUTHENTICATED ] || fail "grpcio without a key, 100 typos: $out"
err=$(call --schema "$root/protos" -d @"$work/hundred.json" "$url$method/EvaluateRequest" 2>&1 || true)
grep -q unauthenticated <<<"$err" || fail "buf curl without a key: $err"
out=$(grpcio $method/EvaluateRequest "$work/imr.binpb" --raw "$work/garbage.bin" --key $key)
[ "$(field 'd["code"]' <<<"$out")" = INVALID_ARGUMENT ] || fail "grpcio with the key, garbage: $out"
echo "grpcio (garbage, 2 MB, 100 typos) and buf curl without a key: UNAUTHENTICATED; with the key the garbage is INVALID_ARGUMENT"
refused=$(grep 'status=UNAUTHENTICATED' "$work/keys.log")
[ "$(wc -l <<<"$refused")" -eq 4 ] || fail "expected 4 refused calls logged: $refused"
! grep -q 'case_id\|duration' <<<"$refused" || fail "a refused call logged more than method, status and peer: $refused"
! grep -q 'JaneDoe' "$work/keys.log" || fail "an unauthenticated call's case id reached the log"

echo "--- 3. the hash an operator can compute with the configured key"
call --schema "$root/protos" -H "x-api-key: $key" -d @"$work/hundred.json" "$url$method/EvaluateRequest" >/dev/null 2>&1 || true
hash=$("$py" -c 'import hmac,hashlib,sys; print("h:" + hmac.new(sys.argv[1].encode(), sys.argv[2].encode(), hashlib.sha256).hexdigest()[:16])' $case_key JaneDoe-DOB-1961-02-03)
grep -q "case_id=$hash " "$work/keys.log" || fail "case id not logged as HMAC $hash"
! grep -q 'JaneDoe' "$work/keys.log" || fail "the case id reached the log in clear"
echo "case id logged as $hash (HMAC-SHA256 with Logging:CaseIdKey), never in clear"

echo "--- 6. SIGTERM with a stalled call"
"$py" "$client" stall "$target" $method/EvaluateRequest --key $key >"$work/stall.out" 2>&1 &
stall_pid=$!
# The call is open once the client holds a connection to the server.
for _ in $(seq 1 100); do [ "$(ss -Htn state established "( dport = :$port )" | wc -l)" -ge 1 ] && break; sleep 0.1; done
start_ns=$(date +%s%N)
kill -TERM "$pid"
set +e; wait "$pid"; code=$?; set -e
elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
wait "$stall_pid" || true
[ "$code" -eq 0 ] || fail "exit $code after SIGTERM"
[ "$elapsed_ms" -lt 8000 ] || fail "SIGTERM took $elapsed_ms ms with a 2 s grace"
grep -q '"CANCELLED"' "$work/stall.out" || fail "grpcio's stalled call ended with: $(cat "$work/stall.out")"
grep -q "Shutdown: 1 calls in flight, 0 finished, 1 still running after 2 s cut with CANCELLED" "$work/keys.log" || fail "$(grep -i shutdown "$work/keys.log")"
[ "$(grep -c 'status=CANCELLED' "$work/keys.log")" -eq 1 ] && ! grep -q 'status=UNKNOWN' "$work/keys.log" || fail "cut calls not logged CANCELLED: $(grep 'call ' "$work/keys.log")"
echo "SIGTERM with a stalled call (grpcio): exit 0 after $elapsed_ms ms; grpcio saw $(tail -1 "$work/stall.out"); log: $(grep -o 'Shutdown: .*CANCELLED' "$work/keys.log")"
echo "errors smoke ok"
