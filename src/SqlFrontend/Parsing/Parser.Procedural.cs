using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>BEGIN (block / TRY / TRAN), transactions, DECLARE, IF, RAISERROR, THROW, RETURN, EXEC.</summary>
public sealed partial class Parser
{
    private Statement ParseBegin()
    {
        var line = Advance().Line;
        if (IsWord("TRAN") || IsWord("TRANSACTION"))
        {
            Advance();
            return new TransactionStatement { Kind = TransactionStatementKind.Begin, Name = ParseTransactionName(), Line = line };
        }

        if (IsWord("DISTRIBUTED"))
        {
            Advance();
            if (!AcceptWord("TRAN"))
            {
                ExpectWord("TRANSACTION");
            }

            ParseTransactionName();
            return new UnsupportedStatement { Construct = "BEGIN DISTRIBUTED TRANSACTION", Line = line };
        }

        if (IsWord("TRY"))
        {
            Advance();
            var tryBody = ParseStatementsUntilEnd();
            ExpectWord("END");
            ExpectWord("TRY");
            SkipSemicolons();
            ExpectWord("BEGIN");
            ExpectWord("CATCH");
            var catchBody = ParseStatementsUntilEnd();
            ExpectWord("END");
            ExpectWord("CATCH");
            return new TryCatchStatement { Try = tryBody, Catch = catchBody, Line = line };
        }

        var statements = ParseStatementsUntilEnd();
        ExpectWord("END");
        return new BlockStatement { Statements = statements, Line = line };
    }

    private List<Statement> ParseStatementsUntilEnd()
    {
        var statements = new List<Statement>();
        SkipSemicolons();
        while (!IsWord("END"))
        {
            if (Current.Kind == TokenKind.EndOfInput)
            {
                throw Error();
            }

            statements.Add(ParseStatement());
            SkipSemicolons();
        }

        return statements;
    }

    /// <summary>An optional transaction name or @variable after TRAN / TRANSACTION.</summary>
    private string? ParseTransactionName()
    {
        if (Current.Kind == TokenKind.Variable)
        {
            return Advance().Value;
        }

        return !AtStatementBoundary() && IsIdentifier(Current) ? Advance().Value : null;
    }

    private TransactionStatement ParseCommitOrRollback()
    {
        var token = Advance();
        var kind = token.IsWord("COMMIT") ? TransactionStatementKind.Commit : TransactionStatementKind.Rollback;
        string? name = null;
        if (AcceptWord("TRAN") || AcceptWord("TRANSACTION"))
        {
            name = ParseTransactionName();
        }
        else
        {
            AcceptWord("WORK");
        }

        return new TransactionStatement { Kind = kind, Name = name, Line = token.Line };
    }

    private TransactionStatement ParseSave()
    {
        var line = Advance().Line;
        if (!AcceptWord("TRAN"))
        {
            ExpectWord("TRANSACTION");
        }

        var name = Current.Kind == TokenKind.Variable ? Advance().Value : ExpectIdentifier();
        return new TransactionStatement { Kind = TransactionStatementKind.Save, Name = name, Line = line };
    }

    private Statement ParseDeclare()
    {
        var line = Advance().Line;
        if (IsIdentifier(Current) && (IsWordAt(1, "CURSOR") || IsWordAt(1, "INSENSITIVE") || IsWordAt(1, "SCROLL")))
        {
            return ParseDeclareCursor(line);
        }

        var variables = new List<VariableDeclaration>();
        do
        {
            var variableLine = Current.Line;
            var name = ExpectVariable();
            AcceptWord("AS");
            if (AcceptWord("TABLE"))
            {
                var (columns, constraints) = ParseTableElements();
                variables.Add(new VariableDeclaration { Name = name, TableColumns = columns, TableConstraints = constraints, Line = variableLine });
                continue;
            }

            var type = ParseDataType();
            var initial = Accept(TokenKind.Equals) ? ParseValue() : null;
            variables.Add(new VariableDeclaration { Name = name, DataType = type, Initial = initial, Line = variableLine });
        }
        while (Accept(TokenKind.Comma));
        return new DeclareStatement { Variables = variables, Line = line };
    }

    /// <summary>DECLARE c [INSENSITIVE] [SCROLL] CURSOR [options] FOR query [FOR READ ONLY | FOR UPDATE [OF cols]].</summary>
    private UnsupportedStatement ParseDeclareCursor(int line)
    {
        Advance();
        while (!IsWord("FOR"))
        {
            _ = Current.Kind == TokenKind.Word ? Advance() : throw Error();
        }

        Advance();
        ParseQueryExpression();
        if (AcceptWord("FOR"))
        {
            if (AcceptWord("READ"))
            {
                ExpectWord("ONLY");
            }
            else
            {
                ExpectWord("UPDATE");
                if (AcceptWord("OF"))
                {
                    do
                    {
                        ExpectIdentifier();
                    }
                    while (Accept(TokenKind.Comma));
                }
            }
        }

        return new UnsupportedStatement { Construct = "DECLARE CURSOR", Line = line };
    }

    private IfStatement ParseIf()
    {
        var line = Advance().Line;
        var condition = ParseCondition();
        var then = ParseStatement();
        Statement? otherwise = null;
        var save = _pos;
        SkipSemicolons();
        if (AcceptWord("ELSE"))
        {
            otherwise = ParseStatement();
        }
        else
        {
            _pos = save;
        }

        return new IfStatement { Condition = condition, Then = then, Else = otherwise, Line = line };
    }

    private RaiserrorStatement ParseRaiserror()
    {
        var line = Advance().Line;
        Expect(TokenKind.LeftParen);
        var message = ParseValue();
        Expect(TokenKind.Comma);
        var severity = ParseValue();
        Expect(TokenKind.Comma);
        var state = ParseValue();
        var arguments = new List<Expression>();
        while (Accept(TokenKind.Comma))
        {
            arguments.Add(ParseValue());
        }

        Expect(TokenKind.RightParen);
        var options = new List<string>();
        if (AcceptWord("WITH"))
        {
            do
            {
                var option = Expect(TokenKind.Word).Value.ToUpperInvariant();
                options.Add(option is "NOWAIT" or "LOG" or "SETERROR" ? option : throw ErrorAt(_pos - 1));
            }
            while (Accept(TokenKind.Comma));
        }

        return new RaiserrorStatement { Message = message, Severity = severity, State = state, Arguments = arguments, Options = options, Line = line };
    }

    /// <summary>THROW n, msg, state; a bare THROW when no argument follows.</summary>
    private ThrowStatement ParseThrow()
    {
        var line = Advance().Line;
        if (Current.Kind is not (TokenKind.Integer or TokenKind.Variable))
        {
            return new ThrowStatement { Line = line };
        }

        var number = ParsePrimary();
        Expect(TokenKind.Comma);
        var message = ParsePrimary();
        Expect(TokenKind.Comma);
        return new ThrowStatement { Number = number, Message = message, State = ParsePrimary(), Line = line };
    }

    private ReturnStatement ParseReturn()
    {
        var line = Advance().Line;
        var value = AtStatementBoundary() && !IsExpressionKeyword() ? null : ParseValue();
        return new ReturnStatement { Value = value, Line = line };
    }

    /// <summary>Reserved words that may still start an expression after RETURN.</summary>
    private bool IsExpressionKeyword() =>
        Current.Kind == TokenKind.Word
        && (IsWord("NULL") || IsWord("CASE") || IsWord("CONVERT") || IsWord("TRY_CONVERT") || IsWord("NOT")
            || NiladicFunctions.Contains(Current.Value) || (ReservedFunctions.Contains(Current.Value) && PeekToken().Kind == TokenKind.LeftParen));
}
