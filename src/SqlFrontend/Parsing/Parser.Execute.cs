using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>EXEC / EXECUTE: procedure calls with arguments, EXEC @procvar, and dynamic SQL EXEC (string).</summary>
public sealed partial class Parser
{
    private Statement ParseExecute()
    {
        var line = Current.Line;
        if (IsWordAt(1, "AS"))
        {
            return SkipStatement("EXECUTE AS", line);
        }

        Advance();
        if (Current.Kind == TokenKind.LeftParen)
        {
            Advance();
            var sql = ParseValue();
            Expect(TokenKind.RightParen);
            return new ExecuteStatement { DynamicSql = sql, Line = line };
        }

        return ParseExecuteBody(line);
    }

    /// <summary>[@rc =] proc | @procvar [args]: args are [@name =] value | DEFAULT [OUTPUT | OUT]; a bare word is a string.</summary>
    private ExecuteStatement ParseExecuteBody(int line)
    {
        string? returnVariable = null;
        if (Current.Kind == TokenKind.Variable && PeekToken().Kind == TokenKind.Equals)
        {
            returnVariable = Advance().Value;
            Advance();
        }

        ObjectName? procedure = null;
        string? procedureVariable = null;
        if (Current.Kind == TokenKind.Variable)
        {
            procedureVariable = Advance().Value;
        }
        else
        {
            procedure = ParseObjectName();
        }

        var arguments = new List<ExecuteArgument>();
        if (!AtStatementBoundary() || IsWord("DEFAULT") || IsWord("NULL"))
        {
            do
            {
                arguments.Add(ParseExecuteArgument());
            }
            while (Accept(TokenKind.Comma));
        }

        if (IsWord("WITH") && IsWordAt(1, "RECOMPILE"))
        {
            _pos += 2;
        }

        return new ExecuteStatement { ReturnVariable = returnVariable, Procedure = procedure, ProcedureVariable = procedureVariable, Arguments = arguments, Line = line };
    }

    private ExecuteArgument ParseExecuteArgument()
    {
        var line = Current.Line;
        string? name = null;
        if (Current.Kind == TokenKind.Variable && PeekToken().Kind == TokenKind.Equals)
        {
            name = Advance().Value;
            Advance();
        }

        Expression value;
        if (IsWord("DEFAULT"))
        {
            value = new LiteralExpression { Kind = LiteralKind.Default, Line = Advance().Line };
        }
        else if (Current.Kind == TokenKind.Word && !IsWord("NULL") && !ReservedWords.IsReserved(Current.Value))
        {
            value = new LiteralExpression { Kind = LiteralKind.String, Value = Advance().Value, Line = line };
        }
        else
        {
            // A misspelt statement (SELEC * FROM t) reads as a procedure call; '*' is where it stops making sense.
            value = Current.Kind == TokenKind.Star ? throw Error() : ParseUnary();
        }

        var output = AcceptWord("OUTPUT") || AcceptWord("OUT");
        return new ExecuteArgument { Name = name, Value = value, Output = output, Line = line };
    }
}
