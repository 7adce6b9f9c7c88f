namespace ImrGrpc.Engine.Model;

/// <summary>How a rule column is typed; it decides how the column is written, read, shown and edited.</summary>
public enum ColumnKind
{
    /// <summary>Free text; "" when absent (<see cref="string"/>).</summary>
    Text,
    /// <summary>One code or row id; null when absent (<see cref="string"/>?).</summary>
    Code,
    /// <summary>A whole number; null when absent (<see cref="int"/>?).</summary>
    Number,
    /// <summary>Yes or no; no when absent (<see cref="bool"/>).</summary>
    Flag,
    /// <summary>One of a fixed set of names: an engine enum as the tables spell it (<see cref="EnumNames"/>).</summary>
    Choice,
    /// <summary>A list of codes or words; empty when absent.</summary>
    List,
    /// <summary>A calendar date; null when absent (<see cref="DateOnly"/>?).</summary>
    Date,
}
