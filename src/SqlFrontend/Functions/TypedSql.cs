using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

/// <summary>DuckDB SQL text and the T-SQL type of its value (null for an untyped NULL literal).</summary>
public readonly record struct TypedSql(string Sql, SqlType? Type);

/// <summary>What the system functions (DB_NAME, SUSER_NAME, HOST_NAME...) report for the current session.</summary>
public sealed record FunctionContext(string Database, string Login, string ServerName)
{
    /// <summary>The client's workstation name from LOGIN7 (HOST_NAME()); the server's machine name when unknown.</summary>
    public string? HostName { get; init; }

    /// <summary>The client's application name from LOGIN7 (APP_NAME()).</summary>
    public string? ApplicationName { get; init; }
}
