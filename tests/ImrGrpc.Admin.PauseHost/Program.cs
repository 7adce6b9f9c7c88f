using ImrGrpc.Admin.Cli;
using ImrGrpc.Storage;

// Usage: ImrGrpc.Admin.PauseHost PAUSE_MS admin-arguments...
// Runs the admin CLI as the product does, except that a publish stops for PAUSE_MS inside its transaction after saying so
// on standard error, so a test can kill the process at exactly that point.
var pauseMs = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var hooks = new StoreHooks
{
    InsidePublish = () =>
    {
        Console.Error.WriteLine("imrgrpc: paused inside the publish transaction");
        Console.Error.Flush();
        Thread.Sleep(pauseMs);
    },
};
return AdminCli.Run(args[1..], hooks: hooks);
