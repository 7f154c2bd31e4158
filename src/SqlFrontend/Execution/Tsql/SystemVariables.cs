using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>
/// The @@ variables the session provides, and the ERROR_*()/SCOPE_IDENTITY()/XACT_STATE() functions the
/// translator reads as variables of the same form. Their types are SQL Server's.
/// </summary>
internal static class SystemVariables
{
    private static readonly Dictionary<string, SqlType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@@ROWCOUNT"] = SqlType.Int,
        ["@@ERROR"] = SqlType.Int,
        ["@@TRANCOUNT"] = SqlType.Int,
        ["@@SPID"] = SqlType.SmallInt,
        ["@@VERSION"] = SqlType.NVarChar(300),
        ["@@SERVERNAME"] = SqlType.NVarChar(128),
        ["@@SERVICENAME"] = SqlType.NVarChar(128),
        ["@@IDENTITY"] = SqlType.Decimal(38, 0),
        ["@@SCOPE_IDENTITY"] = SqlType.Decimal(38, 0),
        ["@@LANGUAGE"] = SqlType.NVarChar(128),
        ["@@LANGID"] = SqlType.SmallInt,
        ["@@MAX_PRECISION"] = SqlType.TinyInt,
        ["@@DATEFIRST"] = SqlType.TinyInt,
        ["@@NESTLEVEL"] = SqlType.Int,
        ["@@PROCID"] = SqlType.Int,
        ["@@LOCK_TIMEOUT"] = SqlType.Int,
        ["@@TEXTSIZE"] = SqlType.Int,
        ["@@MAX_CONNECTIONS"] = SqlType.Int,
        ["@@OPTIONS"] = SqlType.Int,
        ["@@ERROR_NUMBER"] = SqlType.Int,
        ["@@ERROR_MESSAGE"] = SqlType.NVarChar(4000),
        ["@@ERROR_SEVERITY"] = SqlType.Int,
        ["@@ERROR_STATE"] = SqlType.Int,
        ["@@ERROR_LINE"] = SqlType.Int,
        ["@@ERROR_PROCEDURE"] = SqlType.NVarChar(128),
        ["@@XACT_STATE"] = SqlType.SmallInt,
    };

    public static VariableInfo? Find(string name) =>
        Types.TryGetValue(name, out var type) ? new VariableInfo(name.ToUpperInvariant(), type) : null;

    public static string Version(Version server) =>
        $"Microsoft SQL Server 2022 (RTM) - {server.Major}.{server.Minor}.{server.Build}.0 (X64) - compatible PredictEngine {typeof(SystemVariables).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"} on {Environment.OSVersion.Platform} {Environment.OSVersion.Version} (DuckDB storage, ONNX Runtime scoring)";
}
