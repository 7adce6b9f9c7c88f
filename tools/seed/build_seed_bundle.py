#!/usr/bin/env python3
"""Builds the project's seed bundle from the shared guideline reference.

    python3 tools/seed/build_seed_bundle.py [../shared/reference] > src/ImrGrpc.Storage/Seed/mtus-seed.bundle.json

The reference (../shared/reference) lists guideline facts row by row with confidence flags. This script is the
one place where those facts become our tables: it maps reference rows to rule rows (splitting, merging and
re-keying them where the engine needs it), maps the reference's ICD-9 conditions and body-part names to catalog
codes, and assembles one published version per MTUS edition window. Every judgement call is written down here
and in the row's confidence_reason, so an editor can check it. The output is committed; CI does not run this.
"""
import json
import sys
from pathlib import Path

ref_dir = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "shared" / "reference")
reference = json.loads((ref_dir / "mtus-reference.json").read_text())
catalog_ref = json.loads((ref_dir / "catalog.json").read_text())

# The reference repeats id R071 for two different rows; tell them apart by treatment.
REF = {}
for r in reference:
    key = r["id"] if r["id"] not in REF else f'{r["id"]}b'
    REF[key] = r
assert REF["R071b"]["treatment"] == "trigger_point_injection"

PHYSICAL_MEDICINE = ["physical_therapy", "aquatic_therapy", "occupational_therapy"]
R035_WEEKS = REF["R035"]["extra"]["program_max_weeks"]
# The conditions the CPMTG lists for a TENS trial (R036): neuropathic pain, CRPS I and II, spasticity after spinal cord
# injury, multiple sclerosis, phantom limb pain. Radiculopathy is read as neuropathic pain.
TENS_CONDITIONS = ["neuralgia_neuritis_radiculitis", "neuropathic_pain", "crps", "spinal_cord_injury",
                   "multiple_sclerosis", "phantom_limb_pain"]
POSTSURGICAL_MEDICINE = ["physical_therapy", "occupational_therapy", "manipulation", "massage", "aquatic_therapy"]

CPMTG = "MTUS Chronic Pain Medical Treatment Guidelines"
CPMTG_2009 = "Chronic Pain Medical Treatment Guidelines, May 2009 (8 CCR 9792.24.2)"
CPMTG_2016 = "Chronic Pain Medical Treatment Guidelines, 2016 update (8 CCR 9792.24.2)"
PSTG = "MTUS Postsurgical Treatment Guidelines"
PSTG_ED = "Postsurgical Treatment Guidelines (8 CCR 9792.24.3), effective 2009-07-18"
ACUP = "MTUS Acupuncture Medical Treatment Guidelines"
ACUP_ED = "Acupuncture Medical Treatment Guidelines (8 CCR 9792.24.1), effective 2009-07-18"
REGS = "MTUS Regulations"
ODG = "Official Disability Guidelines (ODG)"
ODG_ED = "ODG Physical Therapy / Physical Medicine (edition not verified)"

CARRIED_2017 = ("Carried over from the May 2009 Chronic Pain Medical Treatment Guidelines: the ACOEM-based MTUS (2017-12-01) "
                "replaced them, but its physical-medicine and chronic pain tables are not in the reference; page numbers are "
                "those of the 2009 text. Verify against the ACOEM guideline adopted in the MTUS.")
CPMTG_2017 = "Carried over into the ACOEM-based MTUS of 2017-12-01 (May 2009 text; to verify)"
CARRIED_2016 = ("Carried over from the May 2009 Chronic Pain Medical Treatment Guidelines: the physical-medicine "
                "tables of the 2016 update were not obtained, and page numbers are those of the 2009 text. Verify "
                "against the 2016 DWC document.")


def conf(ref_id, extra=None):
    r = REF[ref_id]
    reason = r["confidence_reason"]
    if extra:
        reason = f"{reason} {extra}"
    return {"confidence": r["confidence"], "confidence_reason": reason, "reference_ids": [ref_id.rstrip("b")]}


def row(**kw):
    base = {
        "role": "course", "source": "mtus", "phase": "any", "care_type": "therapeutic", "pages": [],
        "treatments": [], "body_regions": [], "reference_ids": [],
    }
    base.update(kw)
    return {k: v for k, v in base.items() if v not in (None, False, [], "")}


# ---------------------------------------------------------------- principles
def fi_definition(ref_id):
    r = REF[ref_id]
    return row(id="reg-functional-improvement", role="principle", principle="functional_improvement_definition",
               guideline=REGS, edition=r["edition"], section=r["section"],
               notes=r["notes"], **conf(ref_id))


def plain(section):
    """Sections read inside sentences: no nested parentheses."""
    return section.replace(" (", ", ").replace(")", "") if section.count("(") and not section.startswith("8 CCR 9792.2") else section


def hierarchy(ref_id):
    r = REF[ref_id]
    section = r["section"].split(" (")[0]
    return row(id="reg-evidence-hierarchy", role="principle", principle="evidence_hierarchy",
               guideline=REGS, edition=r["edition"], section=section, notes=r["notes"], **conf(ref_id))


def cpmtg_principles(edition, carried):
    extra = carried
    r6, r17 = REF["R006"], REF["R017"]
    out = [
        row(id="cpmtg-functional-improvement", role="principle", principle="functional_improvement",
            guideline=CPMTG, edition=edition, section="Introduction", pages=["8"], phase="chronic",
            notes=r6["notes"], **{**conf("R006", extra), **({"confidence": "low"} if extra else {})}),
        # R017 holds two ideas; the passive-care one is cited on its own page (98) in determinations.
        row(id="cpmtg-passive-modalities", role="principle", principle="passive_modality_sparing",
            guideline=CPMTG, edition=edition, section="Physical Medicine", pages=["98"], phase="chronic",
            notes="Passive modalities give short-term relief early on and are to be used sparingly in the chronic "
                  "phase, alongside active therapy.",
            **{**conf("R017", "Split from R017: the passive-care principle alone, page 98." + (" " + extra if extra else "")),
               **({"confidence": "low"} if extra else {})}),
        # Aquatic therapy has its own entry (p. 22); its visits follow the Physical Medicine schedule (p. 99), so the entry
        # is cited beside the course row rather than setting a course of its own.
        row(id="cpmtg-aquatic-therapy", role="principle", principle="treatment_entry", guideline=CPMTG, edition=edition,
            section="Aquatic therapy", pages=["22"], phase="chronic", treatments=["aquatic_therapy"],
            notes=REF["R030"]["notes"], **{**conf("R030", extra), **({"confidence": "low"} if extra else {})}),
    ]
    return out


def postsurgical_principles():
    r42, r43, r44 = REF["R042"], REF["R043"], REF["R044"]
    return [
        row(id="pstg-default-period", role="principle", principle="post_surgical_default_period",
            guideline=PSTG, edition=PSTG_ED, section="8 CCR 9792.24.3(b)", treatments=POSTSURGICAL_MEDICINE,
            phase="post_surgical", post_surgical_period_months=6, notes=r42["notes"], **conf("R042")),
        row(id="pstg-cap-exception", role="principle", principle="post_surgical_cap_exception",
            guideline=PSTG, edition=PSTG_ED, section="8 CCR 9792.24.3, Appendix C: Labor Code 4604.5 exception",
            treatments=POSTSURGICAL_MEDICINE, phase="post_surgical", notes=r43["notes"], **conf("R043")),
        row(id="pstg-initial-course", role="principle", principle="post_surgical_initial_course",
            guideline=PSTG, edition=PSTG_ED, section="8 CCR 9792.24.3(a),(c)", treatments=POSTSURGICAL_MEDICINE,
            phase="post_surgical", initial_course_percent=50, initial_course_rounding="up", notes=r44["notes"],
            **conf("R044", "Rounding of an odd general course is not stated in the reference; the tables round up "
                           "(a whole visit), and every listed general course is even.")),
    ]


def statutory_caps():
    r = REF["R011"]
    families = catalog_ref["statutory_cap_families"]
    names = {"physical_therapy": "pt", "manipulation": "chiropractic", "occupational_therapy": "ot"}
    return [row(id=f"lc-4604-5-{names[family]}", role="statutory_cap", source="statute",
                guideline="California Labor Code", edition=r["edition"], section="Labor Code 4604.5(c)(1)",
                treatments=treatments, max_visits=24, injury_on_or_after="2004-01-01", notes=r["notes"],
                **conf("R011"))
            for family, treatments in families.items()]


# ---------------------------------------------------------------- chronic pain course rows
def cpmtg_rows(edition, carried):
    extra = carried

    def c(ref_id, more=None):
        text = " ".join(x for x in (more, extra) if x)
        result = conf(ref_id, text or None)
        if extra:
            result["confidence"] = "low"  # carried over into an edition whose own text was not checked
        return result

    pm = dict(guideline=CPMTG, edition=edition, section="Physical Medicine", pages=["99"], phase="chronic",
              treatments=PHYSICAL_MEDICINE, frequency_per_week_max=3, requires_functional_improvement=True)
    manip = dict(guideline=CPMTG, edition=edition, section="Manual Therapy & Manipulation", pages=["58", "59"],
                 phase="chronic", treatments=["manipulation"])
    rows = [
        row(id="cpmtg-pm-myalgia", condition_group="myalgia_myositis", is_default=True, min_visits=9, max_visits=10,
            over_weeks=8, notes=REF["R018"]["notes"] + " Also the default course when no diagnosis maps to a "
            "physical-medicine condition group (as applied in the example determination to chronic low back pain). "
            "Aquatic and occupational therapy visits follow this schedule (R030).",
            **{**c("R018", "Default-row use follows the example determination."), "reference_ids": ["R018", "R017", "R030"]}, **pm),
        row(id="cpmtg-pm-neuralgia", condition_group="neuralgia_neuritis_radiculitis", min_visits=8, max_visits=10,
            over_weeks=4, notes=REF["R019"]["notes"], **c("R019"), **pm),
        row(id="cpmtg-pm-crps", condition_group="crps", min_visits=24, max_visits=24, over_weeks=16,
            notes=REF["R020"]["notes"], **c("R020"), **pm),
        row(id="cpmtg-massage", guideline=CPMTG, edition=edition, section="Massage Therapy", pages=["60"],
            phase="chronic", treatments=["massage"], min_visits=4, max_visits=6, requires_functional_improvement=True,
            adjunct="active_therapy", notes=REF["R021"]["notes"], **c("R021")),
        row(id="cpmtg-manip-low-back", body_regions=["lumbar_spine"], trial_visits=6, trial_weeks=2, max_visits=18,
            over_weeks=8, requires_functional_improvement=True, notes=REF["R022"]["notes"],
            **c("R022", "over_weeks holds the upper end of the 6-8 week range."), **manip),
        row(id="cpmtg-manip-general", trial_visits=6, over_weeks=8, frequency_per_week_max=2,
            requires_functional_improvement=True, notes=REF["R029"]["notes"],
            **c("R029", "Trial taken as the upper end of the 4-6 treatments expected to show an effect; no maximum "
                        "is set outside the low back."), **{**manip, "pages": ["59"]}),
        row(id="cpmtg-manip-maintenance", care_type="maintenance", not_recommended=True,
            notes=REF["R023"]["notes"], **c("R023"), **manip),
        row(id="cpmtg-manip-flare-up", care_type="flare_up", max_visits=2, course_scope="episode",
            min_interval_months=4, requires_return_to_work=True, body_regions=["lumbar_spine"],
            notes=REF["R024"]["notes"],
            **c("R024", "Interval taken as the lower end of 4-6 months. Limited to the low back: the flare-up "
                        "course is part of the low back entry only; elsewhere the therapeutic rows decide."), **manip),
        row(id="cpmtg-manip-ankle-foot", body_regions=["ankle_foot"], not_recommended=True,
            notes=REF["R025"]["notes"], **c("R025"), **manip),
        row(id="cpmtg-manip-carpal-tunnel", condition_group="carpal_tunnel_syndrome",
            body_regions=["forearm_wrist_hand"], not_recommended=True, notes=REF["R026"]["notes"], **c("R026"), **manip),
        row(id="cpmtg-manip-forearm-wrist-hand", body_regions=["forearm_wrist_hand"], not_recommended=True,
            notes=REF["R027"]["notes"], **c("R027"), **manip),
        row(id="cpmtg-manip-knee", body_regions=["knee"], not_recommended=True, notes=REF["R028"]["notes"],
            **c("R028"), **manip),
        row(id="cpmtg-cbt", guideline=CPMTG, edition=edition, section="Behavioral Interventions", pages=["23"],
            phase="chronic", treatments=["psychotherapy"], trial_visits=4, trial_weeks=2, min_visits=6,
            max_visits=10, over_weeks=6, requires_functional_improvement=True, notes=REF["R031"]["notes"],
            **{**c("R031", "Trial is the upper end of 3-4 visits; course the 6-10 visits over 5-6 weeks."),
               "reference_ids": ["R031", "R033"]}),
        row(id="cpmtg-biofeedback", guideline=CPMTG, edition=edition, section="Biofeedback", pages=["24", "25"],
            phase="chronic", treatments=["biofeedback"], trial_visits=4, trial_weeks=2, min_visits=6, max_visits=10,
            over_weeks=6, requires_functional_improvement=True, adjunct="program", adjunct_treatment="psychotherapy",
            notes=REF["R032"]["notes"], **c("R032")),
        row(id="cpmtg-frp", guideline=CPMTG, edition=edition, section="Chronic Pain Programs: Functional Restoration Programs",
            pages=["30", "31", "32", "33", "49"], phase="chronic", treatments=["functional_restoration_program"],
            trial_visits=10, trial_weeks=2, max_visits=20, requires_functional_improvement=True,
            notes=REF["R034"]["notes"], **c("R034")),
        # The CPMTG entry sets who qualifies and how long a program runs (finished within 4 consecutive weeks) but no
        # number of visits: the 10 visits over 8 weeks often quoted with it are ODG's (R070). The number is taken from
        # the ODG row and labelled non-MTUS (max_visits_from), so an editor sees where it comes from and can clear it.
        row(id="cpmtg-work-conditioning", guideline=CPMTG, edition=edition, section="Work Conditioning, Work Hardening",
            pages=["125", "126"], phase="chronic", treatments=["work_conditioning"], over_weeks=R035_WEEKS,
            max_visits_from="odg-work-conditioning", requires_functional_improvement=True, max_months_since_injury=24,
            notes=REF["R035"]["notes"],
            **c("R035", "over_weeks holds the 4 consecutive weeks a program is to be finished in; the CPMTG sets no visit "
                        "count, so the number comes from odg-work-conditioning (R070, non-MTUS) through max_visits_from.")),
        row(id="cpmtg-tens-chronic", guideline=CPMTG, edition=edition, section="TENS, chronic pain",
            pages=["114", "115", "116"], phase="chronic", treatments=["tens"], trial_visits=1,
            requires_functional_improvement=True, adjunct="program", adjunct_treatment="functional_restoration_program",
            min_months_since_injury=3, indicated_condition_groups=TENS_CONDITIONS, notes=REF["R036"]["notes"],
            **c("R036", "Quantity counts months of home use; pain duration approximated by time since injury. The listed "
                        "conditions are condition groups; radiculopathy is read as neuropathic pain.")),
        row(id="cpmtg-tens-postoperative", guideline=CPMTG, edition=edition, section="TENS, post operative pain",
            pages=["116", "117"], phase="post_surgical", treatments=["tens"], max_visits=1,
            post_surgical_period_months=1, notes=REF["R037"]["notes"],
            **c("R037", "The 30-day window is held as a one-month post-surgical period.")),
        row(id="cpmtg-tpi-myofascial", guideline=CPMTG, edition=edition, section="Trigger Point Injections", pages=["122"],
            phase="chronic", treatments=["trigger_point_injection"], condition_group="myofascial_pain",
            max_per_session=4, requires_functional_improvement=True, repeat_min_relief_percent=51,
            repeat_min_relief_weeks=6, min_interval_months=2, min_months_since_injury=3, notes=REF["R038"]["notes"],
            **c("R038", "'More than 50%' relief is held as at least 51 percent.")),
        row(id="cpmtg-tpi-radicular", guideline=CPMTG, edition=edition, section="Trigger Point Injections", pages=["122"],
            phase="chronic", treatments=["trigger_point_injection"], condition_group="neuralgia_neuritis_radiculitis",
            not_recommended=True, notes=REF["R071b"]["notes"], **c("R071b")),
        row(id="cpmtg-tpi-without-myofascial-pain", guideline=CPMTG, edition=edition, section="Trigger Point Injections",
            pages=["122"], phase="chronic", treatments=["trigger_point_injection"], is_default=True,
            not_recommended=True,
            notes="Trigger point injections are reserved for myofascial pain syndrome; without that diagnosis they are "
                  "not recommended.",
            **c("R038", "Derived from R038: the default row for diagnoses other than myofascial pain.")),
        row(id="cpmtg-esi", guideline=CPMTG, edition=edition, section="Epidural Steroid Injections", pages=["46"],
            phase="chronic", treatments=["epidural_steroid_injection"], body_regions=["cervical_spine", "lumbar_spine"],
            indication="radiculopathy", trial_visits=2, max_visits=4, course_window_months=12,
            requires_functional_improvement=True, repeat_min_relief_percent=50, repeat_min_relief_weeks=6,
            repeat_requires_medication_reduction=True, notes=REF["R039"]["notes"],
            **c("R039", "Trial holds the 2-injection diagnostic phase; maximum the 4 blocks per region per year.")),
    ]
    return rows


def acupuncture_rows(include_acoem):
    r13 = REF["R013"]
    rows = [
        row(id="acup-schedule", guideline=ACUP, edition=ACUP_ED, section="8 CCR 9792.24.1(c)-(d)",
            treatments=["acupuncture"], trial_visits=6, over_weeks=8, frequency_per_week_max=3,
            requires_functional_improvement=True, notes=r13["notes"],
            **{**conf("R013", "Trial is the upper end of the 3-6 treatments to produce improvement; over_weeks the "
                              "2-month optimum; no fixed maximum. Electrical stimulation (R014) follows the same schedule."),
               "reference_ids": ["R013", "R014"]}),
        row(id="acup-functional-improvement", role="principle", principle="functional_improvement",
            guideline=ACUP, edition=ACUP_ED, section="8 CCR 9792.24.1(d)", treatments=["acupuncture"],
            notes="Acupuncture may be extended only when functional improvement is documented.", **conf("R013")),
    ]
    if include_acoem:
        r15 = REF["R015"]
        rows.append(row(id="acoem-low-back-acupuncture", guideline="MTUS ACOEM Low Back Disorders Guideline",
                        edition=r15["edition"], section="Low Back Disorders: Acupuncture", phase="chronic",
                        treatments=["acupuncture"], body_regions=["lumbar_spine"], max_visits=12,
                        trial_from="acup-schedule", requires_functional_improvement=True, notes=r15["notes"],
                        **conf("R015", "The ACOEM figure is the total; 8 CCR 9792.24.1 still sets the trial "
                                       "(trial_from acup-schedule), so extension past it needs functional improvement.")))
    return rows


def postsurgical_rows():
    spec = [  # ref, procedure, region
        ("R045", "meniscectomy", "knee"),
        ("R046", "rotator_cuff_repair_arthroscopic", "shoulder"),
        ("R047", "rotator_cuff_repair_open", "shoulder"),
        ("R048", "rotator_cuff_repair_complete_rupture", "shoulder"),
        ("R049", "carpal_tunnel_release", "forearm_wrist_hand"),
        ("R050", "acl_repair", "knee"),
        ("R051", "knee_arthroplasty", "knee"),
        ("R052", "hip_arthroplasty", "hip"),
        ("R053", "lumbar_discectomy", "lumbar_spine"),
        ("R054", "lumbar_fusion", "lumbar_spine"),
        ("R055", "cervical_fusion", "cervical_spine"),
        ("R056", "lateral_epicondylar_release", "elbow"),
    ]
    out = []
    for ref_id, procedure, region in spec:
        r = REF[ref_id]
        out.append(row(id=f"pstg-{procedure.replace('_', '-')}", guideline=PSTG, edition=PSTG_ED,
                       section="8 CCR 9792.24.3(d)", phase="post_surgical",
                       procedure=procedure, treatments=POSTSURGICAL_MEDICINE, body_regions=[region],
                       min_visits=r["min_visits"], max_visits=r["max_visits"], over_weeks=r["over_weeks"],
                       requires_functional_improvement=True, extends_with_improvement=True,
                       post_surgical_period_months=r["extra"]["postsurgical_period_months"],
                       initial_course_percent=50, initial_course_rounding="up", notes=r["notes"], **conf(ref_id)))
    # The catalog lists adhesive capsulitis release but the reference has no post-surgical row for it, and a catalog
    # procedure without a row sends every such request to a physician. Numbers recalled from the 9792.24.3(d) table,
    # flagged low until an editor reads them in the DWC text.
    out.append(row(id="pstg-adhesive-capsulitis-release", guideline=PSTG, edition=PSTG_ED, section="8 CCR 9792.24.3(d)",
                   phase="post_surgical", procedure="adhesive_capsulitis_release", treatments=POSTSURGICAL_MEDICINE,
                   body_regions=["shoulder"], max_visits=24, over_weeks=14, requires_functional_improvement=True,
                   extends_with_improvement=True, post_surgical_period_months=6, initial_course_percent=50,
                   initial_course_rounding="up",
                   notes="Adhesive capsulitis, post-surgical treatment: general course 24 visits over 14 weeks within a "
                         "6-month post-surgical period; initial course half of it.",
                   confidence="low",
                   confidence_reason="Not in the shared reference: recalled from the 9792.24.3(d) table as commonly "
                                     "quoted. Verify against the DWC document before production use.",
                   reference_ids=[]))
    return out


def odg_rows():
    def odg(ref_id, rid, group, regions, **kw):
        r = REF[ref_id]
        return row(id=rid, source="non_mtus", guideline=ODG, edition=ODG_ED, section=plain(r["section"]),
                   treatments=PHYSICAL_MEDICINE if r["treatment"] == "physical_therapy" else [r["treatment"]],
                   condition_group=group, body_regions=regions, min_visits=r["min_visits"], max_visits=r["max_visits"],
                   over_weeks=r["over_weeks"], frequency_per_week_max=r["frequency_per_week_max"],
                   requires_functional_improvement=bool(r["requires_functional_improvement_to_extend"]),
                   notes=r["notes"], **conf(ref_id, "Non-MTUS: applies only where no MTUS row addresses the case."), **kw)
    r57, r71 = REF["R057"], REF["R071"]
    general = row(id="odg-pt-general", source="non_mtus", guideline=ODG, edition=ODG_ED,
                  section="Physical Therapy: general principles and six-visit clinical trial", treatments=PHYSICAL_MEDICINE,
                  trial_visits=6, requires_functional_improvement=True,
                  notes=r57["notes"] + " " + r71["notes"],
                  **{**conf("R071", "Merged with R057 (general principles) as the non-MTUS default row."),
                     "reference_ids": ["R057", "R071"]})
    return [
        general,
        odg("R060", "odg-pt-low-back-pain", "low_back_pain", ["lumbar_spine"]),
        odg("R061", "odg-pt-lumbar-disc", "lumbar_disc_disorder", ["lumbar_spine"]),
        odg("R062", "odg-pt-lumbar-radiculitis", "neuralgia_neuritis_radiculitis", ["lumbar_spine"]),
        odg("R064", "odg-pt-cervical-disc", "cervical_disc_disorder", ["cervical_spine"]),
        odg("R065", "odg-pt-rotator-cuff", "rotator_cuff_syndrome", ["shoulder"]),
        odg("R066", "odg-pt-adhesive-capsulitis", "adhesive_capsulitis", ["shoulder"]),
        odg("R067", "odg-pt-knee-sprain", "cruciate_ligament_sprain", ["knee"]),
        odg("R068", "odg-pt-meniscus", "meniscus_derangement", ["knee"]),
        odg("R069", "odg-pt-knee-osteoarthritis", "knee_osteoarthritis", ["knee"]),
        odg("R070", "odg-work-conditioning", None, []),
        # R016 (ODG acupuncture) is not seeded: the MTUS acupuncture schedule covers every phase and region, so a
        # non-MTUS acupuncture row could never be reached, and publish validation refuses unreachable rows.
    ]


# ---------------------------------------------------------------- catalog
TREATMENT_NAMES = {
    "physical_therapy": "physical therapy", "occupational_therapy": "occupational therapy",
    "aquatic_therapy": "aquatic therapy", "massage": "massage therapy", "manipulation": "manipulation",
    "acupuncture": "acupuncture", "psychotherapy": "cognitive behavioral psychotherapy", "biofeedback": "biofeedback",
    "functional_restoration_program": "functional restoration", "work_conditioning": "work conditioning",
    "tens": "TENS", "trigger_point_injection": "trigger point injections",
    "epidural_steroid_injection": "epidural steroid injections",
}
TREATMENT_ATTRS = {
    "physical_therapy": dict(active=True),
    "occupational_therapy": dict(active=True),
    "aquatic_therapy": dict(active=True),
    "work_conditioning": dict(active=True),
    "functional_restoration_program": dict(active=True, unit="full-day sessions"),
    "tens": dict(unit="months"),
    "trigger_point_injection": dict(unit="injections"),
    "epidural_steroid_injection": dict(unit="injections"),
}
REGION_NAMES = {
    "cervical_spine": "cervical spine (neck)", "thoracic_spine": "thoracic spine (upper back)",
    "lumbar_spine": "lumbar spine (low back)", "shoulder": "shoulder", "elbow": "elbow",
    "forearm_wrist_hand": "forearm, wrist and hand", "hip": "hip", "knee": "knee", "ankle_foot": "ankle and foot",
    "upper_extremity": "upper extremity", "lower_extremity": "lower extremity", "head": "head",
    "multiple": "multiple body regions",
}
REGION_INCLUDES = {
    "upper_extremity": ["shoulder", "elbow", "forearm_wrist_hand"],
    "lower_extremity": ["hip", "knee", "ankle_foot"],
    "multiple": ["cervical_spine", "thoracic_spine", "lumbar_spine", "shoulder", "elbow", "forearm_wrist_hand",
                 "hip", "knee", "ankle_foot", "upper_extremity", "lower_extremity", "head"],
}
GROUP_NAMES = {
    "myalgia_myositis": "myalgia and myositis", "neuralgia_neuritis_radiculitis": "neuralgia, neuritis and radiculitis",
    "crps": "complex regional pain syndrome (reflex sympathetic dystrophy)", "myofascial_pain": "myofascial pain syndrome",
    "carpal_tunnel_syndrome": "carpal tunnel syndrome", "rotator_cuff_syndrome": "rotator cuff syndrome",
    "adhesive_capsulitis": "adhesive capsulitis", "meniscus_derangement": "derangement of the meniscus",
    "cruciate_ligament_sprain": "sprain of a cruciate ligament of the knee", "knee_osteoarthritis": "osteoarthritis of the knee",
    "hip_osteoarthritis": "osteoarthritis of the hip", "lumbar_disc_disorder": "lumbar intervertebral disc disorder",
    "cervical_disc_disorder": "cervical intervertebral disc disorder", "lateral_epicondylitis": "lateral epicondylitis",
    "low_back_pain": "low back pain", "neck_pain": "neck pain", "chronic_pain_syndrome": "chronic pain syndrome",
    "neuropathic_pain": "neuropathic pain (polyneuropathy, post-herpetic neuralgia)",
    "spinal_cord_injury": "spasticity after spinal cord injury", "multiple_sclerosis": "multiple sclerosis",
    "phantom_limb_pain": "phantom limb pain",
}
# Conditions the TENS entry lists that the shared catalog has no group for. ICD-10-CM prefixes chosen here, so an editor
# should check them: diabetic and other polyneuropathies and post-herpetic neuralgia; spinal cord injury with paraplegia
# or tetraplegia; multiple sclerosis; phantom limb syndrome.
EXTRA_GROUPS = {
    "neuropathic_pain": {"icd10_prefixes": ["B02.2", "E08.4", "E09.4", "E10.4", "E11.4", "E13.4", "G62"]},
    "spinal_cord_injury": {"icd10_prefixes": ["S14.1", "S24.1", "S34.1", "G82"]},
    "multiple_sclerosis": {"icd10_prefixes": ["G35"]},
    "phantom_limb_pain": {"icd10_prefixes": ["G54.6", "G54.7"]},
}
PROCEDURE_NAMES = {
    "rotator_cuff_repair_arthroscopic": "arthroscopic rotator cuff repair or decompression",
    "rotator_cuff_repair_open": "open rotator cuff repair",
    "rotator_cuff_repair_complete_rupture": "rotator cuff repair of a complete rupture",
    "carpal_tunnel_release": "carpal tunnel release", "acl_repair": "anterior cruciate ligament repair or reconstruction",
    "meniscectomy": "meniscectomy", "knee_arthroplasty": "total knee arthroplasty", "hip_arthroplasty": "total hip arthroplasty",
    "lumbar_discectomy": "lumbar discectomy or laminectomy", "lumbar_fusion": "lumbar fusion", "cervical_fusion": "cervical fusion",
    "lateral_epicondylar_release": "lateral epicondylar release", "adhesive_capsulitis_release": "release for adhesive capsulitis",
}


def catalog():
    procedures = dict(catalog_ref["surgical_procedures"])
    procedures["rotator_cuff_repair_complete_rupture"] = "condition rotator_cuff_syndrome"
    groups = dict(catalog_ref["condition_groups"])
    groups.update(EXTRA_GROUPS)
    return {
        "treatments": [dict(code=code, description=desc, name=TREATMENT_NAMES[code], unit=TREATMENT_ATTRS.get(code, {}).get("unit", "visits"),
                            passive=code in catalog_ref["passive_treatments"],
                            active=TREATMENT_ATTRS.get(code, {}).get("active", False))
                       for code, desc in catalog_ref["treatments"].items()],
        "body_regions": [dict(code=code, description=REGION_NAMES[code], includes=REGION_INCLUDES.get(code, []))
                         for code in catalog_ref["body_regions"]],
        "condition_groups": [dict(code=code, description=GROUP_NAMES[code], icd10_prefixes=g["icd10_prefixes"])
                             for code, g in groups.items()],
        "procedures": [dict(code=code, description=PROCEDURE_NAMES[code], condition_group=text.split()[1])
                       for code, text in procedures.items()],
        "guideline_aliases": [
            dict(match="MTUS", name="MTUS", mtus=True),
            dict(match="Medical Treatment Utilization Schedule", name="MTUS", mtus=True),
            dict(match="Chronic Pain Medical Treatment", name="MTUS Chronic Pain Medical Treatment Guidelines", mtus=True),
            dict(match="Postsurgical", name="MTUS Postsurgical Treatment Guidelines", mtus=True),
            dict(match="ACOEM", name="ACOEM Practice Guidelines (as adopted in the MTUS)", mtus=True),
            dict(match="Non-MTUS", name="a non-MTUS guideline", mtus=False),
            dict(match="ODG", name="Official Disability Guidelines (ODG)", mtus=False),
            dict(match="Official Disability Guidelines", name="Official Disability Guidelines (ODG)", mtus=False),
        ],
    }


def clean(obj):
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items() if v not in (None, False, [], "")}
    if isinstance(obj, list):
        return [clean(v) for v in obj]
    return obj


def version(vid, label, start, end, parent, rules):
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), f"duplicate rule ids in {vid}"
    return {"id": vid, "label": label, "effective_from": start, "effective_to": end, "parent_id": parent,
            "content": {"catalog": clean(catalog()), "rules": [clean(r) for r in rules]}}


caps = statutory_caps()
v2009 = (cpmtg_principles(CPMTG_2009, None) + cpmtg_rows(CPMTG_2009, None) + acupuncture_rows(False)
         + postsurgical_rows() + postsurgical_principles() + caps + odg_rows() + [fi_definition("R001"), hierarchy("R007")])
v2015 = (cpmtg_principles(CPMTG_2009, None) + cpmtg_rows(CPMTG_2009, None) + acupuncture_rows(False)
         + postsurgical_rows() + postsurgical_principles() + caps + odg_rows() + [fi_definition("R002"), hierarchy("R009")])
v2016 = (cpmtg_principles(CPMTG_2016, CARRIED_2016) + cpmtg_rows(CPMTG_2016, CARRIED_2016) + acupuncture_rows(False)
         + postsurgical_rows() + postsurgical_principles() + caps + odg_rows() + [fi_definition("R002"), hierarchy("R009")])
v2017 = (cpmtg_principles(CPMTG_2017, CARRIED_2017) + cpmtg_rows(CPMTG_2017, CARRIED_2017) + acupuncture_rows(True) + postsurgical_rows() + postsurgical_principles() + caps + odg_rows()
         + [fi_definition("R002"), hierarchy("R009")])

bundle = {
    "format": "imrgrpc.guideline-bundle",
    "format_version": 1,
    "about": "Seed guideline tables for ImrGrpc, built by tools/seed/build_seed_bundle.py from the shared reference "
             "(mtus-reference.json, editions.json, catalog.json). Rows keep the reference's confidence flag.",
    "versions": [
        version("mtus-2009", "MTUS 2009: Chronic Pain, Acupuncture and Postsurgical Treatment Guidelines",
                "2009-07-18", "2015-04-19", None, v2009),
        version("mtus-2015", "MTUS 2015: regulation amendments (evidence search sequence, definitions)",
                "2015-04-20", "2016-07-27", "mtus-2009", v2015),
        version("mtus-2016", "MTUS 2016: updated Chronic Pain Medical Treatment Guidelines",
                "2016-07-28", "2017-11-30", "mtus-2015", v2016),
        version("mtus-2017", "MTUS 2017: ACOEM-based clinical topics",
                "2017-12-01", None, "mtus-2016", v2017),
    ],
}
json.dump(bundle, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
sys.stdout.write("\n")
