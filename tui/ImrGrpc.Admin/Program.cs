using ImrGrpc.Admin.Cli;
using ImrGrpc.Admin.Tui;

ImrGrpc.Storage.Files.DurableFile.RestrictNewFilesToOwner();

// No subcommand (at most --db and --user): the interactive editor. Anything else: the scriptable CLI.
return TuiArguments.TryParse(args, out var db, out var user) ? AdminTui.Run(db, user) : AdminCli.Run(args);
