using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>DROP and TRUNCATE TABLE.</summary>
public sealed partial class Parser
{
    private bool AcceptIfExists()
    {
        if (IsWord("IF") && IsWordAt(1, "EXISTS"))
        {
            _pos += 2;
            return true;
        }

        return false;
    }

    private Statement ParseDrop()
    {
        var line = Advance().Line;
        var word = Current.Kind == TokenKind.Word ? Current.Value.ToUpperInvariant() : string.Empty;
        DropObjectKind? kind = word switch
        {
            "TABLE" => DropObjectKind.Table,
            "VIEW" => DropObjectKind.View,
            "SCHEMA" => DropObjectKind.Schema,
            "INDEX" => DropObjectKind.Index,
            "PROCEDURE" or "PROC" => DropObjectKind.Procedure,
            "FUNCTION" => DropObjectKind.Function,
            "TRIGGER" or "TYPE" or "SEQUENCE" or "USER" or "LOGIN" or "DATABASE" or "SYNONYM" or "ROLE" => null,
            _ => throw Error(),
        };
        if (kind is null)
        {
            return SkipStatement("DROP " + word, line);
        }

        Advance();
        var ifExists = AcceptIfExists();
        if (kind == DropObjectKind.Index)
        {
            var first = ParseObjectName();
            if (AcceptWord("ON"))
            {
                return new DropStatement { Kind = kind.Value, Names = [first], OnTable = ParseObjectName(), IfExists = ifExists, Line = line };
            }

            if (first.Parts.Count < 2)
            {
                throw Error();
            }

            var index = new ObjectName { Parts = [first.Name], Line = first.Line };
            var onTable = new ObjectName { Parts = first.Parts.Take(first.Parts.Count - 1).ToList(), Line = first.Line };
            return new DropStatement { Kind = kind.Value, Names = [index], OnTable = onTable, IfExists = ifExists, Line = line };
        }

        var names = new List<ObjectName>();
        do
        {
            names.Add(ParseObjectName());
        }
        while (Accept(TokenKind.Comma));
        return new DropStatement { Kind = kind.Value, Names = names, IfExists = ifExists, Line = line };
    }

    private TruncateTableStatement ParseTruncate()
    {
        var line = Advance().Line;
        ExpectWord("TABLE");
        return new TruncateTableStatement { Table = ParseObjectName(), Line = line };
    }
}
