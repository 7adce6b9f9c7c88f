using ImrGrpc.Storage.Bundles;

namespace ImrGrpc.Storage;

/// <summary>The seed bundle shipped inside this assembly (built from the shared reference by tools/seed).</summary>
public static class SeedData
{
    private const string ResourceName = "ImrGrpc.Storage.Seed.mtus-seed.bundle.json";

    public static string Json()
    {
        using var stream = typeof(SeedData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Bundle Load() => Bundle.Parse(Json());
}
