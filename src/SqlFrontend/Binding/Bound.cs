using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// A translated expression: DuckDB SQL and its T-SQL type (null for an untyped NULL). T-SQL has no boolean
/// values, so a predicate is marked and may only appear where a condition is expected.
/// </summary>
internal readonly record struct Bound(string Sql, SqlType? Type, bool IsPredicate = false, bool Nullable = true);

/// <summary>A column a query produces: its T-SQL name (empty when SQL Server shows none) and type.</summary>
internal sealed record OutputColumn(string Name, SqlType Type, bool Nullable = true);

/// <summary>A translated query: its SQL and its columns in order.</summary>
internal sealed record QueryResult(string Sql, IReadOnlyList<OutputColumn> Columns);
