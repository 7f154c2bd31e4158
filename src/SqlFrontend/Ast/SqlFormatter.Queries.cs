namespace PredictEngine.SqlFrontend.Ast;

/// <summary>Queries, select items, CTEs and table sources.</summary>
public static partial class SqlFormatter
{
    private static string Query(QueryExpression query)
    {
        var text = query switch
        {
            QuerySpecification spec => Specification(spec),
            BinaryQueryExpression binary => $"{Query(binary.Left)} {SetOperator(binary.Operator)} {Query(binary.Right)}",
            ParenthesizedQuery parenthesized => $"({Query(parenthesized.Query)})",
            _ => throw new ArgumentException($"Cannot format a {query.GetType().Name}.", nameof(query)),
        };
        if (query.OrderBy.Count > 0)
        {
            text += " ORDER BY " + string.Join(", ", query.OrderBy.Select(OrderByItem));
        }

        if (query.Offset is { } offset)
        {
            text += $" OFFSET {Expression(offset)} ROWS";
            if (query.Fetch is { } fetch)
            {
                text += $" FETCH NEXT {Expression(fetch)} ROWS ONLY";
            }
        }

        return text;
    }

    private static string SetOperator(SetOperator op) => op switch
    {
        Ast.SetOperator.Union => "UNION",
        Ast.SetOperator.UnionAll => "UNION ALL",
        Ast.SetOperator.Intersect => "INTERSECT",
        _ => "EXCEPT",
    };

    private static string Specification(QuerySpecification spec)
    {
        var text = "SELECT " + (spec.Distinct ? "DISTINCT " : string.Empty) + (spec.Top is { } top ? Top(top) : string.Empty);
        text += string.Join(", ", spec.SelectItems.Select(SelectItem));
        if (spec.Into is { } into)
        {
            text += " INTO " + Name(into);
        }

        if (spec.From.Count > 0)
        {
            text += " FROM " + string.Join(", ", spec.From.Select(TableSource));
        }

        if (spec.Where is { } where)
        {
            text += " WHERE " + Expression(where);
        }

        if (spec.GroupBy.Count > 0)
        {
            text += " GROUP BY " + List(spec.GroupBy);
        }

        if (spec.Having is { } having)
        {
            text += " HAVING " + Expression(having);
        }

        return text;
    }

    /// <summary>"TOP (n) [PERCENT] [WITH TIES] " with its trailing space.</summary>
    private static string Top(TopClause top) =>
        $"TOP ({Expression(top.Count)}) " + (top.Percent ? "PERCENT " : string.Empty) + (top.WithTies ? "WITH TIES " : string.Empty);

    private static string SelectItem(SelectItem item) => item switch
    {
        SelectColumn column => Expression(column.Expression) + Alias(column.Alias),
        SelectStar star => star.Qualifier.Count == 0 ? "*" : Parts(star.Qualifier) + ".*",
        SelectAssignment assignment => $"{assignment.Variable} {Assign(assignment.CompoundOperator)} {Expression(assignment.Expression)}",
        _ => throw new ArgumentException($"Cannot format a {item.GetType().Name}.", nameof(item)),
    };

    private static string Alias(string? alias) => alias is null ? string.Empty : " AS " + Identifier(alias);

    private static string AliasWithColumns(string? alias, IReadOnlyList<string> columns) =>
        Alias(alias) + (columns.Count > 0 ? IdentifierList(columns) : string.Empty);

    /// <summary>"WITH a (x) AS (...), b AS (...) " with its trailing space; empty without CTEs.</summary>
    private static string With(IReadOnlyList<CommonTableExpression> ctes) => ctes.Count == 0
        ? string.Empty
        : "WITH " + string.Join(", ", ctes.Select(c => Identifier(c.Name) + (c.Columns.Count > 0 ? " " + IdentifierList(c.Columns) : string.Empty) + $" AS ({Query(c.Query)})")) + " ";

    private static string TableSource(TableSource source) => source switch
    {
        NamedTableSource named => Name(named.Name) + Alias(named.Alias) + (named.Hints.Count > 0 ? $" WITH ({string.Join(", ", named.Hints)})" : string.Empty),
        VariableTableSource variable => variable.Variable + Alias(variable.Alias),
        DerivedTableSource derived => $"({Query(derived.Query)})" + AliasWithColumns(derived.Alias, derived.ColumnAliases),
        ValuesTableSource values => $"(VALUES {Rows(values.Rows)})" + AliasWithColumns(values.Alias, values.ColumnAliases),
        TableFunctionSource function => $"{FunctionName(function.Name)}({List(function.Arguments)})" + AliasWithColumns(function.Alias, function.ColumnAliases),
        JoinTableSource join => Join(join),
        ParenthesizedTableSource parenthesized => $"({TableSource(parenthesized.Inner)})" + Alias(parenthesized.Alias),
        PredictTableSource predict => Predict(predict),
        OpenRowsetSource openRowset => OpenRowset(openRowset),
        _ => throw new ArgumentException($"Cannot format a {source.GetType().Name}.", nameof(source)),
    };

    private static string Rows(IEnumerable<IReadOnlyList<Expression>> rows) => string.Join(", ", rows.Select(r => $"({List(r)})"));

    private static string Join(JoinTableSource join)
    {
        var keyword = join.Kind switch
        {
            JoinKind.Inner => "JOIN",
            JoinKind.LeftOuter => "LEFT JOIN",
            JoinKind.RightOuter => "RIGHT JOIN",
            JoinKind.FullOuter => "FULL JOIN",
            JoinKind.Cross => "CROSS JOIN",
            JoinKind.CrossApply => "CROSS APPLY",
            _ => "OUTER APPLY",
        };
        var text = $"{TableSource(join.Left)} {keyword} {TableSource(join.Right)}";
        return join.Condition is { } condition ? text + " ON " + Expression(condition) : text;
    }

    private static string Predict(PredictTableSource predict)
    {
        var text = $"PREDICT(MODEL = {Expression(predict.Model)}, DATA = {TableSource(predict.Data)}";
        if (predict.Runtime is { } runtime)
        {
            text += ", RUNTIME = " + Identifier(runtime);
        }

        return text + $") WITH ({string.Join(", ", predict.WithColumns.Select(ColumnSpec))})" + Alias(predict.Alias);
    }

    private static string ColumnSpec(ColumnSpec spec) =>
        $"{Identifier(spec.Name)} {DataType(spec.DataType)}" + spec.Nullable switch
        {
            true => " NULL",
            false => " NOT NULL",
            null => string.Empty,
        };

    private static string BulkOption(BulkOption option) => option.Value is { } value ? $"{option.Name} = {Expression(value)}" : option.Name;

    private static string OpenRowset(OpenRowsetSource source)
    {
        var text = "OPENROWSET(BULK " + Expression(source.Path) + string.Concat(source.Options.Select(o => ", " + BulkOption(o))) + ")";
        if (source.WithColumns.Count > 0)
        {
            text += $" WITH ({string.Join(", ", source.WithColumns.Select(ColumnSpec))})";
        }

        return text + AliasWithColumns(source.Alias, source.ColumnAliases);
    }
}
