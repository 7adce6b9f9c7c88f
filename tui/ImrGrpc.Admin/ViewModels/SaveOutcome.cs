namespace ImrGrpc.Admin.ViewModels;

public enum SaveOutcome
{
    Saved,
    NothingToSave,
    ReadOnly,
    Invalid,
    Conflict,
    Failed,
}
