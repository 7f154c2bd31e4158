using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>FROM lists: named tables with hints, table variables, derived tables, VALUES, table functions, joins, PREDICT, OPENROWSET.</summary>
public sealed partial class Parser
{
    private List<TableSource> ParseFromList()
    {
        var sources = new List<TableSource>();
        do
        {
            sources.Add(ParseJoinedTable());
        }
        while (Accept(TokenKind.Comma));
        return sources;
    }

    private TableSource ParseJoinedTable()
    {
        var left = ParseTablePrimary();
        while (TryParseJoinKind() is { } kind)
        {
            var right = ParseTablePrimary();
            Expression? condition = null;
            if (kind is not (JoinKind.Cross or JoinKind.CrossApply or JoinKind.OuterApply))
            {
                ExpectWord("ON");
                condition = ParseExpression();
            }

            left = new JoinTableSource { Kind = kind, Left = left, Right = right, Condition = condition, Line = left.Line };
        }

        return left;
    }

    private JoinKind? TryParseJoinKind()
    {
        if (AcceptWord("JOIN"))
        {
            return JoinKind.Inner;
        }

        if (IsWord("INNER"))
        {
            Advance();
            ExpectWord("JOIN");
            return JoinKind.Inner;
        }

        if (IsWord("CROSS"))
        {
            Advance();
            if (AcceptWord("APPLY"))
            {
                return JoinKind.CrossApply;
            }

            ExpectWord("JOIN");
            return JoinKind.Cross;
        }

        if (IsWord("OUTER") && IsWordAt(1, "APPLY"))
        {
            _pos += 2;
            return JoinKind.OuterApply;
        }

        JoinKind? outer = Current.Kind != TokenKind.Word ? null : Current.Value.ToUpperInvariant() switch
        {
            "LEFT" => JoinKind.LeftOuter,
            "RIGHT" => JoinKind.RightOuter,
            "FULL" => JoinKind.FullOuter,
            _ => null,
        };
        if (outer is not null)
        {
            Advance();
            AcceptWord("OUTER");
            ExpectWord("JOIN");
        }

        return outer;
    }

    private TableSource ParseTablePrimary()
    {
        var line = Current.Line;
        if (Current.Kind == TokenKind.LeftParen)
        {
            return ParseParenthesizedTableSource();
        }

        if (Current.Kind == TokenKind.Variable)
        {
            var variable = Advance().Value;
            return new VariableTableSource { Variable = variable, Alias = ParseOptionalAlias(allowString: false), Line = line };
        }

        if (IsWord("OPENROWSET") && PeekToken().Kind == TokenKind.LeftParen)
        {
            return ParseOpenRowset();
        }

        if (IsWord("PREDICT") && PeekToken().Kind == TokenKind.LeftParen)
        {
            return ParsePredict();
        }

        var name = ParseObjectName();
        if (Current.Kind == TokenKind.LeftParen)
        {
            Advance();
            IReadOnlyList<Expression> arguments = Current.Kind == TokenKind.RightParen ? [] : ParseExpressionList();
            Expect(TokenKind.RightParen);
            var functionAlias = ParseOptionalAlias(allowString: false);
            IReadOnlyList<string> functionColumns = functionAlias is not null && Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
            return new TableFunctionSource { Name = name, Arguments = arguments, Alias = functionAlias, ColumnAliases = functionColumns, Line = line };
        }

        var alias = ParseOptionalAlias(allowString: false);
        var hints = IsWord("WITH") && PeekToken().Kind == TokenKind.LeftParen ? ParseTableHints() : [];
        return new NamedTableSource { Name = name, Alias = alias, Hints = hints, Line = line };
    }

    /// <summary>WITH (NOLOCK, INDEX(ix), ...): hints are kept upper-cased as written; the engine ignores them.</summary>
    private List<string> ParseTableHints()
    {
        Advance();
        Expect(TokenKind.LeftParen);
        var hints = new List<string>();
        do
        {
            var hint = Expect(TokenKind.Word).Value.ToUpperInvariant();
            if (Current.Kind == TokenKind.LeftParen || (Current.Kind == TokenKind.Equals && hint == "INDEX"))
            {
                var start = _pos;
                if (Accept(TokenKind.Equals))
                {
                    Advance();
                }
                else
                {
                    SkipParenthesized();
                }

                hint += SourceText(start).Replace(" ", string.Empty, StringComparison.Ordinal);
            }

            hints.Add(hint);
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen);
        return hints;
    }

    private TableSource ParseParenthesizedTableSource()
    {
        var line = Current.Line;
        if (PeekToken().IsWord("VALUES"))
        {
            _pos += 2;
            var rows = ParseValuesRows();
            Expect(TokenKind.RightParen);
            var valuesAlias = ParseRequiredAlias();
            IReadOnlyList<string> valuesColumns = Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
            return new ValuesTableSource { Rows = rows, Alias = valuesAlias, ColumnAliases = valuesColumns, Line = line };
        }

        Advance();
        if (IsQueryStart())
        {
            var query = ParseQueryExpression();
            Expect(TokenKind.RightParen);
            var alias = ParseRequiredAlias();
            IReadOnlyList<string> columns = Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
            return new DerivedTableSource { Query = query, Alias = alias, ColumnAliases = columns, Line = line };
        }

        var inner = ParseJoinedTable();
        Expect(TokenKind.RightParen);
        return new ParenthesizedTableSource { Inner = inner, Line = line };
    }

    private string ParseRequiredAlias() => ParseOptionalAlias(allowString: false) ?? throw Error();

    /// <summary>(a, b), (c, d) after VALUES; DEFAULT is allowed as an element for INSERT.</summary>
    private List<IReadOnlyList<Expression>> ParseValuesRows()
    {
        var rows = new List<IReadOnlyList<Expression>>();
        do
        {
            Expect(TokenKind.LeftParen);
            var row = new List<Expression>();
            do
            {
                row.Add(IsWord("DEFAULT") ? new LiteralExpression { Kind = LiteralKind.Default, Line = Advance().Line } : ParseExpression());
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen);
            rows.Add(row);
        }
        while (Accept(TokenKind.Comma));
        return rows;
    }

    /// <summary>PREDICT(MODEL = m, DATA = source AS d [, RUNTIME = ONNX]) WITH (col type [NULL | NOT NULL], ...) [AS] p.</summary>
    private PredictTableSource ParsePredict()
    {
        var line = Advance().Line;
        Expect(TokenKind.LeftParen);
        ExpectWord("MODEL");
        Expect(TokenKind.Equals);
        var model = ParseExpression();
        Expect(TokenKind.Comma);
        ExpectWord("DATA");
        Expect(TokenKind.Equals);
        var data = ParseTablePrimary();
        string? runtime = null;
        if (Accept(TokenKind.Comma))
        {
            ExpectWord("RUNTIME");
            Expect(TokenKind.Equals);
            runtime = ExpectIdentifier();
        }

        Expect(TokenKind.RightParen);
        ExpectWord("WITH");
        var columns = ParseColumnSpecs();
        return new PredictTableSource { Model = model, Data = data, Runtime = runtime, WithColumns = columns, Alias = ParseOptionalAlias(allowString: false), Line = line };
    }

    private List<ColumnSpec> ParseColumnSpecs()
    {
        Expect(TokenKind.LeftParen);
        var columns = new List<ColumnSpec>();
        do
        {
            var line = Current.Line;
            var name = ExpectIdentifier();
            var type = ParseDataType();
            bool? nullable = null;
            if (AcceptWord("NULL"))
            {
                nullable = true;
            }
            else if (IsWord("NOT") && IsWordAt(1, "NULL"))
            {
                _pos += 2;
                nullable = false;
            }

            columns.Add(new ColumnSpec { Name = name, DataType = type, Nullable = nullable, Line = line });
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen);
        return columns;
    }

    /// <summary>OPENROWSET(BULK 'path', SINGLE_BLOB | FORMAT = 'CSV', ...) [WITH (cols)] [AS] alias [(cols)].</summary>
    private OpenRowsetSource ParseOpenRowset()
    {
        var line = Advance().Line;
        Expect(TokenKind.LeftParen);
        ExpectWord("BULK");
        var path = ParsePrimary();
        var options = new List<BulkOption>();
        while (Accept(TokenKind.Comma))
        {
            options.Add(ParseBulkOption());
        }

        Expect(TokenKind.RightParen);
        IReadOnlyList<ColumnSpec> withColumns = IsWord("WITH") && PeekToken().Kind == TokenKind.LeftParen && Advance().Kind == TokenKind.Word ? ParseColumnSpecs() : [];
        var alias = ParseOptionalAlias(allowString: false);
        IReadOnlyList<string> aliases = alias is not null && Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
        return new OpenRowsetSource { Path = path, Options = options, WithColumns = withColumns, Alias = alias, ColumnAliases = aliases, Line = line };
    }

    /// <summary>NAME = value or a bare NAME (SINGLE_BLOB); the name is upper-cased.</summary>
    private BulkOption ParseBulkOption()
    {
        var line = Current.Line;
        var name = Expect(TokenKind.Word).Value.ToUpperInvariant();
        var value = Accept(TokenKind.Equals) ? ParseUnary() : null;
        return new BulkOption { Name = name, Value = value, Line = line };
    }
}
