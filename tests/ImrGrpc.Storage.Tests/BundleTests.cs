using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImrGrpc.Engine.Model;
using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage.Tests;

public sealed class BundleTests
{
    [Fact]
    public void Export_and_parse_round_trip_keeps_every_content_hash()
    {
        var seed = SeedData.Load();
        var again = Bundle.Parse(seed.ToJson());
        Assert.Equal(seed.Versions.Select(v => v.ContentHash), again.Versions.Select(v => v.ContentHash));
        Assert.Equal(seed.ToJson(), again.ToJson());
    }

    [Fact]
    public void Content_hash_does_not_depend_on_row_order()
    {
        var v = SeedData.Load().Versions[0];
        Assert.Equal(GuidelineContent.Hash(v.Catalog, v.Rules), GuidelineContent.Hash(v.Catalog, v.Rules.Reverse().ToList()));
    }

    [Fact]
    public void Changing_one_number_changes_the_hash()
    {
        var v = SeedData.Load().Versions[0];
        var edited = v.Rules.Select(r => r.Id == "cpmtg-pm-myalgia" ? r with { MaxVisits = 12 } : r).ToList();
        Assert.NotEqual(GuidelineContent.Hash(v.Catalog, v.Rules), GuidelineContent.Hash(v.Catalog, edited));
    }

    [Fact]
    public void Canonical_form_is_sorted_compact_and_hashes_like_any_other_implementation()
    {
        var node = JsonNode.Parse("""{"b":[2,1],"a":{"d":"x\ny","c":true},"é":"ü\"q"}""");
        var canonical = CanonicalJson.Write(node);
        Assert.Equal("{\"a\":{\"c\":true,\"d\":\"x\\ny\"},\"b\":[2,1],\"é\":\"ü\\\"q\"}", canonical);
        // sha-256 of the same bytes computed outside .NET: python3 -c "import hashlib,json;
        // print(hashlib.sha256(json.dumps(obj,sort_keys=True,separators=(',',':'),ensure_ascii=False).encode()).hexdigest())"
        Assert.Equal(ExpectedPythonHash, Hex(canonical));
    }

    private const string ExpectedPythonHash = "cde08eb49d97eafa60ab8a34334a8b2c89653b91c83f7ff4a61cd2d9c9c4bd1d";

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_misspelt_column_is_an_error_naming_where_it_is()
    {
        var json = SeedData.Json().Replace("\"max_visits\": 10,", "\"max_visit\": 10,", StringComparison.Ordinal);
        var error = Assert.Throws<BundleFormatException>(() => Bundle.Parse(json));
        Assert.Contains("unknown field 'max_visit'", error.Message);
        Assert.Contains("versions[0].content.rules[", error.Message);
    }

    [Fact]
    public void A_wrong_type_is_an_error_naming_the_field()
    {
        var json = SeedData.Json().Replace("\"max_visits\": 10,", "\"max_visits\": \"ten\",", StringComparison.Ordinal);
        var error = Assert.Throws<BundleFormatException>(() => Bundle.Parse(json));
        Assert.Contains(".max_visits must be a whole number", error.Message);
    }
}
