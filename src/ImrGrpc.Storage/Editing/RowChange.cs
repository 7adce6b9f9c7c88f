namespace ImrGrpc.Storage.Editing;

public enum RowChange
{
    Added,
    Removed,
    Changed,
}
