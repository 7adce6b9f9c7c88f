using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;

namespace ImrGrpc.Storage.Bundles;

/// <summary>The mapping between the catalog and its JSON form.</summary>
public static class CatalogJson
{
    public static JsonObject ToJson(Catalog c) => new()
    {
        ["treatments"] = new JsonArray(c.Treatments.Select(t =>
        {
            var o = new JsonObject { ["code"] = t.Code, ["description"] = t.Description, ["unit"] = t.Unit };
            o.Put("name", t.Name);
            o.Put("passive", t.Passive);
            o.Put("active", t.Active);
            return (JsonNode?)o;
        }).ToArray()),
        ["body_regions"] = new JsonArray(c.BodyRegions.Select(r =>
        {
            var o = new JsonObject { ["code"] = r.Code, ["description"] = r.Description };
            o.Put("includes", r.Includes);
            return (JsonNode?)o;
        }).ToArray()),
        ["condition_groups"] = new JsonArray(c.ConditionGroups.Select(g =>
        {
            var o = new JsonObject { ["code"] = g.Code, ["description"] = g.Description };
            o.Put("icd10_prefixes", g.Icd10Prefixes);
            return (JsonNode?)o;
        }).ToArray()),
        ["procedures"] = new JsonArray(c.Procedures.Select(p =>
        {
            var o = new JsonObject { ["code"] = p.Code, ["description"] = p.Description };
            o.Put("condition_group", p.ConditionGroup);
            return (JsonNode?)o;
        }).ToArray()),
        ["guideline_aliases"] = new JsonArray(c.GuidelineAliases.Select(a =>
        {
            var o = new JsonObject { ["match"] = a.Match, ["name"] = a.Name };
            o.Put("mtus", a.Mtus);
            return (JsonNode?)o;
        }).ToArray()),
    };

    public static Catalog FromJson(JsonObject obj, string path)
    {
        var f = new JsonFieldReader(obj, path);
        var catalog = new Catalog
        {
            Treatments = Items(f, "treatments", (r, _) => new TreatmentInfo
            {
                Code = r.RequiredString("code"),
                Description = r.OptionalString("description") ?? "",
                Name = r.OptionalString("name") ?? "",
                Unit = r.OptionalString("unit") ?? "visits",
                Passive = r.Bool("passive"),
                Active = r.Bool("active"),
            }),
            BodyRegions = Items(f, "body_regions", (r, _) =>
                new BodyRegionInfo(r.RequiredString("code"), r.OptionalString("description") ?? "", r.Strings("includes"))),
            ConditionGroups = Items(f, "condition_groups", (r, _) =>
                new ConditionGroupInfo(r.RequiredString("code"), r.OptionalString("description") ?? "", r.Strings("icd10_prefixes"))),
            Procedures = Items(f, "procedures", (r, _) =>
                new ProcedureInfo(r.RequiredString("code"), r.OptionalString("description") ?? "", r.OptionalString("condition_group"))),
            GuidelineAliases = Items(f, "guideline_aliases", (r, _) =>
                new GuidelineAlias(r.RequiredString("match"), r.OptionalString("name") ?? "", r.Bool("mtus"))),
        };
        f.EnsureNoUnknownFields();
        return catalog;
    }

    private static T[] Items<T>(JsonFieldReader parent, string key, Func<JsonFieldReader, int, T> read)
    {
        var array = parent.Array(key);
        var items = new T[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{parent.Path}.{key}[{i}]";
            var obj = array[i] as JsonObject ?? throw new BundleFormatException($"{path} must be an object");
            var reader = new JsonFieldReader(obj, path);
            items[i] = read(reader, i);
            reader.EnsureNoUnknownFields();
        }
        return items;
    }
}
