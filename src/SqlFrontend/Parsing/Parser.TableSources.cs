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

    private TableSource ParseJoinedTable() => ParseJoins(ParseTablePrimary());

    /// <summary>
    /// Joins left to right. A join whose right side is followed by another join instead of ON nests:
    /// <c>a JOIN b JOIN c ON b.x = c.x ON a.y = b.y</c> joins a to (b JOIN c), as SQL Server reads it.
    /// </summary>
    private TableSource ParseJoins(TableSource left)
    {
        while (TryParseJoinKind() is { } kind)
        {
            var right = ParseTablePrimary();
            Expression? condition = null;
            if (kind is not (JoinKind.Cross or JoinKind.CrossApply or JoinKind.OuterApply))
            {
                if (!IsWord("ON"))
                {
                    right = Nested(() => ParseJoins(right));
                }

                ExpectWord("ON");
                condition = ParseCondition();
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

    private TableSource ParseTablePrimary() => Nested(ParseTablePrimaryCore);

    private TableSource ParseTablePrimaryCore()
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
        if (Current.Kind == TokenKind.LeftParen && !IsLegacyHintList())
        {
            Advance();
            IReadOnlyList<Expression> arguments = Current.Kind == TokenKind.RightParen ? [] : ParseExpressionList();
            Expect(TokenKind.RightParen);
            var functionAlias = ParseOptionalAlias(allowString: false);
            IReadOnlyList<string> functionColumns = functionAlias is not null && Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
            return new TableFunctionSource { Name = name, Arguments = arguments, Alias = functionAlias, ColumnAliases = functionColumns, Line = line };
        }

        var alias = ParseOptionalAlias(allowString: false);
        var hints = (IsWord("WITH") && PeekToken().Kind == TokenKind.LeftParen) || IsLegacyHintList() ? ParseTableHints() : [];
        return new NamedTableSource { Name = name, Alias = alias, Hints = hints, Line = line };
    }

    /// <summary>WITH (NOLOCK, INDEX(ix), ...): hints are kept upper-cased as written; the engine ignores them.</summary>
    private List<string> ParseTableHints()
    {
        AcceptWord("WITH");
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

    /// <summary>t (NOLOCK): SQL Server still accepts a few hints in parentheses without WITH.</summary>
    private bool IsLegacyHintList() =>
        Current.Kind == TokenKind.LeftParen && PeekToken().Kind == TokenKind.Word
        && PeekToken().Value.ToUpperInvariant() is "NOLOCK" or "READUNCOMMITTED" or "HOLDLOCK" or "UPDLOCK" or "TABLOCK" or "TABLOCKX"
            or "ROWLOCK" or "PAGLOCK" or "READPAST" or "XLOCK" or "NOWAIT" or "SERIALIZABLE" or "REPEATABLEREAD" or "READCOMMITTED";

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
                row.Add(IsWord("DEFAULT") ? new LiteralExpression { Kind = LiteralKind.Default, Line = Advance().Line } : ParseValue());
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen);
            rows.Add(row);
        }
        while (Accept(TokenKind.Comma));
        return rows;
    }
}
