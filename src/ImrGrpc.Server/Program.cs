using ImrGrpc.Server.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Settings come from the server's own folder, whatever the working directory.
    ContentRootPath = AppContext.BaseDirectory,
});
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
app.Run();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
