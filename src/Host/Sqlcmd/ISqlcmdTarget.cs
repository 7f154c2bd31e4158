namespace PredictEngine.Host.Sqlcmd;

/// <summary>Where batches run: the embedded engine in-process, or a server over TDS.</summary>
internal interface ISqlcmdTarget : IDisposable
{
    /// <summary>The server name printed in "Msg ..., Server X, Line L" headers.</summary>
    string ServerName { get; }

    /// <summary>Runs one batch, printing everything it produces to <paramref name="output"/> in arrival order.</summary>
    void Execute(string batch, SqlcmdOutput output, int timeoutSeconds);
}
