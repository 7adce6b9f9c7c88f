using Terminal.Gui.Input;

namespace ImrGrpc.Admin.Tui;

/// <summary>A key a screen answers to, as its status bar lists it.</summary>
internal sealed record KeyAction(Key Key, string Label, Action Action);
