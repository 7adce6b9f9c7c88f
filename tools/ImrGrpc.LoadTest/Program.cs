using ImrGrpc.LoadTest.Cli;

return await LoadTestCommand.InvokeAsync(args);
