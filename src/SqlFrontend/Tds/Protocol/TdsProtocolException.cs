namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// The peer broke the protocol (malformed, truncated or oversized packet). The connection cannot be
/// trusted to stay in step, so the server reports it when it can and closes the connection.
/// </summary>
public sealed class TdsProtocolException : Exception
{
    public TdsProtocolException(string message)
        : base(message)
    {
    }

    public TdsProtocolException()
    {
    }

    public TdsProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
