using PredictEngine.SqlFrontend.Tds.Server;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>The values of the session's @@ variables.</summary>
public sealed partial class TsqlBatchExecutor
{
    private object? SystemValue(string name) => name.ToUpperInvariant() switch
    {
        "@@ROWCOUNT" => (int)Math.Min(_rowCount, int.MaxValue),
        "@@ERROR" => _lastError,
        "@@TRANCOUNT" => TranCount,
        "@@SPID" => (short)SessionId,
        "@@VERSION" => SystemVariables.Version(TdsConnection.ServerVersion),
        "@@SERVERNAME" => ServerName,
        "@@SERVICENAME" => "MSSQLSERVER",
        "@@IDENTITY" => _identity,
        "@@SCOPE_IDENTITY" => _scopeIdentity,
        "@@LANGUAGE" => "us_english",
        "@@LANGID" => (short)0,
        "@@MAX_PRECISION" => (byte)38,
        "@@DATEFIRST" => (byte)7,
        "@@NESTLEVEL" => _depth,
        "@@PROCID" => 0,
        "@@LOCK_TIMEOUT" => -1,
        "@@TEXTSIZE" => 2147483647,
        "@@MAX_CONNECTIONS" => 32767,
        "@@OPTIONS" => _options.XactAbort ? 5496 | 16384 : 5496,
        "@@ERROR_NUMBER" => _caught?.Number,
        "@@ERROR_MESSAGE" => _caught?.Message,
        "@@ERROR_SEVERITY" => _caught is null ? null : (int)_caught.Severity,
        "@@ERROR_STATE" => _caught is null ? null : (int)_caught.State,
        "@@ERROR_LINE" => _caught?.Line,
        "@@ERROR_PROCEDURE" => null,
        "@@XACT_STATE" => (short)(_transactions.IsOpen ? 1 : 0),
        _ => null,
    };
}
