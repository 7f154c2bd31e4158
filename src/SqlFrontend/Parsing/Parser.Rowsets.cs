using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>PREDICT and OPENROWSET(BULK ...) table sources, their WITH column lists and bulk options.</summary>
public sealed partial class Parser
{
    /// <summary>PREDICT(MODEL = m, DATA = source AS d [, RUNTIME = ONNX]) WITH (col type [NULL | NOT NULL], ...) [AS] p.</summary>
    private PredictTableSource ParsePredict()
    {
        var line = Advance().Line;
        Expect(TokenKind.LeftParen);
        ExpectWord("MODEL");
        Expect(TokenKind.Equals);
        var model = ParseValue();
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
