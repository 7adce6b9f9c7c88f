namespace ImrGrpc.Admin.ViewModels;

public enum RunState
{
    NotRun,
    Running,
    Done,
    Cancelled,
    Failed,
}
