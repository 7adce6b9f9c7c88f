namespace ImrGrpc.LoadTest.Calls;

/// <summary>A request file that is missing, unreadable or not the message the method takes; the message is one line.</summary>
internal sealed class RequestFileException(string message) : Exception(message);
