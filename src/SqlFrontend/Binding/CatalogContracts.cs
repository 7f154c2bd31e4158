using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// A column as T-SQL sees it. DuckDB keeps only its own types, so the declared T-SQL type travels in the
/// column's DuckDB comment (see <c>docs/architecture.md</c>, "Catalog conventions"): <c>nvarchar(50)</c>,
/// <c>int IDENTITY(1,1)</c>. A column without such a comment is typed from its DuckDB type.
/// </summary>
public sealed record ColumnInfo(string Name, SqlType Type, bool Nullable, bool IsIdentity = false);

/// <summary>
/// A table or view found by name. <see cref="StorageName"/> is the quoted DuckDB name to emit
/// (<c>"main"."t"</c>, <c>"temp"."main"."#t"</c>); <see cref="Schema"/> is the T-SQL schema (<c>dbo</c> for DuckDB's main).
/// </summary>
public sealed record TableInfo(
    string Schema,
    string Name,
    string StorageName,
    IReadOnlyList<ColumnInfo> Columns,
    bool IsView = false,
    string? IdentitySequence = null)
{
    /// <summary>The table's DuckDB indexes (CREATE INDEX): DuckDB cannot alter a table that has any, so ALTER TABLE drops and recreates them.</summary>
    public IReadOnlyList<IndexInfo> Indexes { get; init; } = [];
}

/// <summary>A DuckDB index: its quoted, schema-qualified name and the SQL that created it.</summary>
public sealed record IndexInfo(string StorageName, string Sql);

/// <summary>Looks up tables by T-SQL name. Implementations cache per batch; DDL calls <see cref="Invalidate"/>.</summary>
public interface ICatalog
{
    /// <summary>The table or view a (1- to 3-part) name refers to, or null when none exists.</summary>
    TableInfo? FindTable(ObjectName name);

    bool SchemaExists(string schema);

    void Invalidate();
}

/// <summary>A declared variable: a scalar with its type, or a table variable (backed by a temp table).</summary>
public sealed record VariableInfo(string Name, SqlType? Type, TableInfo? Table = null);

/// <summary>What the translator needs from the session: the catalog and the variables in scope.</summary>
public interface ITranslationContext
{
    ICatalog Catalog { get; }

    /// <summary>The variable, or null when it is not declared (Msg 137 "Must declare the scalar variable").</summary>
    VariableInfo? FindVariable(string name);

    /// <summary>The session's current database name (DB_NAME()).</summary>
    string Database { get; }

    /// <summary>
    /// Evaluates an expression that must be known before the statement is translated (PREDICT's MODEL: a
    /// literal, a variable or a scalar subquery) by running it in the session; returns the CLR value or null.
    /// </summary>
    object? Evaluate(Expression expression);

    /// <summary>What DB_NAME(), SUSER_NAME(), HOST_NAME()... report; sessions override the default with their login.</summary>
    Functions.FunctionContext FunctionContext => new(Database, "sa", Environment.MachineName);

    /// <summary>Plans PREDICT table sources; null where the session has no model registry (PREDICT is then refused).</summary>
    Predict.PredictPlanner? Predict => null;

    /// <summary>Which server files OPENROWSET(BULK ...) and BULK INSERT may read; null refuses them.</summary>
    Files.FileAccessPolicy? FileAccess => null;
}
