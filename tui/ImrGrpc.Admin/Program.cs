using ImrGrpc.Admin.Cli;
using ImrGrpc.Admin.Tui;

// Ids, dates, numbers and log times are written the same whatever the machine's locale (a Hijri or Buddhist calendar
// would otherwise change version ids, dates and durations): every thread formats with the invariant culture.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

ImrGrpc.Storage.Files.DurableFile.RestrictNewFilesToOwner();

// No subcommand (at most --db and --user): the interactive editor. Anything else: the scriptable CLI.
return TuiArguments.TryParse(args, out var db, out var user) ? AdminTui.Run(db, user) : AdminCli.Run(args);
