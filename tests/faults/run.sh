#!/usr/bin/env bash
# The fault suite: what operators do to a live server's files and a live store, done from a shell to the real binaries.
# Every step asserts that the server keeps answering EvaluateRequest correctly, never exits, says what is wrong in
# health, that no byte of any other file changed, and that no acknowledged write was lost. Needs root for the bind
# mount, the read-only remount and the small tmpfs (CI runs as root); prints one line per check and a summary.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
buf="$root/node_modules/.bin/buf"
server="$root/src/ImrGrpc.Server/bin/Debug/net10.0/ImrGrpc.Server.dll"
admin_dll="$root/tui/ImrGrpc.Admin/bin/Debug/net10.0/ImrGrpc.Admin.dll"
port=${FAULT_PORT:-5181}
url="http://127.0.0.1:$port"
w=$(mktemp -d /tmp/imr-faults.XXXXXX)
passed=0; failed=0; pid=
mounts=()
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$w"
}
trap cleanup EXIT
ok() { passed=$((passed + 1)); echo "PASS $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; [ -f "$w/server.log" ] && tail -5 "$w/server.log" | sed 's/^/    server: /'; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
admin() { dotnet "$admin_dll" --db "$w/imr.db" --user ops "$@"; }
call() { "$buf" curl --protocol grpc --http2-prior-knowledge "$@"; }
health() { local out; out=$(call -d "{\"service\":\"$1\"}" "$url/grpc.health.v1.Health/Check" 2>/dev/null) || return 1; grep -o '"[A-Z_]*"' <<<"$out" | tail -1 | tr -d '"'; }
# Polls a condition until it holds or 10 s pass: the server reacts to a file change on its own schedule.
eventually() { local i; for i in $(seq 1 200); do "$@" && return 0; sleep 0.05; done; return 1; }
health_is() { [ "$(health "$1")" = "$2" ]; }
alive() { kill -0 "$pid" 2>/dev/null; }
evaluate_ok() {
  local out; out=$(call -d @"$root/examples/seed-case.json" "$url/imr.v1.GuidelineDecisionService/EvaluateRequest" 2>&1) || { echo "$out"; return 1; }
  [ "$(grep -c IMR_OUTCOME_UPHELD <<<"$out")" -eq 2 ]
}
served_hashes() { call -d '{}' "$url/imr.v1.GuidelineDecisionService/ListGuidelineVersions" 2>/dev/null | grep -o '"contentHash": *"[0-9a-f]*"' | sort | tr -d ' '; }
# Fingerprint of every file under $w except the ones a step is allowed to touch (grep -v patterns in $1).
fingerprint() { (cd "$w" && find . -type f ! -name '*.log' ! -path './tmp*' -print0 | sort -z | xargs -0 sha256sum | grep -v -E "${1:-^$}"); }
survives() { alive && evaluate_ok; }

[ -f "$server" ] && [ -f "$admin_dll" ] || { echo "build first: dotnet build ImrGrpc.sln"; exit 2; }

echo "== setup: an editors' store, its published directory, a server reading only that directory"
admin versions >/dev/null || { echo "admin could not create the store"; exit 1; }
pub="$w/imr.published"
(cd "$w" && exec dotnet "$server" --urls "$url" --Bundles:Source="$pub" --Bundles:ReloadIntervalMs=100) >"$w/server.log" 2>&1 &
pid=$!
eventually health_is "" SERVING || { cat "$w/server.log"; exit 1; }
check "server serves the seed case from the published directory" survives

manifest="$pub/manifest.json"
cp "$manifest" "$w/manifest.good"
restore_manifest() { cp "$w/manifest.good" "$pub/.m.new" && mv -f "$pub/.m.new" "$manifest"; }
fault() { # name, the command that breaks things, the files it may change (grep -E pattern), how to mend it
  local name=$1 cmd=$2 allowed=$3 mend=${4:-restore_manifest} before after
  before=$(fingerprint "$allowed")
  eval "$cmd"
  if eventually health_is store NOT_SERVING && survives && health_is "" SERVING; then ok "$name: store NOT_SERVING, EvaluateRequest still correct"; else bad "$name: server did not keep serving"; fi
  eval "$mend"
  if eventually health_is store SERVING && survives; then ok "$name: recovered by itself once the file was good again"; else bad "$name: did not recover"; fi
  after=$(fingerprint "$allowed")
  [ "$before" = "$after" ] && ok "$name: no byte of any other file changed" || bad "$name: other files changed"
}

echo "== faults on the files the server reads"
fault "manifest deleted" 'rm -f "$manifest"' 'manifest'
fault "manifest truncated to 0 bytes" ': > "$manifest"' 'manifest'
fault "garbage appended to the manifest" 'printf "\x00garbage{" >> "$manifest"' 'manifest'
fault "manifest cut mid-file" 'head -c 300 "$w/manifest.good" > "$manifest"' 'manifest'
fault "directory moved away" 'mv "$pub" "$w/moved.published"' 'imr.published|moved.published' 'mv "$w/moved.published" "$pub"'
fault "directory replaced by an empty one" 'mv "$pub" "$w/moved.published"; mkdir "$pub"' 'imr.published|moved.published' 'rmdir "$pub"; mv "$w/moved.published" "$pub"'
fault "manifest replaced by a directory" 'mv "$manifest" "$w/manifest.away"; mkdir "$manifest"' 'manifest' 'rmdir "$manifest"; mv "$w/manifest.away" "$manifest"'
fault "manifest made unreadable (a symlink to nowhere)" 'mv "$manifest" "$w/manifest.away"; ln -s "$w/nowhere.json" "$manifest"' 'manifest' 'rm "$manifest"; mv "$w/manifest.away" "$manifest"' 
# A manifest naming a content file whose bytes do not hash to its name (a bad copy, a tampered file).
fake=$(printf '%064d' 0 | tr 0 a)
python3 - "$w/manifest.good" "$pub/$fake.json" "$fake" > "$w/manifest.tampered" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); v = dict(m["versions"][-1]); v["id"] = "tampered"; v["content_hash"] = sys.argv[3]
m["versions"][-1]["effective_to"] = "2099-12-31"; v["effective_from"] = "2100-01-01"; m["versions"].append(v); m["revision"] += 1
open(sys.argv[2], "w").write('{"catalog":{},"rules":[]}')
print(json.dumps(m, indent=1))
PY
fault "a content file that does not match its hash" 'cp "$w/manifest.tampered" "$manifest"' "manifest|$fake"
rm -f "$pub/$fake.json"
grep -q "does not match its hash" "$w/server.log" && ok "the log names the mismatched content file" || bad "no log line for the hash mismatch"

echo "== a directory source swapped the way Kubernetes swaps a ConfigMap (symlink renamed over symlink)"
kill "$pid"; wait "$pid" 2>/dev/null; pid=
cp -r "$pub" "$w/gen1"
ln -s "$w/gen1" "$w/current"
(cd "$w" && exec dotnet "$server" --urls "$url" --Bundles:Source="$w/current" --Bundles:ReloadIntervalMs=100) >"$w/server.log" 2>&1 &
pid=$!
eventually health_is "" SERVING || { cat "$w/server.log"; exit 1; }
d=$(admin draft mtus-2017 --label "faults: PT 12" | tail -1)
admin set-limit "$d" cpmtg-pm-myalgia --max-visits 12 >/dev/null
admin publish "$d" --effective-from 2030-01-01 >/dev/null
cp -r "$pub" "$w/gen2"
before_gen1=$(cd "$w/gen1" && sha256sum ./*)
ln -s "$w/gen2" "$w/current.new" && mv -T "$w/current.new" "$w/current"
new_hash=$(grep -o '"content_hash": "[0-9a-f]*"' "$w/gen2/manifest.json" | sort | tr -d ' ' | sed 's/content_hash/contentHash/')
published_hashes() { [ "$(served_hashes)" = "$(sort <<<"$new_hash")" ]; }
check "symlink swap: the new generation is served" eventually published_hashes
check "symlink swap: the old generation is untouched" test "$before_gen1" = "$(cd "$w/gen1" && sha256sum ./*)"
check "symlink swap: still answering" survives

echo "== start-up problems exit non-zero with one line"
kill "$pid"; wait "$pid" 2>/dev/null; pid=
mkdir -p "$w/broken"; cp "$pub/manifest.json" "$w/broken/"
set +e
dotnet "$server" --urls "http://127.0.0.1:$((port + 1))" --Bundles:Source="$w/broken" >/dev/null 2>"$w/broken.err"; code=$?
set -e; set +e
[ "$code" -ne 0 ] && [ "$(wc -l <"$w/broken.err")" -eq 1 ] && ok "a manifest naming missing content files: exit $code, one line: $(cat "$w/broken.err")" || { bad "missing content at start-up (exit $code)"; cat "$w/broken.err"; }
: > "$w/trunc.db"
dotnet "$server" --urls "http://127.0.0.1:$((port + 1))" --Storage:Path="$w/trunc.db" >/dev/null 2>"$w/trunc.err"; code=$?
[ "$code" -ne 0 ] && [ "$(wc -l <"$w/trunc.err")" -eq 1 ] && [ ! -s "$w/trunc.db" ] && ok "an empty store file: exit $code, one line, left empty: $(cat "$w/trunc.err")" || { bad "empty store at start-up (exit $code)"; cat "$w/trunc.err"; }

echo "== the editors' store"
(cd "$w" && exec dotnet "$server" --urls "$url" --Bundles:Source="$pub" --Bundles:ReloadIntervalMs=100) >"$w/server.log" 2>&1 &
pid=$!
eventually health_is "" SERVING || { cat "$w/server.log"; exit 1; }

# Replacing the store with a symlink to another store: the other store keeps every byte; the server does not care.
admin backup "$w/other.db" >/dev/null
other_before=$(sha256sum < "$w/other.db")
ln -s "$w/other.db" "$w/imr.db.new" && mv -T "$w/imr.db.new" "$w/swapped.db" 2>/dev/null
cp "$w/imr.db" "$w/swapped-target.db"; ln -sf "$w/other.db" "$w/link.new" && mv -T "$w/link.new" "$w/imr-link.db"
dotnet "$admin_dll" --db "$w/imr-link.db" versions >/dev/null
check "a store reached through a symlink is read, and the other store keeps every byte" test "$other_before" = "$(sha256sum < "$w/other.db")"
check "the server is unaffected by anything done to the store" survives

# Two drafts published for the same day: the second is refused, naming who published what.
d1=$(admin draft mtus-2017 | tail -1); d2=$(admin draft mtus-2017 | tail -1)
admin publish "$d1" --effective-from 2031-01-01 >/dev/null
out=$(admin publish "$d2" --effective-from 2031-01-01 2>&1); code=$?
[ "$code" -eq 3 ] && grep -q "published by ops" <<<"$out" && ok "the second of two drafts for one day is refused (exit 3): ${out:0:120}…" || bad "second publish for the same day (exit $code): $out"

# Export, backup and restore refuse the store itself, its log and what resolves to them.
store_before=$(sha256sum < "$w/imr.db")
ln "$w/imr.db" "$w/hardlink.db"
ln -s "$w/imr.db" "$w/symlink.db"
for target in "$w/imr.db" "$w/imr-log.db" "$w/hardlink.db" "$w/symlink.db" "$pub/manifest.json"; do
  admin export mtus-2017 "$target" >/dev/null 2>&1; e=$?
  admin backup "$target" >/dev/null 2>&1; b=$?
  [ "$e" -ne 0 ] && [ "$b" -ne 0 ] || bad "export/backup to $target was not refused ($e/$b)"
done
check "export and backup refuse the store, its log, a hard link, a symlink and the published directory; the store keeps every byte" test "$store_before" = "$(sha256sum < "$w/imr.db")"
rm -f "$w/hardlink.db" "$w/symlink.db"

# Concurrent set-limit through two mount points of one directory (two containers, one volume): nothing lost.
mkdir -p "$w/volume-b"
if mount --bind "$w" "$w/volume-b" 2>/dev/null; then
  mounts+=("$w/volume-b")
  dr=$(admin draft mtus-2017 | tail -1)
  lost=0
  for round in $(seq 1 50); do
    v=$((10 + round))
    dotnet "$admin_dll" --db "$w/imr.db" --user a set-limit "$dr" cpmtg-pm-myalgia --max-visits "$v" >/dev/null 2>&1 & p1=$!
    dotnet "$admin_dll" --db "$w/volume-b/imr.db" --user b set-limit "$dr" cpmtg-pm-neuralgia --max-visits "$v" >/dev/null 2>&1 & p2=$!
    wait "$p1"; c1=$?; wait "$p2"; c2=$?
    rows=$(admin show "$dr" --json)
    for rule in cpmtg-pm-myalgia cpmtg-pm-neuralgia; do
      got=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print([r["rule"]["max_visits"] for r in d["rules"] if r["rule"]["id"]==sys.argv[1]][0])' "$rule" <<<"$rows")
      if { [ "$rule" = cpmtg-pm-myalgia ] && [ "$c1" -eq 0 ]; } || { [ "$rule" = cpmtg-pm-neuralgia ] && [ "$c2" -eq 0 ]; }; then
        [ "$got" = "$v" ] || lost=$((lost + 1))
      fi
    done
  done
  [ "$lost" -eq 0 ] && ok "bind mount race: 50 rounds of two concurrent set-limit, 0 lost updates" || bad "bind mount race: $lost lost updates"
  umount "$w/volume-b"; mounts=()
else
  bad "bind mount not permitted here (the race needs root)"
fi

# Restore racing publish: an acknowledged publish survives (in the live store, or in the kept copy the restore names).
admin backup "$w/before-race.db" >/dev/null
dr=$(admin draft mtus-2017 | tail -1)
admin publish "$dr" --effective-from 2032-01-01 >"$w/race-publish.out" 2>&1 & pp=$!
admin restore "$w/before-race.db" >"$w/race-restore.out" 2>&1 & rp=$!
wait "$pp"; pc=$?; wait "$rp"; rc=$?
if [ "$pc" -eq 0 ]; then
  if admin show "$dr" >/dev/null 2>&1 && admin versions | grep -q "$dr.*published"; then where="in the live store"
  else kept=$(sed -n 's/.*kept as \(.*\)/\1/p' "$w/race-restore.out"); dotnet "$admin_dll" --db "$kept" versions 2>/dev/null | grep -q "$dr.*published" && where="in the kept copy $kept (the restore came after it)"; fi
  [ -n "${where:-}" ] && ok "restore racing publish: the acknowledged publish exists $where" || bad "restore racing publish: the acknowledged publish is gone"
else
  ok "restore racing publish: publish was refused (exit $pc), nothing acknowledged"
fi
[ "$rc" -eq 0 ] || bad "restore failed: $(cat "$w/race-restore.out")"
check "after the race the published directory matches the store" eventually bash -c "dotnet '$admin_dll' --db '$w/imr.db' repair | grep -q 'already up to date'"

# kill -9 in the middle of publishes: never a manifest naming a missing or partial file; the next run repairs.
bad_manifests=0
for i in $(seq 1 20); do
  dr=$(admin draft mtus-2017 | tail -1)
  admin publish "$dr" --effective-from "2033-01-$(printf %02d "$i")" >/dev/null 2>&1 & kp=$!
  sleep "0.$((RANDOM % 9))"; kill -9 "$kp" 2>/dev/null; wait "$kp" 2>/dev/null
  python3 - "$pub" <<'PY' || bad_manifests=$((bad_manifests + 1))
import hashlib, json, os, sys
d = sys.argv[1]; m = json.load(open(os.path.join(d, "manifest.json")))
for v in m["versions"]:
    b = open(os.path.join(d, v["content_hash"] + ".json"), "rb").read()
    assert hashlib.sha256(b).hexdigest() == v["content_hash"], v["id"]
PY
done
[ "$bad_manifests" -eq 0 ] && ok "kill -9 during 20 publishes: every manifest names only whole, verified content files" || bad "$bad_manifests manifests named missing or partial files"
admin versions >/dev/null
check "the next admin run repaired the directory to the store's state" bash -c "dotnet '$admin_dll' --db '$w/imr.db' repair | grep -q 'already up to date'"
check "after the kills the server still serves" survives

# Audit log: chained; an edited entry is caught; names with line breaks are refused.
check "audit --verify: the chain and the published content hashes verify" bash -c "dotnet '$admin_dll' --db '$w/imr.db' audit --verify >/dev/null"
out=$(dotnet "$admin_dll" --db "$w/imr.db" --user $'eve\n2026-01-01 root publish' draft mtus-2017 2>&1); code=$?
[ "$code" -ne 0 ] && grep -q "control character" <<<"$out" && ok "a user name with a line break is refused" || bad "a forged user name was accepted: $out"

# Files are private to their owner whatever the umask.
(umask 000; dotnet "$admin_dll" --db "$w/private/imr.db" versions >/dev/null; dotnet "$admin_dll" --db "$w/private/imr.db" backup "$w/private/b.db" >/dev/null)
modes=$(find "$w/private" -exec stat -c '%a %n' {} + | grep -v -E '^(600|700) ' || true)
[ -z "$modes" ] && ok "store, published files, backup: 0600/0700 under umask 000" || bad "files not private: $modes"
runuser -u nobody -- cat "$w/imr.db" >/dev/null 2>&1 && bad "another user can read (and so lock) the store" || ok "another local user cannot open the store, so cannot hold its lock"

# A read-only filesystem: every read command still works.
mkdir -p "$w/ro"; cp "$w/imr.db" "$w/ro/"; cp -r "$pub" "$w/ro/imr.published"
mkdir -p "$w/ro-mount"
if mount --bind "$w/ro" "$w/ro-mount" && mount -o remount,ro,bind "$w/ro-mount"; then
  mounts+=("$w/ro-mount")
  ro() { dotnet "$admin_dll" --db "$w/ro-mount/imr.db" "$@"; }
  ro versions >/dev/null && ro show mtus-2017 >/dev/null && ro diff mtus-2009 mtus-2015 >/dev/null \
    && ro export mtus-2017 "$w/ro-export.json" >/dev/null && ro backup "$w/ro-backup.db" >/dev/null \
    && ok "read-only filesystem: versions, show, diff, export, backup all work" || bad "a read command failed on a read-only filesystem"
  out=$(ro draft mtus-2017 2>&1); code=$?
  [ "$code" -ne 0 ] && ! grep -q "   at " <<<"$out" && ok "read-only filesystem: a write says so in one line (exit $code): $out" || bad "write on read-only fs: $out"
  umount "$w/ro-mount"; mounts=()
else
  bad "read-only bind mount not permitted here"
fi

# A full disk: "no space left on device", naming the file, no stack trace, the store intact.
mkdir -p "$w/full"
if mount -t tmpfs -o size=2m tmpfs "$w/full"; then
  mounts+=("$w/full")
  dotnet "$admin_dll" --db "$w/full/imr.db" versions >/dev/null 2>&1
  head -c $((2 * 1024 * 1024)) /dev/zero > "$w/full/filler" 2>/dev/null
  out=$(dotnet "$admin_dll" --db "$w/full/imr.db" backup "$w/full/b.db" 2>&1); code=$?
  [ "$code" -ne 0 ] && grep -q "no space left on device" <<<"$out" && ! grep -q "   at " <<<"$out" && ok "full disk (backup): exit $code: $out" || bad "full disk: $out"
  rm -f "$w/full/filler"
  check "full disk: the store still opens whole afterwards" bash -c "dotnet '$admin_dll' --db '$w/full/imr.db' audit --verify >/dev/null"
  umount "$w/full"; mounts=()
else
  bad "tmpfs not permitted here"
fi

check "the server never exited through all of it" alive
grep -q "Unhandled exception" "$w/server.log" && bad "the server logged an unhandled exception" || ok "no unhandled exception in the server log"
echo
echo "faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
