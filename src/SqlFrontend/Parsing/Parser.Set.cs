using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>SET @v = e (and compound forms) versus SET option[, option] ON|OFF / SET option value.</summary>
public sealed partial class Parser
{
    private Statement ParseSet()
    {
        var line = Advance().Line;
        if (Current.Kind == TokenKind.Variable)
        {
            var variable = Advance().Value;
            BinaryOperator? compound = null;
            if (Current.Kind == TokenKind.CompoundAssign)
            {
                compound = CompoundOperator(Advance());
            }
            else
            {
                Expect(TokenKind.Equals);
            }

            return new SetVariableStatement { Variable = variable, CompoundOperator = compound, Value = ParseValue(), Line = line };
        }

        if (IsWord("TRANSACTION"))
        {
            Advance();
            ExpectWord("ISOLATION");
            ExpectWord("LEVEL");
            return new SetOptionStatement { Options = ["TRANSACTION ISOLATION LEVEL"], Value = ParseIsolationLevel(), Line = line };
        }

        if (IsWord("IDENTITY_INSERT"))
        {
            Advance();
            var table = ParseObjectName();
            var onOff = AcceptWord("ON") ? "ON" : AcceptWord("OFF") ? "OFF" : throw Error();
            return new SetOptionStatement { Options = ["IDENTITY_INSERT " + Ast.SqlFormatter.Format(table)], Value = onOff, Line = line };
        }

        var options = new List<string>();
        var statistics = IsWord("STATISTICS");
        if (statistics)
        {
            Advance();
        }

        do
        {
            var option = Expect(TokenKind.Word).Value.ToUpperInvariant();
            options.Add(statistics ? "STATISTICS " + option : option);
        }
        while (Accept(TokenKind.Comma));

        if (AcceptWord("ON"))
        {
            return new SetOptionStatement { Options = options, Value = "ON", Line = line };
        }

        if (AcceptWord("OFF"))
        {
            return new SetOptionStatement { Options = options, Value = "OFF", Line = line };
        }

        if (options.Count != 1 || statistics)
        {
            throw Error();
        }

        return new SetOptionStatement { Options = options, Value = ParseSetValue(), Line = line };
    }

    /// <summary>The value of SET DATEFORMAT / LANGUAGE / ROWCOUNT / DEADLOCK_PRIORITY...: a word, string, number (signed) or @variable.</summary>
    private string ParseSetValue()
    {
        var negative = Accept(TokenKind.Minus);
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return negative ? "-" + token.Value : token.Value;
            case TokenKind.Word or TokenKind.QuotedIdentifier or TokenKind.String or TokenKind.NationalString or TokenKind.Variable when !negative:
                Advance();
                return token.Value;
            case TokenKind.Binary when !negative:
                Advance();
                return "0x" + token.Value;
            default:
                throw Error();
        }
    }

    private string ParseIsolationLevel()
    {
        if (AcceptWord("READ"))
        {
            if (AcceptWord("COMMITTED"))
            {
                return "READ COMMITTED";
            }

            ExpectWord("UNCOMMITTED");
            return "READ UNCOMMITTED";
        }

        if (AcceptWord("REPEATABLE"))
        {
            ExpectWord("READ");
            return "REPEATABLE READ";
        }

        if (AcceptWord("SNAPSHOT"))
        {
            return "SNAPSHOT";
        }

        ExpectWord("SERIALIZABLE");
        return "SERIALIZABLE";
    }
}
