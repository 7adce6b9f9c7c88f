using ImrGrpc.LoadTest.Cli;

// Ids, dates, numbers and log times are written the same whatever the machine's locale (a Hijri or Buddhist calendar
// would otherwise change version ids, dates and durations): every thread formats with the invariant culture.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

return await LoadTestCommand.InvokeAsync(args);
