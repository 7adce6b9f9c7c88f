#!/usr/bin/python3
"""Reads the deployable artifacts the way their tools would, since no container engine or cluster runs here.

  deploy_files.py manifests DIR      Parses every YAML document under DIR and checks what the deployment promises
                                     (replicas, grpc probes on the health service, resources, a PodDisruptionBudget and
                                     Services that select the pods, a read-only root, a non-root user). One line per check.
  deploy_files.py dockerfile FILE    Prints, as JSON, what the final stage runs: user, workdir, env, entrypoint + cmd,
                                     exposed ports, and how many stages it has.
"""
import json
import os
import shlex
import sys

import yaml


def manifests(directory):
    documents = []
    for name in sorted(os.listdir(directory)):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(directory, name)) as f:
                for doc in yaml.safe_load_all(f):  # raises on any YAML that kubectl would not read
                    if doc is not None:
                        documents.append((name, doc))
    failures = []

    def check(name, condition):
        print(("PASS " if condition else "FAIL ") + name)
        if not condition:
            failures.append(name)

    check(f"{len(documents)} YAML documents parse", len(documents) > 0)
    for name, doc in documents:
        if doc.get("kind") == "Kustomization":
            # kubectl apply -k reads it: every resource it lists must be a file here.
            check(f"{name}: every resource it lists exists", all(os.path.isfile(os.path.join(directory, r)) for r in doc.get("resources", [])))
            continue
        check(f"{name}: {doc.get('kind')} {doc.get('metadata', {}).get('name')} has apiVersion, kind and metadata.name",
              all(k in doc for k in ("apiVersion", "kind", "metadata")) and "name" in doc["metadata"])
    documents = [(name, doc) for name, doc in documents if doc.get("kind") != "Kustomization"]
    by_kind = {}
    for _, doc in documents:
        by_kind.setdefault(doc["kind"], []).append(doc)
    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    server = deployments.get("imrgrpc")
    check("a Deployment imrgrpc", server is not None)
    if server is None:
        return 1
    spec = server["spec"]
    labels = spec["template"]["metadata"]["labels"]
    check("it runs several replicas", spec.get("replicas", 1) >= 2)
    check("its selector matches its pod labels", all(labels.get(k) == v for k, v in spec["selector"]["matchLabels"].items()))
    pod = spec["template"]["spec"]
    container = pod["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    check("it exposes a grpc and a metrics port", "grpc" in ports and "metrics" in ports)
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        grpc = container.get(probe, {}).get("grpc")
        check(f"{probe} is a grpc probe (grpc.health.v1) on the gRPC port", grpc is not None and grpc.get("port") == ports.get("grpc"))
    check("readiness asks for the decision service", container["readinessProbe"]["grpc"].get("service") == "imr.v1.GuidelineDecisionService")
    check("no probe asks for 'store' (a bundle source outage must not take replicas out)",
          all(container.get(p, {}).get("grpc", {}).get("service") != "store" for p in ("startupProbe", "readinessProbe", "livenessProbe")))
    resources = container.get("resources", {})
    check("it requests and limits cpu and memory", all(k in resources.get(r, {}) for r in ("requests", "limits") for k in ("cpu", "memory")))
    security = container.get("securityContext", {})
    check("its root filesystem is read-only", security.get("readOnlyRootFilesystem") is True)
    check("it runs as a non-root user", pod.get("securityContext", {}).get("runAsNonRoot") is True and pod["securityContext"].get("runAsUser", 0) != 0)
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    source = env.get("Bundles__Source", "/bundles")
    mounts = [m["mountPath"] for m in container.get("volumeMounts", [])]
    check(f"its bundle source is a URL or a mounted volume ({source})",
          source.startswith(("http://", "https://")) or any(source == m or source.startswith(m + "/") for m in mounts))
    check("the grace period outlasts the shutdown drain (5 s) and the preStop pause",
          pod.get("terminationGracePeriodSeconds", 30) > 5 + container.get("lifecycle", {}).get("preStop", {}).get("sleep", {}).get("seconds", 0) + 2)
    pdbs = by_kind.get("PodDisruptionBudget", [])
    check("a PodDisruptionBudget selects the replicas",
          any(all(labels.get(k) == v for k, v in p["spec"]["selector"]["matchLabels"].items()) for p in pdbs))
    services = [s for s in by_kind.get("Service", []) if all(labels.get(k) == v for k, v in s["spec"].get("selector", {}).items())]
    check("a Service selects the replicas and targets the grpc port",
          any(any(p.get("targetPort") in ("grpc", ports.get("grpc")) for p in s["spec"]["ports"]) for s in services))
    if source.startswith("http"):
        host = source.split("/")[2].split(":")[0]
        check(f"the bundle URL's host {host} is a Service defined here", any(s["metadata"]["name"] == host for s in by_kind.get("Service", [])))
    return 1 if failures else 0


def dockerfile(path):
    lines, current = [], ""
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not current and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.endswith("\\"):
                current += line[:-1] + " "
                continue
            lines.append(current + line)
            current = ""
    stages, final = 0, {"env": {}, "user": None, "workdir": None, "entrypoint": [], "cmd": [], "expose": []}
    for line in lines:
        word, _, rest = line.strip().partition(" ")
        word = word.upper()
        if word == "FROM":
            stages += 1
            final = {"env": {}, "user": None, "workdir": None, "entrypoint": [], "cmd": [], "expose": []}
        elif word == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                final["env"][key] = value
        elif word == "USER":
            final["user"] = rest.strip()
        elif word == "WORKDIR":
            final["workdir"] = rest.strip()
        elif word in ("ENTRYPOINT", "CMD"):
            final[word.lower()] = json.loads(rest)  # exec form only: a shell form would need a shell in the image
        elif word == "EXPOSE":
            final["expose"] += rest.split()
    final["stages"] = stages
    print(json.dumps(final))
    return 0


if __name__ == "__main__":
    sys.exit({"manifests": manifests, "dockerfile": dockerfile}[sys.argv[1]](sys.argv[2]))
