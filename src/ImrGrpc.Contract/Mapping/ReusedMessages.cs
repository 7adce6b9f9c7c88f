// The request messages RequestReader reuses from call to call: each one can be put back to the state `new` gives it.
// RequestReaderTests set every field the descriptor lists and check that Reset clears them, so a field added to the
// contract cannot be carried from one call into the next unnoticed.
namespace Imr.V1;

/// <summary>A message RequestReader keeps between calls.</summary>
internal interface IReusedMessage
{
    /// <summary>Every field back to its default, repeated fields emptied (their capacity kept), no unknown fields.</summary>
    void Reset();
}

public sealed partial class EvaluateRequestRequest : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        CaseId = "";
        ReviewType = ReviewType.Unspecified;
        RequestDate = "";
        InjuryDate = "";
        GuidelineVersion = "";
        Clinical = null;
        PriorTreatments.Clear();
        Items.Clear();
    }
}

public sealed partial class ExplainRationaleRequest : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        Request = null;
        Format = RationaleFormat.Unspecified;
        ItemIds.Clear();
    }
}

public sealed partial class ClinicalFacts : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        Phase = ClinicalPhase.Unspecified;
        Diagnoses.Clear();
        BodyRegions.Clear();
        Surgery = null;
        PreviousFunction = null;
        CurrentFunction = null;
        FunctionalEvidence = null;
        ClearHomeExerciseProgram();
        Radiculopathy = null;
    }
}

public sealed partial class Diagnosis : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        Code = "";
        Description = "";
    }
}

public sealed partial class Surgery : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        Procedure = "";
        Date = "";
    }
}

public sealed partial class FunctionSnapshot : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        Date = "";
        WorkStatus = WorkStatus.Unspecified;
        ClearWorkHoursPerDay();
        ClearLiftingLimitLb();
        ClearOpioidAgents();
        ClearMorphineEquivalentMgPerDay();
    }
}

public sealed partial class FunctionalEvidence : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        WorkRestrictions = Trend.Unspecified;
        ActivitiesOfDailyLiving = Trend.Unspecified;
        TreatmentDependence = Trend.Unspecified;
    }
}

public sealed partial class RadiculopathyFindings : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        ClearExamFindings();
        ClearImagingCorroborated();
        ClearElectrodiagnosticCorroborated();
    }
}

public sealed partial class PriorTreatment : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        Treatment = "";
        Sessions = 0;
        StartDate = "";
        EndDate = "";
        BodyRegions.Clear();
        ClearPainReliefPercent();
        ClearReliefDurationWeeks();
        ClearMedicationReduced();
    }
}

public sealed partial class RequestedItem : IReusedMessage
{
    void IReusedMessage.Reset()
    {
        _unknownFields = null;
        ItemId = "";
        Description = "";
        Treatment = "";
        Quantity = 0;
        BodyRegions.Clear();
        FrequencyPerWeek = 0;
        DurationWeeks = 0;
        ClaimsAdministratorGuidelines.Clear();
        CareType = CareType.Unspecified;
        EmployerAuthorizedVisits = 0;
    }
}
