using ImrGrpc.Admin.Cli;

return AdminCli.Run(args);
