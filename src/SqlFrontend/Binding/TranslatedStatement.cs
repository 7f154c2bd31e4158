using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// One DuckDB statement. Variables and batch parameters become positional parameters <c>$1..$n</c>;
/// <see cref="Parameters"/> lists, in order, the variable name (with @) each position takes.
/// </summary>
public sealed record TranslatedCommand(string Sql, IReadOnlyList<string> Parameters);

/// <summary>A result column as SQL Server would describe it: the name clients see and the T-SQL type.</summary>
public sealed record ResultColumn(string Name, SqlType Type);

/// <summary>
/// What one T-SQL statement becomes. <see cref="Commands"/> run in order in one storage transaction scope;
/// the last one produces the statement's rows or count. For a SELECT, <see cref="Columns"/> renames and
/// retypes the result (SQL Server names an unaliased expression with an empty name; DuckDB does not).
/// For SELECT @v = ..., <see cref="Assignments"/> gives the variable per result column and no rows are sent.
/// </summary>
public sealed class TranslatedStatement
{
    public required IReadOnlyList<TranslatedCommand> Commands { get; init; }

    public required StatementOutcome Outcome { get; init; }

    public IReadOnlyList<ResultColumn>? Columns { get; init; }

    public IReadOnlyList<string>? Assignments { get; init; }

    /// <summary>The identity sequence an INSERT draws from, so SCOPE_IDENTITY() can be read after it.</summary>
    public string? IdentitySequence { get; init; }

    /// <summary>True when the statement changed the catalog (DDL): the session invalidates its catalog cache.</summary>
    public bool ChangesCatalog { get; init; }
}
