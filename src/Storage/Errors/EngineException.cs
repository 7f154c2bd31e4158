namespace PredictEngine.Storage.Errors;

/// <summary>
/// An error that ends the current statement and reaches the client as a SQL Server ERROR token
/// (number, severity, state, line). Every layer raises this type so the TDS server never has to
/// guess how to present a failure; the session survives it.
/// </summary>
public class EngineException : Exception
{
    public EngineException(int number, byte severity, byte state, string message, Exception? inner = null)
        : base(message, inner)
    {
        Number = number;
        Severity = severity;
        State = state;
    }

    public EngineException()
        : this(ErrorNumbers.InternalError, 16, 1, "Internal engine error.")
    {
    }

    public EngineException(string message)
        : this(ErrorNumbers.InternalError, 16, 1, message)
    {
    }

    public EngineException(string message, Exception innerException)
        : this(ErrorNumbers.InternalError, 16, 1, message, innerException)
    {
    }

    /// <summary>SQL Server message number (Msg N).</summary>
    public int Number { get; }

    /// <summary>SQL Server severity (Level): 10 informational, 11-16 user-correctable, 17+ resource/system.</summary>
    public byte Severity { get; }

    public byte State { get; }

    /// <summary>Line of the batch the error belongs to; the front end fills it in when it knows it.</summary>
    public int Line { get; set; } = 1;

    public override string ToString() => $"Msg {Number}, Level {Severity}, State {State}, Line {Line}\n{Message}";
}
