using ImrGrpc.Engine.Model;

namespace ImrGrpc.Storage;

/// <summary>
/// A version as the store lists it: its <see cref="VersionInfo"/> (identity, window, status, content hash), who made and
/// published it and when, its revision and how many rows it holds and how many of them nobody has verified yet.
/// </summary>
public sealed record StoredVersion(
    VersionInfo Info,
    string CreatedBy,
    DateTime CreatedAt,
    string? PublishedBy,
    DateTime? PublishedAt,
    int Revision,
    int RuleCount,
    int UnverifiedCount);
