using ImrGrpc.Engine.Compilation;
using ImrGrpc.Engine.Evaluation;
using ImrGrpc.Engine.Model;
using ImrGrpc.Engine.Rationale;
using Proto = Imr.V1;

namespace ImrGrpc.Contract.Mapping;

/// <summary>
/// Maps engine decisions and rationales to the contract. Text is rendered here, from the trace. What depends only on the
/// version (its GuidelineVersion message, the citations) comes ready-made from the version's <see cref="ResponseParts"/>.
/// </summary>
public static class ResponseMapper
{
    public static Proto.EvaluateRequestResponse ToResponse(CaseDecision decision, ResponseParts parts)
    {
        RequireSameVersion(decision, parts);
        var response = new Proto.EvaluateRequestResponse
        {
            CaseId = decision.Request.CaseId,
            DecisionId = decision.DecisionId,
            GuidelineVersion = parts.Version,
        };
        response.Decisions.Capacity = decision.Items.Count;
        foreach (var item in decision.Items)
        {
            response.Decisions.Add(ItemDecision(decision, item, parts));
        }
        return response;
    }

    internal static void RequireSameVersion(CaseDecision decision, ResponseParts parts)
    {
        if (!ReferenceEquals(decision.Guideline, parts.Guideline))
        {
            throw new ArgumentException($"the response parts are those of {parts.Guideline.Version.Id}, the decision was made under {decision.Guideline.Version.Id}", nameof(parts));
        }
    }

    private static Proto.ItemDecision ItemDecision(CaseDecision decision, ItemDecision item, ResponseParts parts)
    {
        var proto = new Proto.ItemDecision
        {
            ItemId = item.Item.ItemId,
            Determination = Determination(item.Determination),
            ImrOutcome = Outcome(item.ImrOutcome),
            ApprovableQuantity = item.ApprovableQuantity,
            RequiresPhysicianReview = item.RequiresPhysicianReview,
            Summary = DetailFormatter.Summary(decision, item),
            GoverningRuleId = item.Governing?.Id ?? "",
        };
        // Sized up front: the lists never grow (and reallocate) while they fill.
        proto.Criteria.Capacity = item.Criteria.Count;
        proto.Citations.Capacity = item.Citations.Count;
        proto.Findings.Capacity = item.Findings.Count;
        var criteria = item.Criteria;
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            proto.Criteria.Add(new Proto.Criterion
            {
                Criterion_ = CriterionCodes.Code(c.Code),
                Status = Status(c.Status),
                Detail = DetailFormatter.Criterion(decision, item, c),
                RuleId = c.Rule?.Id ?? "",
            });
        }
        var citations = item.Citations;
        // No rows at all (a physician-review item) is not "all verified".
        var verification = new Proto.RowVerification { AllVerified = citations.Count > 0 };
        for (var i = 0; i < citations.Count; i++)
        {
            var rule = citations[i];
            proto.Citations.Add(parts.Citation(rule));
            if (rule.Verified)
            {
                verification.VerifiedRuleIds.Add(rule.Id);
            }
            else
            {
                verification.UnverifiedRuleIds.Add(rule.Id);
                verification.AllVerified = false;
            }
        }
        proto.Verification = verification;
        var findings = item.Findings;
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            proto.Findings.Add(new Proto.Finding
            {
                Code = CriterionCodes.Code(f.Code),
                Detail = DetailFormatter.Finding(decision, item, f),
                RuleId = f.Rule?.Id ?? "",
            });
        }
        return proto;
    }

    public static Proto.ExplainRationaleResponse ToResponse(CaseDecision decision, CaseRationale rationale, ResponseParts parts)
    {
        RequireSameVersion(decision, parts);
        var response = new Proto.ExplainRationaleResponse
        {
            CaseId = decision.Request.CaseId,
            DecisionId = decision.DecisionId,
            GuidelineVersion = parts.Version,
            Document = rationale.Document,
        };
        foreach (var item in rationale.Items)
        {
            var proto = new Proto.ItemRationale
            {
                ItemId = item.ItemId,
                Heading = item.Heading,
                ClaimsAdministratorBasis = item.ClaimsAdministratorBasis,
                GuidelineBasis = item.GuidelineBasis,
                Rationale = item.Rationale,
            };
            foreach (var rule in item.Citations)
            {
                proto.Citations.Add(parts.Citation(rule));
            }
            response.Items.Add(proto);
        }
        return response;
    }

    internal static Proto.Citation BuildCitation(CompiledRule rule)
    {
        var row = rule.Row;
        var citation = new Proto.Citation
        {
            Guideline = row.Guideline,
            Edition = row.Edition,
            Section = row.Section,
            Mtus = row.IsMtus,
            RuleId = row.Id,
            Verified = rule.Verified,
        };
        citation.Pages.AddRange(row.Pages);
        return citation;
    }

    internal static Proto.GuidelineVersion BuildVersion(CompiledGuideline g)
    {
        var v = g.Version;
        return new Proto.GuidelineVersion
        {
            Id = v.Id,
            Label = v.Label,
            EffectiveFrom = IsoDate.Write(v.EffectiveFrom) ?? "",
            EffectiveTo = IsoDate.Write(v.EffectiveTo) ?? "",
            ContentHash = v.ContentHash,
            Status = v.Status switch
            {
                VersionStatus.Draft => Proto.VersionStatus.Draft,
                VersionStatus.Published => Proto.VersionStatus.Published,
                _ => Proto.VersionStatus.Retired,
            },
            ParentId = v.ParentId ?? "",
            RuleCount = g.Rules.Count,
        };
    }

    public static Proto.ListCatalogCodesResponse Catalog(ResponseParts parts)
    {
        var g = parts.Guideline;
        var c = g.Catalog;
        var response = new Proto.ListCatalogCodesResponse { GuidelineVersion = parts.Version };
        response.Treatments.AddRange(c.Treatments.Select(t => new Proto.CatalogCode { Code = t.Code, Description = t.Description }));
        response.BodyRegions.AddRange(c.BodyRegions.Select(r => new Proto.CatalogCode { Code = r.Code, Description = r.Description }));
        response.SurgicalProcedures.AddRange(c.Procedures.Select(p => new Proto.CatalogCode { Code = p.Code, Description = p.Description }));
        response.ConditionGroups.AddRange(c.ConditionGroups.Select(g2 =>
        {
            var group = new Proto.ConditionGroup { Code = g2.Code, Description = g2.Description };
            group.Icd10Prefixes.AddRange(g2.Icd10Prefixes);
            return group;
        }));
        return response;
    }

    internal static Proto.ImrOutcome Outcome(ImrOutcome outcome) => outcome switch
    {
        ImrOutcome.Upheld => Proto.ImrOutcome.Upheld,
        ImrOutcome.Overturned => Proto.ImrOutcome.Overturned,
        _ => Proto.ImrOutcome.Unspecified,
    };

    internal static Proto.CriterionStatus Status(CriterionStatus status) => status switch
    {
        CriterionStatus.Met => Proto.CriterionStatus.Met,
        CriterionStatus.NotMet => Proto.CriterionStatus.NotMet,
        CriterionStatus.Unknown => Proto.CriterionStatus.Unknown,
        _ => Proto.CriterionStatus.NotApplicable,
    };

    internal static Proto.Determination Determination(Determination d) => d switch
    {
        Engine.Evaluation.Determination.MedicallyNecessary => Proto.Determination.MedicallyNecessary,
        Engine.Evaluation.Determination.NotMedicallyNecessary => Proto.Determination.NotMedicallyNecessary,
        Engine.Evaluation.Determination.Modified => Proto.Determination.Modified,
        Engine.Evaluation.Determination.InsufficientInformation => Proto.Determination.InsufficientInformation,
        _ => Proto.Determination.PhysicianReviewRequired,
    };
}
