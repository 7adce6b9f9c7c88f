#!/usr/bin/env bash
# Checks the deployable artifacts with what can run here (no container engine, no cluster):
#   - every Kubernetes manifest under deploy/k8s parses, and the deployment keeps its promises (deploy_files.py);
#   - the Dockerfile is multi-stage and runs as a non-root user; its final stage's exact entry command, environment and
#     user are run against `dotnet publish` output (what the build stage produces) with the whole filesystem
#     read-only in a private mount namespace, bundles on a read-only "volume", and the server must answer health,
#     EvaluateRequest and /metrics, then stop cleanly on SIGTERM. A second run gives it a writable "volume" for the
#     single-node mode that seeds its own store there.
# Paths the image has (/app, /bundles, /data) are mapped to directories here, and ports 8080/9464 to 17401/17402; the
# script prints the command it runs. Needs root (the mount namespace); CI runs as root.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
buf="$root/node_modules/.bin/buf"
py=/usr/bin/python3
admin_dll="$root/tui/ImrGrpc.Admin/bin/Debug/net10.0/ImrGrpc.Admin.dll"
grpc_port=${DEPLOY_GRPC_PORT:-17401}; metrics_port=${DEPLOY_METRICS_PORT:-17402}
w=$(mktemp -d /tmp/imr-deploy.XXXXXX)
chmod 755 "$w"
passed=0; failed=0; pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$w"; }
trap cleanup EXIT
ok() { passed=$((passed + 1)); echo "PASS $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
within() { local seconds=$1 i; shift; for i in $(seq 1 $((seconds * 20))); do "$@" && return 0; sleep 0.05; done; return 1; }
call() { "$buf" curl --protocol grpc --http2-prior-knowledge "$@"; }
serving() { local out; out=$(call -d '{}' "http://127.0.0.1:$grpc_port/grpc.health.v1.Health/Check" 2>/dev/null) || return 1; grep -q '"SERVING"' <<<"$out"; }

[ "$(id -u)" -eq 0 ] || { echo "needs root: the read-only root filesystem is a private mount namespace"; exit 2; }
[ -f "$admin_dll" ] && [ -e "$buf" ] || { echo "build first (dotnet build ImrGrpc.sln; npm ci)"; exit 2; }

echo "== Kubernetes manifests (deploy/k8s)"
"$py" "$root/tests/deploy/deploy_files.py" manifests "$root/deploy/k8s" | tee "$w/manifests.txt"
passed=$((passed + $(grep -c '^PASS' "$w/manifests.txt"))); failed=$((failed + $(grep -c '^FAIL' "$w/manifests.txt")))

echo "== Dockerfile"
image=$("$py" "$root/tests/deploy/deploy_files.py" dockerfile "$root/Dockerfile") || { echo "FAIL the Dockerfile does not parse"; exit 1; }
field() { "$py" -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2], {}, {"d": d}))' "$image" "$1"; }
check "multi-stage: an SDK build stage and a runtime stage" test "$(field 'd["stages"]')" -ge 2
user=$(field 'd["user"]')
# $APP_UID is the aspnet base image's own non-root user (uid 1654, "app").
uid=$([ "$user" = '$APP_UID' ] && echo 1654 || echo "$user")
check "runs as a non-root user ($user = uid $uid)" test "$uid" != 0 -a "$uid" != root
check "the entry command is exec form: dotnet /app/ImrGrpc.Server.dll" test "$(field '" ".join(d["entrypoint"])')" = "dotnet /app/ImrGrpc.Server.dll"

echo "== the image's entry command on a read-only root (dotnet publish output, as the build stage makes it)"
dotnet publish "$root/src/ImrGrpc.Server/ImrGrpc.Server.csproj" -c Release -o "$w/app" -p:UseAppHost=false -nologo -v q >"$w/publish.log" 2>&1 \
  || { cat "$w/publish.log"; echo "FAIL dotnet publish"; exit 1; }
dotnet "$admin_dll" --db "$w/store/imr.db" versions >/dev/null || { echo "FAIL the admin could not create a store"; exit 1; }
cp -r "$w/store/imr.published" "$w/bundles"
chmod -R a+rX "$w/app" "$w/bundles"
mkdir -p "$w/data"
# The image's command and environment, paths and ports mapped; printed so a reader can compare with the Dockerfile.
command=$("$py" - "$image" "$w" "$grpc_port" "$metrics_port" <<'PY'
import json, shlex, sys
d, w, grpc, metrics = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
def mapped(text):
    for path in ("/app", "/bundles", "/data"):
        if text == path or text.startswith(path + "/"):
            text = w + text
    return text.replace(":8080", ":" + grpc).replace(":9464", ":" + metrics)
env = {k: mapped(v) for k, v in d["env"].items()}
print(" ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + " -- " + " ".join(shlex.quote(mapped(a)) for a in d["entrypoint"] + d["cmd"]))
PY
)
env_part=${command%% -- *}; cmd_part=${command#* -- }
echo "env: $env_part"
echo "cmd: $cmd_part"
# Every mount read-only but /proc, /sys and /dev, then a writable tmpfs for the one volume that may be written
# (/data, the single-node mode only), then the image's user, environment and command. A write anywhere else fails.
run_image() { # extra env assignments...
  local extra="$*"
  unshare --mount --propagation private -- /bin/bash -c '
    findmnt -rn -o TARGET | sort -r | while read -r m; do
      case "$m" in /proc*|/sys*|/dev*) ;; *) mount -o remount,bind,ro "$m" 2>/dev/null ;; esac
    done
    mount -t tmpfs -o size=32m,mode=0777 tmpfs "'"$w"'/data"
    touch /imr-probe "'"$w"'/imr-probe" /tmp/imr-probe 2>/dev/null && { echo "the root filesystem is still writable" >&2; exit 97; }
    exec setpriv --reuid='"$uid"' --regid='"$uid"' --clear-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent '"$env_part $extra"' '"$cmd_part"'
  ' >"$w/server.log" 2>&1 &
  pid=$!
}
stop_image() {
  kill -TERM "$pid"; wait "$pid"; local code=$?; pid=
  return $code
}

run_image
if within 60 serving; then ok "the entry command serves health SERVING as uid $uid on a read-only root, bundles from a read-only volume"; else bad "the image's command did not serve"; cat "$w/server.log"; fi
out=$(call -d @"$root/examples/seed-case.json" "http://127.0.0.1:$grpc_port/imr.v1.GuidelineDecisionService/EvaluateRequest" 2>&1)
check "EvaluateRequest decides the seed case (both items upheld)" test "$(grep -c IMR_OUTCOME_UPHELD <<<"$out")" -eq 2
metrics=$(curl -sf "http://127.0.0.1:$metrics_port/metrics")
check "metrics are served on the metrics port and list the served versions" grep -q '^imr_guideline_version_info{' <<<"$metrics"
check "the startup log says the network mode it chose" grep -q 'INSECURE' "$w/server.log"
check "nothing complained about a read-only file system" test "$(grep -ci 'read-only file system' "$w/server.log")" -eq 0
stop_image; code=$?
check "SIGTERM stops it with exit code 0" test "$code" -eq 0

run_image Bundles__Source= "Storage__Path=$w/data/imrgrpc.db"
if within 60 serving; then ok "single-node mode: it seeds its own store on the one writable volume and serves"; else bad "single-node mode did not serve"; cat "$w/server.log"; fi
stop_image; code=$?
check "single-node mode stops with exit code 0" test "$code" -eq 0
check "the seeded store was written to the volume, not elsewhere" grep -q "Created the seeded guideline store $w/data/imrgrpc.db" "$w/server.log"

echo
echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
