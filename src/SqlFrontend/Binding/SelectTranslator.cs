using System.Text;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>Queries: SELECT blocks, set operations, ORDER BY, TOP and OFFSET/FETCH.</summary>
internal sealed partial class Binder
{
    /// <summary>One select-list entry after * expansion: its SQL, T-SQL name and type.</summary>
    private sealed record SelectEntry(Bound Value, string Name);

    public QueryResult Query(QueryExpression query, NameScope? outer) => query switch
    {
        QuerySpecification spec => Specification(spec, outer, assignments: null),
        BinaryQueryExpression binary => Ordered(SetOperation(binary, outer), binary),
        ParenthesizedQuery parenthesized => Ordered(Query(parenthesized.Query, outer), parenthesized),
        _ => throw NotSupported(query.GetType().Name, query.Line),
    };

    private QueryResult SetOperation(BinaryQueryExpression binary, NameScope? outer)
    {
        var left = Query(binary.Left, outer);
        var right = Query(binary.Right, outer);
        if (left.Columns.Count != right.Columns.Count)
        {
            throw new EngineException(205, 16, 1,
                "All queries combined using a UNION, INTERSECT or EXCEPT operator must have an equal number of expressions in their target lists.") { Line = binary.Line };
        }

        var op = binary.Operator switch
        {
            SetOperator.Union => "UNION",
            SetOperator.UnionAll => "UNION ALL",
            SetOperator.Intersect => "INTERSECT",
            _ => "EXCEPT",
        };
        var columns = left.Columns.Zip(right.Columns, (l, r) => new OutputColumn(l.Name, TypeRules.Common(l.Type, r.Type) ?? l.Type, l.Nullable || r.Nullable)).ToList();
        return new QueryResult($"({Conform(left, columns)}) {op} ({Conform(right, columns)})", columns);
    }

    /// <summary>
    /// One side of a set operation converted to the combined column types where they differ, so a string meeting a
    /// number converts (or fails, Msg 245) as in SQL Server instead of DuckDB widening everything to VARCHAR.
    /// </summary>
    private string Conform(QueryResult side, List<OutputColumn> columns)
    {
        if (side.Columns.Zip(columns).All(p => TypeRules.Duck(p.First.Type) == TypeRules.Duck(p.Second.Type)))
        {
            return side.Sql;
        }

        var alias = NextAlias("q");
        var names = Enumerable.Range(1, columns.Count).Select(i => "c" + TypeRules.Number(i)).ToArray();
        var items = columns.Select((c, i) =>
            Convert(new Bound($"{SqlText.Quote(alias)}.{SqlText.Quote(names[i])}", side.Columns[i].Type), c.Type).Sql + " AS " + SqlText.Quote(names[i]));
        return $"SELECT {string.Join(", ", items)} FROM ({side.Sql}) AS {SqlText.Quote(alias)}({string.Join(", ", names.Select(SqlText.Quote))})";
    }

    /// <summary>ORDER BY / OFFSET on a set operation or parenthesized query: by output name or ordinal.</summary>
    private QueryResult Ordered(QueryResult inner, QueryExpression query)
    {
        if (query.OrderBy.Count == 0 && query.Offset is null)
        {
            return inner;
        }

        var alias = NextAlias("q");
        var names = Enumerable.Range(1, inner.Columns.Count).Select(i => "c" + TypeRules.Number(i)).ToArray();
        var keys = query.OrderBy.Select(item =>
        {
            var index = OutputIndex(item.Expression, inner.Columns);
            var column = inner.Columns[index];
            return OrderKey(new Bound(SqlText.Quote(alias) + "." + SqlText.Quote(names[index]), column.Type), item.Descending);
        });
        var sb = new StringBuilder($"SELECT * FROM ({inner.Sql}) AS {SqlText.Quote(alias)}({string.Join(", ", names.Select(SqlText.Quote))})");
        if (query.OrderBy.Count > 0)
        {
            sb.Append(" ORDER BY ").Append(string.Join(", ", keys));
        }

        AppendOffset(sb, query, new NameScope(null));
        return inner with { Sql = sb.ToString() };
    }

    private static int OutputIndex(Expression expression, IReadOnlyList<OutputColumn> columns)
    {
        if (expression is LiteralExpression { Kind: LiteralKind.Integer } ordinal)
        {
            var position = int.Parse(ordinal.Value, System.Globalization.CultureInfo.InvariantCulture);
            return position >= 1 && position <= columns.Count
                ? position - 1
                : throw new EngineException(108, 16, 1, $"The ORDER BY position number {position} is out of range of the number of items in the select list.") { Line = expression.Line };
        }

        if (expression is ColumnReference column)
        {
            var index = columns.ToList().FindIndex(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index;
            }

            throw new EngineException(ErrorNumbers.InvalidColumnName, 16, 1, $"Invalid column name '{column.Name}'.") { Line = expression.Line };
        }

        throw new EngineException(104, 16, 1, "ORDER BY items must appear in the select list if the statement contains a UNION, INTERSECT or EXCEPT operator.") { Line = expression.Line };
    }

    private void AppendOffset(StringBuilder sb, QueryExpression query, NameScope scope)
    {
        if (query.Offset is null)
        {
            return;
        }

        if (query.OrderBy.Count == 0)
        {
            throw new EngineException(102, 15, 1, "Incorrect syntax near 'OFFSET'.") { Line = query.Line };
        }

        if (query.Fetch is { } fetch)
        {
            sb.Append(" LIMIT ").Append(Convert(Value(fetch, scope), SqlType.BigInt).Sql);
        }

        sb.Append(" OFFSET ").Append(Convert(Value(query.Offset, scope), SqlType.BigInt).Sql);
    }

    private QueryResult Specification(QuerySpecification spec, NameScope? outer, List<string>? assignments)
    {
        var scope = new NameScope(outer);
        var sb = new StringBuilder("SELECT ");
        var from = spec.From.Count == 0 ? null : From(spec.From, scope);
        var entries = SelectList(spec, scope, assignments);
        if (spec.Distinct)
        {
            sb.Append("DISTINCT ");
        }

        sb.Append(string.Join(", ", entries.Select(e => e.Name.Length == 0 ? e.Value.Sql : $"{e.Value.Sql} AS {SqlText.Quote(e.Name)}")));
        if (from is not null)
        {
            sb.Append(" FROM ").Append(from);
        }

        if (spec.Where is not null)
        {
            sb.Append(" WHERE ").Append(Condition(spec.Where, scope).Sql);
        }

        if (spec.GroupBy.Count > 0)
        {
            sb.Append(" GROUP BY ").Append(string.Join(", ", spec.GroupBy.Select(g => Value(g, scope).Sql)));
        }

        if (spec.Having is not null)
        {
            sb.Append(" HAVING ").Append(Condition(spec.Having, scope).Sql);
        }

        var keys = spec.OrderBy.Select(o => (Key: OrderExpression(o.Expression, entries, scope), o.Descending)).ToList();
        if (spec.Top is { } top)
        {
            var count = Value(top.Count, scope);
            if (top.WithTies && keys.Count == 0)
            {
                throw new EngineException(1062, 16, 1, "The TOP N WITH TIES clause is not allowed without a corresponding ORDER BY clause.") { Line = top.Line };
            }

            var window = string.Join(", ", keys.Select(k => OrderKey(k.Key, k.Descending)));
            if (top.Percent)
            {
                // SQL Server rounds a percentage of rows up.
                sb.Append($" QUALIFY row_number() OVER (ORDER BY {(window.Length == 0 ? "1" : window)}) <= ceil(count(*) OVER () * CAST({count.Sql} AS DOUBLE) / 100.0)");
            }
            else if (top.WithTies)
            {
                sb.Append($" QUALIFY rank() OVER (ORDER BY {window}) <= {Convert(count, SqlType.BigInt).Sql}");
            }

            AppendOrder(sb, keys);
            if (!top.Percent && !top.WithTies)
            {
                sb.Append(" LIMIT ").Append(Convert(count, SqlType.BigInt).Sql);
            }
        }
        else
        {
            AppendOrder(sb, keys);
            AppendOffset(sb, spec, scope);
        }

        var columns = entries.Select(e => new OutputColumn(e.Name, e.Value.Type ?? SqlType.Int, e.Value.Nullable)).ToList();
        return new QueryResult(sb.ToString(), columns);
    }

    private static void AppendOrder(StringBuilder sb, List<(Bound Key, bool Descending)> keys)
    {
        if (keys.Count > 0)
        {
            sb.Append(" ORDER BY ").Append(string.Join(", ", keys.Select(k => OrderKey(k.Key, k.Descending))));
        }
    }

    /// <summary>An ORDER BY item: an ordinal or select-list alias names an entry; anything else is an expression over FROM.</summary>
    private Bound OrderExpression(Expression expression, IReadOnlyList<SelectEntry> entries, NameScope scope)
    {
        if (expression is LiteralExpression { Kind: LiteralKind.Integer })
        {
            return entries[OutputIndex(expression, entries.Select(e => new OutputColumn(e.Name, e.Value.Type ?? SqlType.Int)).ToList())].Value;
        }

        if (expression is ColumnReference { Parts.Count: 1 } column)
        {
            var matches = entries.Where(e => string.Equals(e.Name, column.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count >= 1 && matches.Select(m => m.Value.Sql).Distinct(StringComparer.Ordinal).Count() == 1)
            {
                return matches[0].Value;
            }
        }

        return Value(expression, scope);
    }
}
