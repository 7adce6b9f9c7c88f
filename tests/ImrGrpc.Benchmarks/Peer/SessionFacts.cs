namespace ImrGrpc.Benchmarks.Peer;

/// <summary>
/// One requested item flattened for the RulesEngine peer: plain numbers and flags a rule expression can read
/// (<c>input1.Prior + input1.Requested &lt;= input1.MaxVisits</c>). A measure not recorded is NaN, so every
/// comparison with it is false, as the engine treats a missing measure as no evidence of a gain.
/// </summary>
public sealed class SessionFacts
{
    public string ItemId { get; init; } = "";
    public string Treatment { get; init; } = "";
    /// <summary>The effective phase, as <see cref="Engine.Model.Phase"/>'s number (1 = chronic, 3 = post-surgical).</summary>
    public int Phase { get; init; }
    /// <summary>The item's body regions, or the case's when the item names none.</summary>
    public string[] Regions { get; init; } = [];

    // The course, from the governing seed row.
    public int Requested { get; init; }
    /// <summary>Sessions already given that count toward the row's course (0 for an episode-scoped row).</summary>
    public int Prior { get; init; }
    public bool HasTrial { get; init; }
    public int TrialVisits { get; init; }
    public bool HasMax { get; init; }
    public int MaxVisits { get; init; }
    public bool RequiresImprovement { get; init; }

    // Function: the two snapshots and the stated trends.
    public int WorkStatusBefore { get; init; }
    public int WorkStatusAfter { get; init; }
    public double HoursBefore { get; init; } = double.NaN;
    public double HoursAfter { get; init; } = double.NaN;
    public double LiftingBefore { get; init; } = double.NaN;
    public double LiftingAfter { get; init; } = double.NaN;
    public double OpioidsBefore { get; init; } = double.NaN;
    public double OpioidsAfter { get; init; } = double.NaN;
    public double MedBefore { get; init; } = double.NaN;
    public double MedAfter { get; init; } = double.NaN;
    public bool RestrictionsTrendImproved { get; init; }
    public bool AdlImproved { get; init; }
    public bool DependenceTrendImproved { get; init; }

    // Adjunct to active therapy.
    public bool RequiresActiveAdjunct { get; init; }
    public bool HomeExercise { get; init; }
    public bool ConcurrentActive { get; init; }
    public bool OngoingActive { get; init; }

    // Statutory cap.
    public DateTime InjuryDate { get; init; }
    public bool PostSurgicalExempt { get; init; }
    /// <summary>Visits of the cap's treatments already given on the claim, post-surgical visits excepted.</summary>
    public int CapPrior { get; init; }
}
