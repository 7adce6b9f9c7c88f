#!/usr/bin/env python3
"""Writes tests/data/malformed-requests.json: malformed EvaluateRequestRequests (imr.v1 JSON mapping), each with the
fields a BadRequest violation must name. Built by mutating the seed case one defect at a time, plus a few that
break many fields at once (every one must be reported, not just the first)."""
import copy
import json
from pathlib import Path

root = Path(__file__).resolve().parents[2]
base = json.loads((root / "examples" / "seed-case.json").read_text())
base["items"] = base["items"][:1]
cases = []


def add(name, mutate, *fields):
    request = copy.deepcopy(base)
    mutate(request)
    cases.append({"name": name, "request": request, "fields": list(fields)})


def setter(path, value):
    def mutate(r):
        target = r
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def delete(path):
    def mutate(r):
        target = r
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


# dates
add("request-date-missing", delete(["requestDate"]), "request_date")
for bad in ["2014-13-01", "2014-02-30", "14-07-2014", "yesterday", "2014/07/14", "1899-12-31", "2201-01-01", "2014-7-14", " 2014-07-14"]:
    add(f"request-date-{bad.strip() or 'space'}", setter(["requestDate"], bad), "request_date")
add("injury-date-missing", delete(["injuryDate"]), "injury_date")
for bad in ["2009-02-29", "2009-00-10", "20090814", "not a date"]:
    add(f"injury-date-{bad}", setter(["injuryDate"], bad), "injury_date")
add("injury-after-request", setter(["injuryDate"], "2015-01-01"), "injury_date")
# enums and top-level text
add("review-type-unknown", setter(["reviewType"], 7), "review_type")
add("case-id-too-long", setter(["caseId"], "C" * 129), "case_id")
add("guideline-version-too-long", setter(["guidelineVersion"], "v" * 129), "guideline_version")
# clinical
add("clinical-missing", delete(["clinical"]), "clinical")
add("phase-unspecified", setter(["clinical", "phase"], "CLINICAL_PHASE_UNSPECIFIED"), "clinical.phase")
add("phase-unknown", setter(["clinical", "phase"], 42), "clinical.phase")
for i, bad in enumerate(["", "123", "M5", "M54.123456", "ZZZ.Q?", "MM4.5", "M54..5", "5M4.5"]):
    add(f"diagnosis-code-{i}", setter(["clinical", "diagnoses", 0, "code"], bad), "clinical.diagnoses[0].code")
add("diagnosis-description-too-long", setter(["clinical", "diagnoses", 0, "description"], "d" * 1001), "clinical.diagnoses[0].description")
add("diagnoses-too-many", setter(["clinical", "diagnoses"], [{"code": "M79.1"}] * 51), "clinical.diagnoses")
add("region-empty", setter(["clinical", "bodyRegions"], ["lumbar_spine", ""]), "clinical.body_regions[1]")
add("region-unknown", setter(["clinical", "bodyRegions"], ["tail"]), "clinical.body_regions[0]")
add("region-too-long", setter(["clinical", "bodyRegions"], ["r" * 65]), "clinical.body_regions[0]")
add("regions-too-many", setter(["clinical", "bodyRegions"], ["lumbar_spine"] * 21), "clinical.body_regions")
# surgery
add("post-surgical-without-surgery", setter(["clinical", "phase"], "CLINICAL_PHASE_POST_SURGICAL"), "clinical.surgery")
add("surgery-unknown-procedure", setter(["clinical", "surgery"], {"procedure": "appendectomy", "date": "2014-01-10"}), "clinical.surgery.procedure")
add("surgery-missing-date", setter(["clinical", "surgery"], {"procedure": "lumbar_fusion"}), "clinical.surgery.date")
add("surgery-missing-procedure", setter(["clinical", "surgery"], {"date": "2014-01-10"}), "clinical.surgery.procedure")
add("surgery-bad-date", setter(["clinical", "surgery"], {"procedure": "lumbar_fusion", "date": "2014-01-32"}), "clinical.surgery.date")
add("surgery-before-injury", setter(["clinical", "surgery"], {"procedure": "lumbar_fusion", "date": "2008-01-10"}), "clinical.surgery.date")
add("surgery-after-request", setter(["clinical", "surgery"], {"procedure": "lumbar_fusion", "date": "2014-08-10"}), "clinical.surgery.date")
# function snapshots
for which in ["previousFunction", "currentFunction"]:
    snake = "previous_function" if which == "previousFunction" else "current_function"
    add(f"{snake}-bad-date", setter(["clinical", which, "date"], "2014-02-31"), f"clinical.{snake}.date")
    add(f"{snake}-date-after-request", setter(["clinical", which, "date"], "2014-08-01"), f"clinical.{snake}.date")
    add(f"{snake}-work-status-unknown", setter(["clinical", which, "workStatus"], 9), f"clinical.{snake}.work_status")
    for field, snake_field, values in [("workHoursPerDay", "work_hours_per_day", [-1, 25, "NaN", "Infinity"]),
                                       ("liftingLimitLb", "lifting_limit_lb", [-5, 501]),
                                       ("opioidAgents", "opioid_agents", [-1, 21]),
                                       ("morphineEquivalentMgPerDay", "morphine_equivalent_mg_per_day", [-1, 1000000, "-Infinity"])]:
        for v in values:
            add(f"{snake}-{snake_field}-{v}", setter(["clinical", which, field], v), f"clinical.{snake}.{snake_field}")
add("previous-after-current", setter(["clinical", "previousFunction", "date"], "2014-06-30"), "clinical.previous_function.date")
for trend in ["workRestrictions", "activitiesOfDailyLiving", "treatmentDependence"]:
    snake = {"workRestrictions": "work_restrictions", "activitiesOfDailyLiving": "activities_of_daily_living", "treatmentDependence": "treatment_dependence"}[trend]
    add(f"trend-{snake}-unknown", setter(["clinical", "functionalEvidence"], {trend: 8}), f"clinical.functional_evidence.{snake}")
# prior treatments
add("prior-treatment-empty", setter(["priorTreatments", 0, "treatment"], ""), "prior_treatments[0].treatment")
add("prior-treatment-unknown", setter(["priorTreatments", 0, "treatment"], "reiki"), "prior_treatments[0].treatment")
add("prior-sessions-negative", setter(["priorTreatments", 0, "sessions"], -1), "prior_treatments[0].sessions")
add("prior-sessions-huge", setter(["priorTreatments", 0, "sessions"], 10001), "prior_treatments[0].sessions")
add("prior-start-after-end", setter(["priorTreatments", 0, "startDate"], "2014-06-01"), "prior_treatments[0].end_date")
add("prior-end-after-request", setter(["priorTreatments", 0, "endDate"], "2014-09-01"), "prior_treatments[0].end_date")
add("prior-bad-start", setter(["priorTreatments", 0, "startDate"], "2014-01-00"), "prior_treatments[0].start_date")
add("prior-bad-end", setter(["priorTreatments", 1, "endDate"], "May 22"), "prior_treatments[1].end_date")
add("prior-relief-over-100", setter(["priorTreatments", 0, "painReliefPercent"], 101), "prior_treatments[0].pain_relief_percent")
add("prior-relief-negative", setter(["priorTreatments", 0, "painReliefPercent"], -1), "prior_treatments[0].pain_relief_percent")
add("prior-relief-weeks-negative", setter(["priorTreatments", 0, "reliefDurationWeeks"], -2), "prior_treatments[0].relief_duration_weeks")
add("prior-region-unknown", setter(["priorTreatments", 1, "bodyRegions"], ["neck"]), "prior_treatments[1].body_regions[0]")
add("priors-too-many", setter(["priorTreatments"], [{"treatment": "physical_therapy", "sessions": 1}] * 201), "prior_treatments")
# items
add("items-missing", setter(["items"], []), "items")
add("items-too-many", setter(["items"], [dict(base["items"][0], itemId=str(i)) for i in range(101)]), "items")
add("item-id-empty", setter(["items", 0, "itemId"], ""), "items[0].item_id")
add("item-id-duplicate", setter(["items"], [base["items"][0], base["items"][0]]), "items[1].item_id")
add("item-id-too-long", setter(["items", 0, "itemId"], "i" * 129), "items[0].item_id")
add("item-description-too-long", setter(["items", 0, "description"], "x" * 1001), "items[0].description")
add("item-treatment-empty", setter(["items", 0, "treatment"], ""), "items[0].treatment")
add("item-treatment-unknown", setter(["items", 0, "treatment"], "cupping"), "items[0].treatment")
add("item-treatment-too-long", setter(["items", 0, "treatment"], "t" * 65), "items[0].treatment")
for q in [0, -5, 366, 100000]:
    add(f"item-quantity-{q}", setter(["items", 0, "quantity"], q), "items[0].quantity")
add("item-frequency-negative", setter(["items", 0, "frequencyPerWeek"], -1), "items[0].frequency_per_week")
add("item-frequency-15", setter(["items", 0, "frequencyPerWeek"], 15), "items[0].frequency_per_week")
add("item-duration-negative", setter(["items", 0, "durationWeeks"], -1), "items[0].duration_weeks")
add("item-duration-105", setter(["items", 0, "durationWeeks"], 105), "items[0].duration_weeks")
add("item-cited-too-many", setter(["items", 0, "claimsAdministratorGuidelines"], ["ODG"] * 21), "items[0].claims_administrator_guidelines")
add("item-cited-too-long", setter(["items", 0, "claimsAdministratorGuidelines"], ["G" * 201]), "items[0].claims_administrator_guidelines[0]")
add("item-care-type-unknown", setter(["items", 0, "careType"], 9), "items[0].care_type")
add("item-region-unknown", setter(["items", 0, "bodyRegions"], ["upper_extremity", "spleen"]), "items[0].body_regions[1]")
add("item-region-empty", setter(["items", 0, "bodyRegions"], [""]), "items[0].body_regions[0]")
# many defects at once: every one is named
def many(r):
    r["injuryDate"] = "2009-02-30"
    r["reviewType"] = 5
    r["clinical"]["diagnoses"][0]["code"] = "??"
    r["clinical"]["currentFunction"]["workHoursPerDay"] = 30
    r["priorTreatments"][0]["sessions"] = -3
    r["items"][0]["quantity"] = 0
    r["items"][0]["frequencyPerWeek"] = 99
    r["items"].append({"itemId": "1", "treatment": "physical_therapy", "quantity": 400})
add("many-defects", many, "injury_date", "review_type", "clinical.diagnoses[0].code", "clinical.current_function.work_hours_per_day",
    "prior_treatments[0].sessions", "items[0].quantity", "items[0].frequency_per_week", "items[1].item_id", "items[1].quantity")
def many_codes(r):
    r["clinical"]["bodyRegions"] = ["lumbar_spine", "torso"]
    r["priorTreatments"][1]["treatment"] = "spa"
    r["items"][0]["treatment"] = "yoga_retreat"
    r["items"][0]["bodyRegions"] = ["wing"]
add("many-unknown-codes", many_codes, "clinical.body_regions[1]", "prior_treatments[1].treatment", "items[0].treatment", "items[0].body_regions[0]")

doc = {"about": "Malformed EvaluateRequestRequests (tools/cases/build_malformed_corpus.py): each must come back INVALID_ARGUMENT "
                "with a google.rpc.BadRequest violation for every field listed.", "cases": cases}
out = root / "tests" / "data" / "malformed-requests.json"
out.write_text(json.dumps(doc, indent=1) + "\n")
print(f"{len(cases)} malformed requests -> {out}")
