namespace ImrGrpc.Benchmarks.TablePeer;

/// <summary>
/// What the table-driven peer's rules read about the whole request (RulesEngine input <c>request</c>), built once per
/// request. Plain values a rule expression can compare; a measure not recorded is NaN, so every comparison with it is
/// false, and a yes/no/unknown fact is 1/2/0.
/// </summary>
public sealed class RequestFacts
{
    /// <summary>The condition group of each diagnosis, in the order given (null where no ICD-10 prefix maps).</summary>
    public string?[] Groups { get; init; } = [];
    /// <summary>Post-surgical phase with a surgery on record: the procedure's rows may govern.</summary>
    public bool PostSurgical { get; init; }
    public string Procedure { get; init; } = "";
    public DateTime SurgeryDate { get; init; }
    public DateTime RequestDate { get; init; }
    public DateTime InjuryDate { get; init; }
    /// <summary>Every requested item's treatment (an adjunct program may be requested alongside).</summary>
    public string[] ItemTreatments { get; init; } = [];
    /// <summary>Treatments given within 30 days of the request (or still open).</summary>
    public string[] OngoingTreatments { get; init; } = [];
    /// <summary>An ongoing prior treatment is active therapy.</summary>
    public bool OngoingActive { get; init; }

    // Function, from the two snapshots (NaN unless both record the measure) and the trends stated in the record
    // (Trend's numbers: 0 unknown, 1 improved, 2 unchanged, 3 worsened).
    public double WorkStatusBefore { get; init; } = double.NaN;
    public double WorkStatusAfter { get; init; } = double.NaN;
    public double HoursBefore { get; init; } = double.NaN;
    public double HoursAfter { get; init; } = double.NaN;
    public double LiftingBefore { get; init; } = double.NaN;
    public double LiftingAfter { get; init; } = double.NaN;
    public double OpioidsBefore { get; init; } = double.NaN;
    public double OpioidsAfter { get; init; } = double.NaN;
    public double MedBefore { get; init; } = double.NaN;
    public double MedAfter { get; init; } = double.NaN;
    public int RestrictionsTrend { get; init; }
    public int AdlTrend { get; init; }
    public int DependenceTrend { get; init; }
    /// <summary>WorkStatus's number on the current snapshot (0 when not recorded).</summary>
    public int CurrentWorkStatus { get; init; }

    // Yes (1) / no (2) / not documented (0).
    public int HomeExercise { get; init; }
    public int RadiculopathyExam { get; init; }
    public int RadiculopathyImaging { get; init; }
    public int RadiculopathyElectro { get; init; }
}

/// <summary>One requested item, as the selection and criteria rules read it (RulesEngine input <c>item</c>).</summary>
public sealed class ItemFacts
{
    public string ItemId { get; init; } = "";
    public string Treatment { get; init; } = "";
    /// <summary>CareType's number (0 therapeutic, 1 maintenance, 2 flare-up).</summary>
    public int CareType { get; init; }
    /// <summary>
    /// The phase the course rows are chosen for, as Phase's number: the case's phase, except that a post-surgical case
    /// with a surgery falls back to the chronic rows when no row of the procedure governs (and "any" reads as chronic).
    /// </summary>
    public int Phase { get; init; }
    /// <summary>The item's body regions, or the case's when the item names none.</summary>
    public string[] Regions { get; init; } = [];
    public int Requested { get; init; }
    /// <summary>Visits per week asked for; 0 when not stated.</summary>
    public int Frequency { get; init; }
    /// <summary>Weeks the schedule is spread over; 0 when not stated.</summary>
    public int Weeks { get; init; }
    /// <summary>Another item of the request is active therapy.</summary>
    public bool ConcurrentActive { get; init; }
}

/// <summary>
/// What the worker already received, counted for the governing row (RulesEngine input <c>course</c>): the row's
/// treatments for the same body part (since the surgery under a post-surgical row, within the row's window), the
/// passive care in the same unit, and the visits the statutory cap counts.
/// </summary>
public sealed class CourseFacts
{
    public static readonly CourseFacts None = new();

    /// <summary>Sessions that count toward the row's course (before any episode rule: the rules apply that).</summary>
    public int Prior { get; init; }
    public bool HasLast { get; init; }
    /// <summary>The latest counted treatment's pain relief in percent, weeks of relief, medication reduced (1/2/0); -1 when not recorded.</summary>
    public int LastReliefPercent { get; init; } = -1;
    public int LastReliefWeeks { get; init; } = -1;
    public int LastMedicationReduced { get; init; }
    public bool HasLastDate { get; init; }
    public DateTime LastDate { get; init; }
    public int PassivePrior { get; init; }
    public int CapPrior { get; init; }
}
