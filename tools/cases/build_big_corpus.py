#!/usr/bin/env python3
"""Writes a large JSON-lines impact corpus (one imr.v1 EvaluateRequestRequest per line) for measuring
`admin impact --cases` at scale: docs/PERFORMANCE.md runs it with 200,000 and 1,000,000 cases.

Every line is one of the admin tool's built-in cases (tui/ImrGrpc.Admin/Corpus/default-impact-cases.json: the seed
determination and the reviewer cases, so every treatment and rule family the tables know) varied deterministically
by its line number: all of a case's dates shifted together by up to a year either way (so the order of injury,
surgery, function snapshots and request stays valid), requested quantities and prior session counts moved up or down,
function snapshots nudged (hours, lifting limit, opioid agents), and now and then the item's body region swapped for
another region the corpus uses with that treatment. The same arguments always write the same bytes.

    python3 tools/cases/build_big_corpus.py 1000000 /tmp/big.jsonl [--seed 15] [--invalid-every N]

--invalid-every N makes every Nth line unreadable (cut short), to see unreadable lines counted past the listed ones.
"""
import argparse
import datetime
import json
import random
from pathlib import Path

root = Path(__file__).resolve().parents[2]
corpus = root / "tui" / "ImrGrpc.Admin" / "Corpus" / "default-impact-cases.json"


def shift(date_text, days):
    date = datetime.date.fromisoformat(date_text) + datetime.timedelta(days=days)
    return date.isoformat()


def is_date_field(key, value):
    return isinstance(value, str) and value != "" and (key == "date" or key.endswith("Date"))


def vary_dates(value, days):
    """Shifts every ISO date in the request by the same number of days."""
    if isinstance(value, dict):
        return {k: shift(v, days) if is_date_field(k, v) else vary_dates(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [vary_dates(v, days) for v in value]
    return value


def regions_by_treatment(templates):
    found = {}
    for request in templates:
        for item in request.get("items", []):
            found.setdefault(item["treatment"], set()).update(item.get("bodyRegions", []))
    return {t: sorted(r) for t, r in found.items()}


def vary(template, index, seed, regions):
    rng = random.Random(seed * 1_000_003 + index)
    request = vary_dates(json.loads(json.dumps(template)), rng.randint(-365, 365))
    request["caseId"] = f"{template.get('caseId', 'CASE')}-{index:07d}"
    for item in request.get("items", []):
        quantity = item.get("quantity", 1)
        item["quantity"] = max(1, quantity + rng.randint(-quantity // 2, quantity))
        choices = regions.get(item["treatment"], [])
        if item.get("bodyRegions") and choices and rng.random() < 0.2:
            item["bodyRegions"] = [rng.choice(choices)]
            clinical = request.setdefault("clinical", {})
            clinical["bodyRegions"] = sorted(set(clinical.get("bodyRegions", [])) | set(item["bodyRegions"]))
    for prior in request.get("priorTreatments", []):
        sessions = prior.get("sessions", 0)
        prior["sessions"] = max(0, sessions + rng.randint(-sessions // 2 - 1, sessions // 2 + 2))
    current = request.get("clinical", {}).get("currentFunction")
    if current:
        if "workHoursPerDay" in current:
            current["workHoursPerDay"] = min(12, max(0, current["workHoursPerDay"] + rng.choice([-2, 0, 0, 1, 2])))
        if "liftingLimitLb" in current:
            current["liftingLimitLb"] = max(0, current["liftingLimitLb"] + rng.choice([-5, 0, 0, 5, 10]))
        if "opioidAgents" in current:
            current["opioidAgents"] = max(0, current["opioidAgents"] + rng.choice([-1, 0, 0, 0, 1]))
    return request


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=int, help="how many cases (lines) to write")
    parser.add_argument("out", type=Path, help="the JSON-lines file to write")
    parser.add_argument("--seed", type=int, default=15, help="varies every case differently (default 15)")
    parser.add_argument("--invalid-every", type=int, default=0, help="make every Nth line unreadable (default: none)")
    args = parser.parse_args()
    templates = [c["request"] for c in json.loads(corpus.read_text(encoding="utf-8"))["cases"]]
    regions = regions_by_treatment(templates)
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        for i in range(args.cases):
            line = json.dumps(vary(templates[i % len(templates)], i, args.seed, regions), separators=(",", ":"), ensure_ascii=False)
            if args.invalid_every and (i + 1) % args.invalid_every == 0:
                line = line[: len(line) // 2]
            out.write(line + "\n")
    print(f"wrote {args.cases} cases to {args.out}")


if __name__ == "__main__":
    main()
