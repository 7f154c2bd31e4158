using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>FROM: tables, views, CTEs, table variables, derived tables, VALUES, joins and APPLY (DuckDB LATERAL).</summary>
internal sealed partial class Binder
{
    private string From(IReadOnlyList<TableSource> sources, NameScope scope) =>
        string.Join(", ", sources.Select(s => Source(s, scope)));

    private string Source(TableSource source, NameScope scope)
    {
        switch (source)
        {
            case NamedTableSource named:
                return Named(named, scope);
            case VariableTableSource variable:
                var table = TableVariable(variable.Variable, variable.Line);
                return AddTable(table, [variable.Alias ?? variable.Variable], scope, variable.Line);
            case DerivedTableSource derived:
                return Derived(Query(derived.Query, scope.Parent), derived.Alias, derived.ColumnAliases, scope, derived.Line);
            case ValuesTableSource values:
                return Derived(ValuesQuery(values.Rows, scope.Parent, values.Line), values.Alias, values.ColumnAliases, scope, values.Line);
            case TableFunctionSource function:
                return TableFunction(function, scope);
            case JoinTableSource join:
                return Join(join, scope);
            case ParenthesizedTableSource parenthesized:
                return "(" + Source(parenthesized.Inner, scope) + ")";
            case PredictTableSource predict:
                return Predict(predict, scope);
            case OpenRowsetSource openRowset:
                return OpenRowset(openRowset, scope);
            default:
                throw NotSupported(source.GetType().Name, source.Line);
        }
    }

    private string Named(NamedTableSource named, NameScope scope)
    {
        if (FindCte(named.Name) is { } cte)
        {
            var alias = NextAlias();
            var columns = cte.Columns.Select(c => new ScopeColumn(c.Name, c.Type, c.Nullable, c.Name)).ToList();
            scope.Add(new ScopeSource([named.Alias ?? named.Name.Name], alias, columns), named.Line);
            return $"{SqlText.Quote(cte.SqlName)} AS {SqlText.Quote(alias)}";
        }

        if (_pendingCte is { } pending && named.Name.Parts.Count == 1 && string.Equals(pending, named.Name.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new RecursiveReference();
        }

        var table = RequireTable(named.Name);
        IReadOnlyList<string> exposed = named.Alias is { } a ? [a] : [table.Schema, table.Name];
        return AddTable(table, exposed, scope, named.Line);
    }

    private string AddTable(TableInfo table, IReadOnlyList<string> exposed, NameScope scope, int line)
    {
        var alias = NextAlias();
        var columns = table.Columns.Select(c => new ScopeColumn(c.Name, c.Type, c.Nullable, c.Name)).ToList();
        scope.Add(new ScopeSource(exposed, alias, columns, table), line);
        return $"{table.StorageName} AS {SqlText.Quote(alias)}";
    }

    private string Derived(QueryResult result, string? name, IReadOnlyList<string> aliases, NameScope scope, int line)
    {
        var owner = name ?? throw new EngineException(102, 15, 1, "A derived table must have an alias.") { Line = line };
        var names = ColumnNames(result, aliases, owner, line);
        var alias = NextAlias();
        var columns = result.Columns.Select((c, i) => new ScopeColumn(names[i], c.Type, c.Nullable, names[i])).ToList();
        scope.Add(new ScopeSource([owner], alias, columns), line);
        return $"({result.Sql}) AS {SqlText.Quote(alias)}({string.Join(", ", names.Select(SqlText.Quote))})";
    }

    /// <summary>VALUES rows as a query; each column takes the common type of its values.</summary>
    private QueryResult ValuesQuery(IReadOnlyList<IReadOnlyList<Expression>> rows, NameScope? outer, int line)
    {
        var scope = new NameScope(outer);
        var bound = rows.Select(r => r.Select(v => Value(v, scope)).ToList()).ToList();
        var width = bound[0].Count;
        if (bound.Any(r => r.Count != width))
        {
            throw new EngineException(10709, 16, 1, "The number of columns for each row in a table value constructor must be the same.") { Line = line };
        }

        var types = Enumerable.Range(0, width).Select(i => bound.Aggregate((SqlType?)null, (t, r) => TypeRules.Common(t, r[i].Type)) ?? SqlType.Int).ToList();
        var sql = "VALUES " + string.Join(", ", bound.Select(r => "(" + string.Join(", ", r.Select((v, i) => Convert(v, types[i]).Sql)) + ")"));
        return new QueryResult(sql, types.Select((t, i) => new OutputColumn(string.Empty, t, bound.Any(r => r[i].Nullable))).ToList());
    }

    private string TableFunction(TableFunctionSource function, NameScope scope)
    {
        var name = function.Name.Name.ToUpperInvariant();
        var args = function.Arguments.Select(a => Value(a, scope)).ToList();
        QueryResult result = name switch
        {
            "STRING_SPLIT" when args.Count == 2 => new QueryResult(
                $"SELECT unnest(string_split({args[0].Sql}, {args[1].Sql})) AS \"value\"",
                [new OutputColumn("value", args[0].Type is { IsString: true } t ? t : SqlType.NVarChar(SqlType.MaxLength))]),
            // DuckDB's table function streams the series, and an interrupt stops it; the list function
            // (unnest(generate_series(...))) would build the whole series in memory first, uninterruptibly.
            "GENERATE_SERIES" when args.Count is 2 or 3 => new QueryResult(
                $"SELECT CAST(s.generate_series AS INTEGER) AS \"value\" FROM generate_series({string.Join(", ", args.Select(a => Convert(a, SqlType.BigInt).Sql))}) AS s",
                [new OutputColumn("value", SqlType.Int, false)]),
            _ => throw new EngineException(208, 16, 1, $"Invalid object name '{function.Name}'.") { Line = function.Line },
        };
        return Derived(result, function.Alias ?? function.Name.Name, function.ColumnAliases, scope, function.Line);
    }

    private string Join(JoinTableSource join, NameScope scope)
    {
        var left = Source(join.Left, scope);
        if (join.Kind is JoinKind.CrossApply or JoinKind.OuterApply)
        {
            // The right side of APPLY sees the left side's columns: a DuckDB LATERAL subquery.
            var right = Lateral(join.Right, scope);
            return join.Kind == JoinKind.CrossApply ? $"{left} CROSS JOIN LATERAL {right}" : $"{left} LEFT JOIN LATERAL {right} ON TRUE";
        }

        var rightSql = Source(join.Right, scope);
        if (join.Kind == JoinKind.Cross)
        {
            return $"{left} CROSS JOIN {rightSql}";
        }

        var keyword = join.Kind switch
        {
            JoinKind.Inner => "INNER JOIN",
            JoinKind.LeftOuter => "LEFT JOIN",
            JoinKind.RightOuter => "RIGHT JOIN",
            _ => "FULL JOIN",
        };
        var condition = join.Condition is null ? "TRUE" : Condition(join.Condition, scope).Sql;
        return $"{left} {keyword} {rightSql} ON {condition}";
    }

    private string Lateral(TableSource right, NameScope scope) => right switch
    {
        DerivedTableSource derived => Derived(Query(derived.Query, scope), derived.Alias, derived.ColumnAliases, scope, derived.Line),
        TableFunctionSource function => TableFunction(function, scope),
        _ => Source(right, scope),
    };

    /// <summary>Thrown when a CTE's query names the CTE itself: it is recursive and needs its anchor typed first.</summary>
    private sealed class RecursiveReference : Exception
    {
    }
}
