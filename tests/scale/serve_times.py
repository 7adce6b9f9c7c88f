#!/usr/bin/python3
"""Measures how long each replica takes to serve a newly published version.

  serve_times.py MANIFEST DEADLINE_S TARGET...

Waits for MANIFEST (the published directory's manifest.json) to name a content hash it did not name at start, then
polls ListGuidelineVersions on every TARGET (host:port, each replica directly, not through the balancer) until the
answer lists that hash. Prints one JSON object: the new hash and, per target, the seconds from the moment the new
manifest could first be read in the directory (polled every 2 ms: the publish's atomic rename) to the first answer
that served it, or null past DEADLINE_S. Not the file's modification time: that is when the publish wrote the
temporary file, before it fsynced the content files and the manifest and renamed it into place, which on a busy
disk can be most of a second earlier.
Uses Debian's python3-grpcio with raw bytes, so it needs no generated code: the request is the empty message and the
hash is looked for as its 64 ASCII hex digits in the answer.
"""
import json
import sys
import time

import grpc

METHOD = "/imr.v1.GuidelineDecisionService/ListGuidelineVersions"


def hashes(manifest):
    try:
        with open(manifest, "rb") as f:
            return {v["content_hash"] for v in json.load(f)["versions"]}
    except (OSError, ValueError, KeyError):
        return None


def main():
    manifest, deadline_s, targets = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    before = hashes(manifest)
    end = time.time() + 120
    new = None
    while new is None and time.time() < end:
        now = hashes(manifest)
        if now and before and now - before:
            new = sorted(now - before)[0]
        else:
            time.sleep(0.002)
    if new is None:
        print(json.dumps({"error": "no new content hash was published"}))
        return 1
    published = time.time()
    calls = {t: grpc.insecure_channel(t).unary_unary(METHOD) for t in targets}
    seen = {}
    needle = new.encode()
    while len(seen) < len(targets) and time.time() < published + deadline_s + 5:
        for target, call in calls.items():
            if target in seen:
                continue
            try:
                answer = call(b"", timeout=1)
            except grpc.RpcError:
                continue
            if needle in answer:
                seen[target] = round(time.time() - published, 3)
        time.sleep(0.005)
    print(json.dumps({"hash": new, "seconds": {t: seen.get(t) for t in targets}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
