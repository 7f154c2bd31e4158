using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Procedures;

/// <summary>
/// One argument of EXEC as the procedure receives it: the name (with @) when passed by name, the value as a
/// CLR object (null, bool, byte, short, int, long, float, double, decimal, string, byte[], DateTime, TimeSpan,
/// Guid) with its T-SQL type, and whether it was marked OUTPUT.
/// </summary>
public sealed record ProcedureArgument(string? Name, object? Value, SqlType? Type, bool Output = false);

/// <summary>What a system procedure can use while it runs in a session.</summary>
public interface IProcedureContext
{
    StorageConnection Connection { get; }

    IResultSink Sink { get; }

    CancellationToken Cancellation { get; }

    /// <summary>The session's current database name.</summary>
    string Database { get; }

    /// <summary>The login name of the session ("sa" for the embedded runner).</summary>
    string Login { get; }

    ITranslationContext Translation { get; }

    /// <summary>
    /// Runs a DuckDB query and sends its rows to the client as one result set (<paramref name="columns"/>
    /// renames and retypes the result when given); <paramref name="parameters"/> bind to $1..$n.
    /// </summary>
    void SendQuery(string sql, IReadOnlyList<ResultColumn>? columns, params object?[] parameters);
}

/// <summary>
/// A procedure implemented in C# (sp_help, sp_register_model, ...). Errors are thrown as EngineException
/// with SQL Server's number, severity and state; the session reports them like any statement error.
/// </summary>
public interface ISystemProcedure
{
    /// <summary>The name EXEC uses, e.g. "sp_help" (matched case-insensitively, with or without a "dbo."/"sys." prefix).</summary>
    string Name { get; }

    /// <summary>Runs the procedure and returns its return status (0 for success).</summary>
    int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments);
}
