using ImrGrpc.Server.Hosting;

// Ids, dates, numbers and log times are written the same whatever the machine's locale (a Hijri or Buddhist calendar
// would otherwise change version ids, dates and durations): every thread formats with the invariant culture.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

if (StartupFailures.CreateBuilderOrExplain(args) is not { } builder)
{
    return ExitCodes.Configuration;
}
builder.AddImrServer();
if (builder.CheckNetworkOrExplain() is not { } network)
{
    return 2;
}

var app = builder.Build();
app.MapImrServer();

if (!app.LoadGuidelinesOrExplain(network))
{
    return 2;
}
return app.RunOrExplain();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
