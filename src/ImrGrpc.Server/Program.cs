using ImrGrpc.Server.Hosting;

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
