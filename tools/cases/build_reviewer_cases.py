#!/usr/bin/env python3
"""Writes tests/data/reviewer-cases.json: cases written the way a reviewer would pose them, one or more per rule
family, each with the outcome the MTUS rules give. Kept as a script so each case's facts read as a sentence."""
import json
from pathlib import Path

MTUS = ["MTUS Chronic Pain"]


def case(name, about, request_date, injury_date, phase, items, expect, dx=None, regions=None, priors=None,
         before=None, after=None, hep=None, surgery=None, review="REVIEW_TYPE_IMR", evidence=None, radiculopathy=None,
         version=None):
    clinical = {"phase": phase}
    if dx:
        clinical["diagnoses"] = [{"code": c} for c in dx]
    if regions:
        clinical["bodyRegions"] = regions
    if before:
        clinical["previousFunction"] = before
    if after:
        clinical["currentFunction"] = after
    if hep is not None:
        clinical["homeExerciseProgram"] = hep
    if surgery:
        clinical["surgery"] = {"procedure": surgery[0], "date": surgery[1]}
    if evidence:
        clinical["functionalEvidence"] = evidence
    if radiculopathy:
        clinical["radiculopathy"] = radiculopathy
    request = {"caseId": name.upper(), "reviewType": review, "requestDate": request_date, "injuryDate": injury_date,
               "clinical": clinical, "items": items}
    if priors:
        request["priorTreatments"] = priors
    if version:
        request["guidelineVersion"] = version
    return {"name": name, "about": about, "request": request, "expect": expect}


def item(item_id, description, treatment, quantity, regions=None, **kw):
    i = {"itemId": item_id, "description": description, "treatment": treatment, "quantity": quantity}
    if regions:
        i["bodyRegions"] = regions
    i.update(kw)
    return i


def prior(treatment, sessions, start=None, end=None, regions=None, **kw):
    p = {"treatment": treatment, "sessions": sessions}
    if start:
        p["startDate"] = start
    if end:
        p["endDate"] = end
    if regions:
        p["bodyRegions"] = regions
    p.update(kw)
    return p


def snap(date, status, hours=None, lifting=None, opioids=None, med=None):
    s = {"date": date, "workStatus": f"WORK_STATUS_{status}"}
    if hours is not None:
        s["workHoursPerDay"] = hours
    if lifting is not None:
        s["liftingLimitLb"] = lifting
    if opioids is not None:
        s["opioidAgents"] = opioids
    if med is not None:
        s["morphineEquivalentMgPerDay"] = med
    return s


NMN = "DETERMINATION_NOT_MEDICALLY_NECESSARY"
MN = "DETERMINATION_MEDICALLY_NECESSARY"
UPHELD = "IMR_OUTCOME_UPHELD"
OVERTURNED = "IMR_OUTCOME_OVERTURNED"
PLATEAU = dict(before=snap("2013-01-10", "MODIFIED_DUTY", 4, 15, 2), after=snap("2013-04-02", "MODIFIED_DUTY", 4, 15, 2))
IMPROVED = dict(before=snap("2013-01-10", "MODIFIED_DUTY", 4, 15, 1), after=snap("2013-04-02", "FULL_DUTY", 8, 30, 0))
CHRONIC = "CLINICAL_PHASE_CHRONIC"
POST = "CLINICAL_PHASE_POST_SURGICAL"

cases = [
    # ------------------------------------------------------------ physical medicine condition groups
    case("pt-radiculitis-over-course", "Lumbar radiculitis: 8 PT visits done, 4 more exceed the 8-10 visit course.",
         "2013-04-15", "2012-10-01", CHRONIC, [item("1", "Physical therapy x 4, lumbar", "physical_therapy", 4, ["lumbar_spine"])],
         {"1": {"determination": NMN, "imrOutcome": UPHELD, "criteriaNotMet": ["recommended_course"], "governingRuleId": "cpmtg-pm-neuralgia",
                "findings": ["condition_group_matched"], "pagesInclude": ["99"]}},
         dx=["M54.16"], regions=["lumbar_spine"], priors=[prior("physical_therapy", 8, "2013-01-07", "2013-03-01", ["lumbar_spine"])], **IMPROVED),
    case("pt-crps-long-course", "CRPS of the right hand: 12 visits done with clear gains; 12 more stay within the 24-visit course.",
         "2013-06-03", "2012-09-12", CHRONIC, [item("1", "Physical therapy x 12, right hand", "physical_therapy", 12, ["forearm_wrist_hand"])],
         {"1": {"determination": MN, "imrOutcome": OVERTURNED, "criteriaMet": ["recommended_course", "functional_improvement", "statutory_cap"],
                "governingRuleId": "cpmtg-pm-crps"}},
         dx=["G90.511"], regions=["forearm_wrist_hand"], priors=[prior("physical_therapy", 12, "2013-01-07", "2013-04-01")], **IMPROVED),
    case("ot-counted-with-pt", "Myalgia: 6 PT and 4 OT visits already; 2 more OT visits exceed the shared 10-visit physical-medicine course.",
         "2013-04-20", "2012-11-01", CHRONIC, [item("1", "Occupational therapy x 2", "occupational_therapy", 2)],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"]}},
         dx=["M79.1"], regions=["cervical_spine"], priors=[prior("physical_therapy", 6), prior("occupational_therapy", 4)], **IMPROVED),
    case("aquatic-first-course", "Aquatic therapy as a first course for myalgia follows the physical-medicine schedule.",
         "2012-08-20", "2012-02-14", CHRONIC, [item("1", "Aquatic therapy x 8", "aquatic_therapy", 8, ["lumbar_spine"])],
         {"1": {"determination": MN, "imrOutcome": OVERTURNED, "governingRuleId": "cpmtg-pm-myalgia"}},
         dx=["M60.9"], regions=["lumbar_spine"]),
    case("pt-cap-injury-before-2004", "28 PT visits on a 2002 injury: over the course, but the Labor Code cap does not apply before 2004.",
         "2012-05-01", "2002-06-15", CHRONIC, [item("1", "Physical therapy x 6", "physical_therapy", 6)],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"], "criteriaNa": ["statutory_cap"]}},
         dx=["M79.1"], regions=["lumbar_spine"], priors=[prior("physical_therapy", 28)],
         before=snap("2011-11-01", "MODIFIED_DUTY", 4, 15, 2), after=snap("2012-04-02", "MODIFIED_DUTY", 4, 15, 2)),
    # ------------------------------------------------------------ massage
    case("massage-within-course-with-hep", "First 4 massage visits alongside a home exercise program.",
         "2012-10-10", "2012-01-15", CHRONIC, [item("1", "Massage therapy x 4, neck", "massage", 4, ["cervical_spine"])],
         {"1": {"determination": MN, "imrOutcome": OVERTURNED, "criteriaMet": ["adjunct_active_therapy", "passive_modality_sparing"], "pagesInclude": ["60", "98"]}},
         dx=["M54.2"], regions=["cervical_spine"], hep=True),
    # ------------------------------------------------------------ manipulation
    case("manipulation-extension-to-18", "6 chiropractic visits with objective gains; 12 more reach the 18-visit maximum for the low back.",
         "2013-04-08", "2012-11-20", CHRONIC, [item("1", "Chiropractic manipulation x 12, low back", "manipulation", 12, ["lumbar_spine"])],
         {"1": {"determination": MN, "criteriaMet": ["recommended_course", "functional_improvement"], "governingRuleId": "cpmtg-manip-low-back"}},
         dx=["M54.50"], regions=["lumbar_spine"], hep=True,
         priors=[prior("manipulation", 6, "2013-01-07", "2013-01-18", ["lumbar_spine"])], **IMPROVED),
    case("manipulation-maintenance", "Maintenance chiropractic care after a plateau is not medically necessary.",
         "2013-09-03", "2011-03-01", CHRONIC,
         [item("1", "Chiropractic maintenance x 4", "manipulation", 4, ["lumbar_spine"], careType="CARE_TYPE_MAINTENANCE")],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended"], "governingRuleId": "cpmtg-manip-maintenance"}},
         dx=["M54.50"], regions=["lumbar_spine"], priors=[prior("manipulation", 18, "2012-01-09", "2012-03-02")]),
    case("manipulation-flare-up-after-return-to-work", "A flare-up 7 months after the last course, back at full duty: 2 visits.",
         "2013-10-07", "2011-03-01", CHRONIC,
         [item("1", "Chiropractic x 2 for flare-up", "manipulation", 2, ["lumbar_spine"], careType="CARE_TYPE_FLARE_UP")],
         {"1": {"determination": MN, "criteriaMet": ["return_to_work", "treatment_interval", "recommended_course"], "governingRuleId": "cpmtg-manip-flare-up"}},
         dx=["M54.50"], regions=["lumbar_spine"], priors=[prior("manipulation", 12, "2013-01-07", "2013-03-01", ["lumbar_spine"])],
         after=snap("2013-09-30", "FULL_DUTY", 8)),
    case("manipulation-flare-up-too-soon-off-work", "A 'flare-up' 6 weeks after the last course, still off work, asking 4 visits.",
         "2013-04-15", "2011-03-01", CHRONIC,
         [item("1", "Chiropractic x 4 for flare-up", "manipulation", 4, ["lumbar_spine"], careType="CARE_TYPE_FLARE_UP")],
         {"1": {"determination": NMN, "criteriaNotMet": ["return_to_work", "treatment_interval", "recommended_course"]}},
         dx=["M54.50"], regions=["lumbar_spine"], priors=[prior("manipulation", 12, "2013-01-07", "2013-03-01", ["lumbar_spine"])],
         after=snap("2013-04-10", "OFF_WORK")),
    case("manipulation-carpal-tunnel", "Manipulation of the wrist for carpal tunnel syndrome is not recommended.",
         "2013-02-11", "2012-06-01", CHRONIC, [item("1", "Chiropractic manipulation x 6, right wrist", "manipulation", 6, ["forearm_wrist_hand"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended"], "pagesInclude": ["58"]}},
         dx=["G56.01"], regions=["forearm_wrist_hand"]),
    # ------------------------------------------------------------ acupuncture
    case("acupuncture-extension-without-improvement", "6 acupuncture treatments done; no change in function: 6 more are not supported.",
         "2013-05-06", "2012-10-01", CHRONIC, [item("1", "Acupuncture x 6, low back", "acupuncture", 6, ["lumbar_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["functional_improvement"], "governingRuleId": "acup-schedule"}},
         dx=["M54.50"], regions=["lumbar_spine"], priors=[prior("acupuncture", 6, "2013-02-04", "2013-03-15")], **PLATEAU),
    case("acupuncture-acoem-low-back-2018", "ACOEM-era MTUS (2018): 6 acupuncture done with gains, 8 more exceed the 12-session course.",
         "2018-05-07", "2017-08-01", CHRONIC, [item("1", "Acupuncture x 8, low back", "acupuncture", 8, ["lumbar_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"], "governingRuleId": "acoem-low-back-acupuncture"}},
         dx=["M54.50"], regions=["lumbar_spine"], priors=[prior("acupuncture", 6, "2018-02-05", "2018-03-16")],
         before=snap("2018-02-01", "MODIFIED_DUTY", 4, 15, 1), after=snap("2018-04-30", "FULL_DUTY", 8, 30, 0)),
    # ------------------------------------------------------------ psychotherapy and biofeedback
    case("cbt-initial-trial", "First CBT referral for chronic pain: 4 visits is the trial.",
         "2013-03-04", "2012-05-10", CHRONIC, [item("1", "Cognitive behavioral therapy x 4", "psychotherapy", 4)],
         {"1": {"determination": MN, "criteriaMet": ["trial_course"], "pagesInclude": ["23"]}},
         dx=["G89.4"]),
    case("cbt-first-request-too-long-ur", "First CBT request for 10 visits in UR: certify the 4-visit trial.",
         "2013-03-04", "2012-05-10", CHRONIC, [item("1", "Cognitive behavioral therapy x 10", "psychotherapy", 10)],
         {"1": {"determination": "DETERMINATION_MODIFIED", "approvableQuantity": 4, "criteriaNotMet": ["trial_course"]}},
         dx=["G89.4"], review="REVIEW_TYPE_UR"),
    case("cbt-extension-with-improvement", "4 CBT visits done; hours back up and one opioid fewer: 6 more reach the 10-visit course.",
         "2013-05-13", "2012-05-10", CHRONIC, [item("1", "Cognitive behavioral therapy x 6", "psychotherapy", 6)],
         {"1": {"determination": MN, "criteriaMet": ["functional_improvement", "recommended_course"]}},
         dx=["G89.4"], priors=[prior("psychotherapy", 4, "2013-03-11", "2013-03-22")], **IMPROVED),
    case("biofeedback-stand-alone", "Biofeedback with no CBT program: not a stand-alone treatment.",
         "2013-03-04", "2012-05-10", CHRONIC, [item("1", "Biofeedback x 4", "biofeedback", 4)],
         {"1": {"determination": NMN, "criteriaNotMet": ["adjunct_program"], "pagesInclude": ["24"]}},
         dx=["G89.4"]),
    case("biofeedback-within-cbt", "Biofeedback requested together with CBT, first 4 visits each.",
         "2013-03-04", "2012-05-10", CHRONIC,
         [item("1", "Biofeedback x 4", "biofeedback", 4), item("2", "Cognitive behavioral therapy x 4", "psychotherapy", 4)],
         {"1": {"determination": MN, "criteriaMet": ["adjunct_program"]}, "2": {"determination": MN}},
         dx=["G89.4"]),
    # ------------------------------------------------------------ functional restoration, work conditioning, TENS
    case("frp-two-week-trial", "Functional restoration program: the 10 full-day trial sessions.",
         "2014-01-13", "2012-03-05", CHRONIC, [item("1", "Functional restoration program x 10 days", "functional_restoration_program", 10)],
         {"1": {"determination": MN, "criteriaMet": ["trial_course"], "pagesInclude": ["30"]}},
         dx=["G89.4"]),
    case("frp-beyond-twenty-days", "15 program days done with gains; 10 more would exceed the 20-day total.",
         "2014-03-17", "2012-03-05", CHRONIC, [item("1", "Functional restoration program x 10 days", "functional_restoration_program", 10)],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"]}},
         dx=["G89.4"], priors=[prior("functional_restoration_program", 15, "2014-01-20", "2014-02-28")], **IMPROVED),
    case("work-conditioning-late", "Work conditioning requested 3 years after the injury: beyond the 2-year limit.",
         "2014-06-02", "2011-04-01", CHRONIC, [item("1", "Work conditioning x 10", "work_conditioning", 10)],
         {"1": {"determination": NMN, "criteriaNotMet": ["time_since_injury"], "pagesInclude": ["125"]}},
         dx=["M54.50"], regions=["lumbar_spine"]),
    case("tens-without-program", "A one-month TENS trial without a functional restoration program.",
         "2013-02-04", "2012-05-01", CHRONIC, [item("1", "TENS unit, one month rental", "tens", 1)],
         {"1": {"determination": NMN, "criteriaNotMet": ["adjunct_program"], "pagesInclude": ["114"]}},
         dx=["M54.16"], regions=["lumbar_spine"]),
    case("tens-with-program", "A one-month TENS trial during a functional restoration program.",
         "2013-02-04", "2012-05-01", CHRONIC, [item("1", "TENS unit, one month rental", "tens", 1)],
         {"1": {"determination": MN, "criteriaMet": ["adjunct_program", "trial_course", "time_since_injury"]}},
         dx=["M54.16"], regions=["lumbar_spine"], priors=[prior("functional_restoration_program", 6, "2013-01-21")]),
    case("tens-post-operative", "TENS for two weeks after knee arthroplasty is within the 30-day post-operative window.",
         "2014-02-10", "2013-06-01", POST, [item("1", "TENS unit, one month rental", "tens", 1, ["knee"])],
         {"1": {"determination": MN, "criteriaMet": ["post_surgical_period"], "governingRuleId": "cpmtg-tens-postoperative"}},
         dx=["M17.11"], regions=["knee"], surgery=("knee_arthroplasty", "2014-01-27")),
    # ------------------------------------------------------------ injections
    case("tpi-myofascial-first", "Trigger point injections x 3 for myofascial pain, first session.",
         "2013-07-08", "2012-11-01", CHRONIC, [item("1", "Trigger point injections x 3, trapezius", "trigger_point_injection", 3, ["cervical_spine"])],
         {"1": {"determination": MN, "criteriaMet": ["per_session_limit", "time_since_injury"], "pagesInclude": ["122"]}},
         dx=["M79.18"], regions=["cervical_spine"]),
    case("tpi-five-per-session", "Five trigger point injections in one session exceed the 3-4 per session limit.",
         "2013-07-08", "2012-11-01", CHRONIC, [item("1", "Trigger point injections x 5", "trigger_point_injection", 5, ["cervical_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["per_session_limit"]}},
         dx=["M79.18"], regions=["cervical_spine"]),
    case("tpi-radicular", "Trigger point injections for lumbar radiculopathy are not recommended.",
         "2013-07-08", "2012-11-01", CHRONIC, [item("1", "Trigger point injections x 3, low back", "trigger_point_injection", 3, ["lumbar_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended"], "governingRuleId": "cpmtg-tpi-radicular"}},
         dx=["M54.16"], regions=["lumbar_spine"]),
    case("tpi-repeat-short-relief", "Repeat trigger point injections after 40% relief for 3 weeks.",
         "2013-10-07", "2012-11-01", CHRONIC, [item("1", "Repeat trigger point injections x 3", "trigger_point_injection", 3, ["cervical_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["repeat_response"]}},
         dx=["M79.18"], regions=["cervical_spine"],
         priors=[prior("trigger_point_injection", 3, "2013-07-15", "2013-07-15", ["cervical_spine"], painReliefPercent=40, reliefDurationWeeks=3)],
         **IMPROVED),
    case("esi-uncorroborated", "Lumbar ESI for radicular pain with exam findings but imaging and EMG both negative.",
         "2013-05-20", "2012-08-01", CHRONIC, [item("1", "Lumbar epidural steroid injection x 1", "epidural_steroid_injection", 1, ["lumbar_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["indication"], "pagesInclude": ["46"]}},
         dx=["M54.16"], regions=["lumbar_spine"],
         radiculopathy={"examFindings": True, "imagingCorroborated": False, "electrodiagnosticCorroborated": False}),
    case("esi-repeat-good-response", "Second ESI after 60% relief for 8 weeks with less medication and better function.",
         "2013-09-16", "2012-08-01", CHRONIC, [item("1", "Repeat lumbar ESI x 1", "epidural_steroid_injection", 1, ["lumbar_spine"])],
         {"1": {"determination": MN, "criteriaMet": ["indication", "repeat_response", "recommended_course"]}},
         dx=["M54.16"], regions=["lumbar_spine"],
         radiculopathy={"examFindings": True, "imagingCorroborated": True},
         priors=[prior("epidural_steroid_injection", 1, "2013-06-03", "2013-06-03", ["lumbar_spine"], painReliefPercent=60,
                       reliefDurationWeeks=8, medicationReduced=True)], **IMPROVED),
    case("esi-undocumented-findings-ur", "UR: ESI requested with no radiculopathy findings in the record: pend for them.",
         "2013-05-20", "2012-08-01", CHRONIC, [item("1", "Cervical ESI x 1", "epidural_steroid_injection", 1, ["cervical_spine"])],
         {"1": {"determination": "DETERMINATION_INSUFFICIENT_INFORMATION", "criteriaUnknown": ["indication"]}},
         dx=["M54.12"], regions=["cervical_spine"], review="REVIEW_TYPE_UR"),
    # ------------------------------------------------------------ post-surgical
    case("postsurgical-carpal-tunnel-initial", "Three weeks after carpal tunnel release: 4 visits is the initial course (half of 8).",
         "2013-03-11", "2012-09-01", POST, [item("1", "Post-op occupational therapy x 4, right hand", "occupational_therapy", 4, ["forearm_wrist_hand"])],
         {"1": {"determination": MN, "criteriaMet": ["trial_course", "post_surgical_period"], "governingRuleId": "pstg-carpal-tunnel-release",
                "findings": ["initial_course_derived"]}},
         dx=["G56.01"], regions=["forearm_wrist_hand"], surgery=("carpal_tunnel_release", "2013-02-18")),
    case("postsurgical-knee-arthroplasty-after-period", "Five months after knee arthroplasty (period 4 months): chronic rows govern.",
         "2014-01-20", "2013-02-01", POST, [item("1", "Physical therapy x 6, left knee", "physical_therapy", 6, ["knee"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"], "findings": ["post_surgical_period_ended"],
                "governingRuleId": "cpmtg-pm-myalgia"}},
         dx=["M17.12"], regions=["knee"], surgery=("knee_arthroplasty", "2013-08-19"),
         priors=[prior("physical_therapy", 24, "2013-08-26", "2013-12-13", ["knee"])], **IMPROVED),
    case("postsurgical-lumbar-fusion-exempt-from-cap", "Lumbar fusion: 30 visits on the claim but post-surgical care is exempt from the cap; 12 within the 17-visit initial course.",
         "2014-04-07", "2012-06-01", POST, [item("1", "Post-op physical therapy x 12, low back", "physical_therapy", 12, ["lumbar_spine"])],
         {"1": {"determination": MN, "criteriaNa": ["statutory_cap"], "criteriaMet": ["trial_course"], "governingRuleId": "pstg-lumbar-fusion"}},
         dx=["M51.26"], regions=["lumbar_spine"], surgery=("lumbar_fusion", "2014-02-03"),
         priors=[prior("physical_therapy", 30, "2012-07-01", "2013-10-01", ["lumbar_spine"])]),
    case("postsurgical-adhesive-capsulitis-release", "9792.24.3(d) lists adhesive capsulitis (24 visits over 14 weeks, 6 months): 12 after the release are the initial course.",
         "2014-03-03", "2013-06-01", POST, [item("1", "Post-op physical therapy x 12, shoulder", "physical_therapy", 12, ["shoulder"])],
         {"1": {"determination": MN, "governingRuleId": "pstg-adhesive-capsulitis-release", "findings": ["post_surgical_row_applied"]}},
         dx=["M75.01"], regions=["shoulder"], surgery=("adhesive_capsulitis_release", "2014-01-20")),
    # ------------------------------------------------------------ issue 13: decide as the MTUS text says
    case("manipulation-trial-after-prior-massage", "8 massages earlier (p. 60) do not use up a first manipulation trial of the low back (pp. 58-59).",
         "2013-06-03", "2012-09-10", CHRONIC, [item("1", "Chiropractic manipulation x 6, low back", "manipulation", 6, ["lumbar_spine"])],
         {"1": {"determination": MN, "governingRuleId": "cpmtg-manip-low-back"}},
         regions=["lumbar_spine"], hep=True, priors=[prior("massage", 8, "2013-01-07", "2013-03-04", ["lumbar_spine"])]),
    case("acupuncture-acoem-first-twelve-ur", "2018 UR: 12 first acupuncture sessions for the low back; 9792.24.1 sets the 6-session trial, ACOEM the total.",
         "2018-05-07", "2017-08-01", CHRONIC, [item("1", "Acupuncture x 12, low back", "acupuncture", 12, ["lumbar_spine"])],
         {"1": {"determination": "DETERMINATION_MODIFIED", "approvableQuantity": 6, "criteriaNotMet": ["trial_course"],
                "governingRuleId": "acoem-low-back-acupuncture"}},
         dx=["M54.50"], regions=["lumbar_spine"], review="REVIEW_TYPE_UR"),
    case("manipulation-knee-flare-up", "Knee manipulation is not recommended (pp. 58-59); calling it flare-up care does not change that.",
         "2013-08-01", "2011-03-01", CHRONIC,
         [item("1", "Chiropractic x 2 for flare-up, knee", "manipulation", 2, ["knee"], careType="CARE_TYPE_FLARE_UP")],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended"], "governingRuleId": "cpmtg-manip-knee",
                "findings": ["care_type_does_not_lift_exclusion"]}},
         regions=["knee"], before=snap("2013-03-01", "OFF_WORK"), after=snap("2013-07-15", "FULL_DUTY")),
    case("postsurgical-sent-as-chronic", "Six weeks after an arthroscopic rotator cuff repair, sent as chronic care: the post-surgical row governs by date.",
         "2014-03-01", "2013-08-20", CHRONIC, [item("1", "Physical therapy x 12, shoulder", "physical_therapy", 12, ["shoulder"])],
         {"1": {"determination": MN, "governingRuleId": "pstg-rotator-cuff-repair-arthroscopic", "findings": ["phase_set_by_surgery_date"]}},
         dx=["M75.101"], regions=["shoulder"], surgery=("rotator_cuff_repair_arthroscopic", "2014-01-13")),
    case("postsurgical-beyond-period-end-ur", "UR two weeks before the 6-month period ends: at 2 a week only 4 of 8 visits are post-surgical care.",
         "2014-06-30", "2013-08-20", POST,
         [item("1", "Physical therapy 2x4, shoulder", "physical_therapy", 8, ["shoulder"], frequencyPerWeek=2, durationWeeks=4)],
         {"1": {"determination": "DETERMINATION_MODIFIED", "approvableQuantity": 4, "criteriaNotMet": ["post_surgical_period"]}},
         dx=["M75.101"], regions=["shoulder"], surgery=("rotator_cuff_repair_arthroscopic", "2014-01-13"), review="REVIEW_TYPE_UR",
         priors=[prior("physical_therapy", 12, "2014-01-20", "2014-03-20", ["shoulder"])],
         before=snap("2014-01-20", "OFF_WORK", 0, 0, 1), after=snap("2014-06-20", "MODIFIED_DUTY", 4, 10, 0)),
    case("pt-myalgia-listed-before-crps", "Myalgia listed first, CRPS second: CRPS's own 24-visit course (p. 99) governs, not the 10-visit default.",
         "2013-06-03", "2012-09-10", CHRONIC, [item("1", "Physical therapy x 6, right hand", "physical_therapy", 6, ["forearm_wrist_hand"])],
         {"1": {"determination": MN, "governingRuleId": "cpmtg-pm-crps", "findings": ["condition_group_matched"]}},
         dx=["M79.1", "G90.511"], regions=["forearm_wrist_hand"],
         priors=[prior("physical_therapy", 10, "2013-01-07", "2013-04-01", ["forearm_wrist_hand"])],
         before=snap("2013-01-03", "MODIFIED_DUTY", 4, 10, 1), after=snap("2013-05-20", "FULL_DUTY", 8, 25, 0)),
    case("pt-one-pound-gain-not-improvement", "A lifting limit up 1 lb while hours fell is not functional improvement under 9792.20(f).",
         "2014-07-14", "2013-02-04", CHRONIC, [item("1", "Physical therapy x 4, low back", "physical_therapy", 4, ["lumbar_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["functional_improvement"]}},
         dx=["M79.1"], regions=["lumbar_spine"], priors=[prior("physical_therapy", 6, "2014-03-03", "2014-05-30", ["lumbar_spine"])],
         before=snap("2014-03-01", "MODIFIED_DUTY", 6, 10, 1), after=snap("2014-06-30", "MODIFIED_DUTY", 4, 11, 0),
         evidence={"activitiesOfDailyLiving": "TREND_UNCHANGED"}),
    case("work-conditioning-beyond-odg-figure", "12 work conditioning visits: the CPMTG entry (pp. 125-126) sets no visit count, so ODG's 10 apply, labelled non-MTUS.",
         "2013-06-03", "2012-09-10", CHRONIC, [item("1", "Work conditioning x 12, low back", "work_conditioning", 12, ["lumbar_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"], "governingRuleId": "cpmtg-work-conditioning",
                "pagesInclude": ["125"], "rationaleMentions": ["no number of visits", "non-MTUS"]}},
         dx=["M54.50"], regions=["lumbar_spine"]),
    case("tens-low-back-pain-not-listed", "TENS during a restoration program for plain low back pain: not a condition the TENS entry lists (pp. 114-116).",
         "2013-06-03", "2012-09-10", CHRONIC, [item("1", "TENS unit, one month rental", "tens", 1)],
         {"1": {"determination": NMN, "criteriaNotMet": ["indication"], "criteriaMet": ["adjunct_program"], "governingRuleId": "cpmtg-tens-chronic"}},
         dx=["M54.50"], regions=["lumbar_spine"], priors=[prior("functional_restoration_program", 6, "2013-05-20")]),
    case("tens-crps-listed-second", "TENS during a restoration program, CRPS listed after low back pain: CRPS is a listed condition (pp. 114-116).",
         "2013-06-03", "2012-09-10", CHRONIC, [item("1", "TENS unit, one month rental", "tens", 1)],
         {"1": {"determination": MN, "criteriaMet": ["indication", "adjunct_program"], "rationaleMentions": ["G90.511"]}},
         dx=["M54.50", "G90.511"], regions=["lumbar_spine"], priors=[prior("functional_restoration_program", 6, "2013-05-20")]),
    case("aquatic-therapy-cites-page-22", "First aquatic therapy for myalgia: its own entry (p. 22) is cited with Physical Medicine (p. 99).",
         "2013-06-03", "2012-09-10", CHRONIC, [item("1", "Aquatic therapy x 6, low back", "aquatic_therapy", 6, ["lumbar_spine"])],
         {"1": {"determination": MN, "pagesInclude": ["22", "99"], "findings": ["treatment_entry_cited"]}},
         dx=["M79.1"], regions=["lumbar_spine"]),
    case("pt-prior-without-region-two-regions", "10 earlier PT visits with no body region on a low back and shoulder claim: they may have been for the shoulder, so the low back's 10-visit course (p. 99) is untouched.",
         "2013-06-03", "2012-09-10", CHRONIC, [item("1", "Physical therapy x 6, low back", "physical_therapy", 6, ["lumbar_spine"])],
         {"1": {"determination": MN, "findings": ["prior_without_region_not_counted"], "rationaleMentions": ["cannot be attributed"]}},
         dx=["M79.1"], regions=["lumbar_spine", "shoulder"], priors=[prior("physical_therapy", 10, "2013-01-07", "2013-04-01")],
         before=snap("2013-01-03", "MODIFIED_DUTY", 4, 10, 1), after=snap("2013-05-20", "FULL_DUTY", 8, 25, 0)),
    case("pt-prior-without-region-one-region", "The same 10 visits with no body region on a low back claim alone: they count, and 6 more exceed the 10-visit course (p. 99).",
         "2013-06-03", "2012-09-10", CHRONIC, [item("1", "Physical therapy x 6, low back", "physical_therapy", 6, ["lumbar_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"], "findings": ["prior_without_region_counted"]}},
         dx=["M79.1"], regions=["lumbar_spine"], priors=[prior("physical_therapy", 10, "2013-01-07", "2013-04-01")],
         before=snap("2013-01-03", "MODIFIED_DUTY", 4, 10, 1), after=snap("2013-05-20", "FULL_DUTY", 8, 25, 0)),
    # ------------------------------------------------------------ hierarchy
    case("acute-pt-falls-back-to-odg", "Acute low back disc disorder (2018): the MTUS tables here hold no acute physical-medicine row, so ODG's 10 visits govern.",
         "2018-03-05", "2018-01-15", "CLINICAL_PHASE_ACUTE", [item("1", "Physical therapy x 12, low back", "physical_therapy", 12, ["lumbar_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"], "governingRuleId": "odg-pt-lumbar-disc",
                "findings": ["non_mtus_guideline_applied"]}},
         dx=["M51.26"], regions=["lumbar_spine"]),
    case("acute-cbt-no-guideline", "CBT in the acute phase: no MTUS or non-MTUS row of the tables addresses it, so a physician decides.",
         "2018-03-05", "2018-01-15", "CLINICAL_PHASE_ACUTE", [item("1", "Cognitive behavioral therapy x 4", "psychotherapy", 4)],
         {"1": {"determination": "DETERMINATION_PHYSICIAN_REVIEW_REQUIRED", "findings": ["no_guideline_addresses"]}},
         dx=["G89.4"]),
    case("current-myalgia-pt-at-ceiling", "A 2026 request: 10 PT visits for myalgia already given with clear gains; 2 more exceed the 9-10 visit course.",
         "2026-11-02", "2026-03-02", CHRONIC, [item("1", "Physical therapy x 2, neck", "physical_therapy", 2, ["cervical_spine"])],
         {"1": {"determination": NMN, "criteriaNotMet": ["recommended_course"], "governingRuleId": "cpmtg-pm-myalgia"}},
         dx=["M79.1"], regions=["cervical_spine"], priors=[prior("physical_therapy", 10, "2026-06-01", "2026-09-30", ["cervical_spine"])],
         before=snap("2026-05-28", "MODIFIED_DUTY", 4, 15, 1), after=snap("2026-10-05", "FULL_DUTY", 8, 30, 0)),
]

doc = {"about": "Reviewer-written cases (tools/cases/build_reviewer_cases.py), one or more per rule family, in the imr.v1 JSON mapping with the outcome the MTUS rules give. Run end to end through the gRPC server like the shared example cases.", "cases": cases}
out = Path(__file__).resolve().parents[2] / "tests" / "data" / "reviewer-cases.json"
out.write_text(json.dumps(doc, indent=1) + "\n")
print(f"{len(cases)} cases -> {out}")
