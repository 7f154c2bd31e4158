using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>Statement dispatch by the first word; a statement ends at ';' or where the next one starts.</summary>
public sealed partial class Parser
{
    private Statement ParseStatement(bool firstInBatch = false) => Nested(() => ParseStatementCore(firstInBatch));

    private Statement ParseStatementCore(bool firstInBatch)
    {
        var token = Current;
        var line = token.Line;
        if (token.Kind == TokenKind.LeftParen)
        {
            return ParseSelectStatement([], line);
        }

        if (token.Kind != TokenKind.Word)
        {
            throw Error();
        }

        switch (token.Value.ToUpperInvariant())
        {
            case "SELECT":
                return ParseSelectStatement([], line);
            case "WITH":
                return ParseWithStatement(line);
            case "INSERT":
                return ParseInsert([], line);
            case "UPDATE" when PeekToken().IsWord("STATISTICS"):
                return SkipStatement("UPDATE STATISTICS", line);
            case "UPDATE":
                return ParseUpdate([], line);
            case "DELETE":
                return ParseDelete([], line);
            case "BULK":
                return ParseBulkInsert();
            case "CREATE":
                return ParseCreate(firstInBatch);
            case "ALTER":
                return ParseAlter();
            case "DROP":
                return ParseDrop();
            case "TRUNCATE":
                return ParseTruncate();
            case "USE":
                Advance();
                return new UseStatement { Database = ExpectIdentifier(), Line = line };
            case "SET":
                return ParseSet();
            case "BEGIN":
                return ParseBegin();
            case "COMMIT" or "ROLLBACK":
                return ParseCommitOrRollback();
            case "SAVE":
                return ParseSave();
            case "DECLARE":
                return ParseDeclare();
            case "IF":
                return ParseIf();
            case "WHILE":
                Advance();
                var condition = ParseCondition();
                return new WhileStatement { Condition = condition, Body = ParseStatement(), Line = line };
            case "BREAK":
                Advance();
                return new BreakStatement { Line = line };
            case "CONTINUE":
                Advance();
                return new ContinueStatement { Line = line };
            case "PRINT":
                Advance();
                return new PrintStatement { Value = ParseValue(), Line = line };
            case "RAISERROR":
                return ParseRaiserror();
            case "THROW":
                return ParseThrow();
            case "RETURN":
                return ParseReturn();
            case "WAITFOR":
                Advance();
                ExpectWord("DELAY");
                return new WaitForStatement { Delay = ParsePrimary(), Line = line };
            case "EXEC" or "EXECUTE":
                return ParseExecute();
            case "GRANT" or "DENY" or "REVOKE":
                return ParsePermissionStatement();
            case "MERGE":
                return SkipToSemicolon("MERGE");
            case "OPEN" or "CLOSE" or "DEALLOCATE" or "FETCH":
                return ParseCursorStatement();
            case "DBCC" or "CHECKPOINT" or "KILL" or "BACKUP" or "RESTORE" or "RECONFIGURE" or "SHUTDOWN" or "REVERT":
                return SkipStatement(token.Value.ToUpperInvariant(), line);
            case "GOTO":
                Advance();
                ExpectIdentifier();
                return new UnsupportedStatement { Construct = "GOTO", Line = line };
        }

        // SQL Server runs a bare procedure name as EXEC when it is the batch's first statement.
        if (firstInBatch && IsIdentifier(token) && !token.IsWord("GO"))
        {
            return ParseExecuteBody(line);
        }

        throw Error();
    }

    /// <summary>WITH introduces CTEs for the SELECT / INSERT / UPDATE / DELETE that follows.</summary>
    private Statement ParseWithStatement(int line)
    {
        var ctes = ParseWith();
        if (IsWord("INSERT"))
        {
            return ParseInsert(ctes, line);
        }

        if (IsWord("UPDATE"))
        {
            return ParseUpdate(ctes, line);
        }

        if (IsWord("DELETE"))
        {
            return ParseDelete(ctes, line);
        }

        return ParseSelectStatement(ctes, line);
    }

    /// <summary>Whether the current token starts a statement (ends an optional clause such as a transaction name).</summary>
    private bool AtStatementBoundary() =>
        Current.Kind is TokenKind.EndOfInput or TokenKind.Semicolon
        || (Current.Kind == TokenKind.Word && (ReservedWords.IsReserved(Current.Value) || IsStatementWord(Current)));

    /// <summary>Skips a statement we do not model up to the next ';' (MERGE must end with one) or the end of the batch.</summary>
    private UnsupportedStatement SkipToSemicolon(string construct)
    {
        var line = Current.Line;
        while (Current.Kind is not (TokenKind.Semicolon or TokenKind.EndOfInput))
        {
            Advance();
        }

        return new UnsupportedStatement { Construct = construct, Line = line };
    }

    /// <summary>CREATE PROCEDURE / FUNCTION / TRIGGER own the rest of the batch, as in SQL Server.</summary>
    private UnsupportedStatement SkipRestOfBatch(string construct, int line)
    {
        _pos = _tokens.Count - 1;
        return new UnsupportedStatement { Construct = construct, Line = line };
    }

    /// <summary>GRANT / DENY / REVOKE permissions ON object TO|FROM principals [WITH GRANT OPTION] [CASCADE].</summary>
    private UnsupportedStatement ParsePermissionStatement()
    {
        var line = Current.Line;
        var construct = Advance().Value.ToUpperInvariant();
        while (!(IsWord("TO") || IsWord("FROM")) && Current.Kind is not (TokenKind.EndOfInput or TokenKind.Semicolon))
        {
            Advance();
        }

        if (AcceptWord("TO") || AcceptWord("FROM"))
        {
            do
            {
                // Principals may be reserved words (public).
                _ = Current.Kind is TokenKind.Word or TokenKind.QuotedIdentifier ? Advance() : throw Error();
            }
            while (Accept(TokenKind.Comma));
        }

        if (IsWord("WITH") && IsWordAt(1, "GRANT"))
        {
            _pos += 3;
        }

        AcceptWord("CASCADE");
        return new UnsupportedStatement { Construct = construct, Line = line };
    }

    /// <summary>OPEN / CLOSE / DEALLOCATE [GLOBAL] c; FETCH [NEXT | PRIOR | FIRST | LAST | ABSOLUTE n | RELATIVE n] [FROM] c [INTO @a, ...].</summary>
    private UnsupportedStatement ParseCursorStatement()
    {
        var line = Current.Line;
        var construct = Advance().Value.ToUpperInvariant();
        if (construct == "FETCH")
        {
            if (AcceptWord("ABSOLUTE") || AcceptWord("RELATIVE"))
            {
                ParseUnary();
            }
            else if (!(AcceptWord("NEXT") || AcceptWord("PRIOR") || AcceptWord("FIRST")))
            {
                AcceptWord("LAST");
            }

            AcceptWord("FROM");
        }

        if (IsWord("GLOBAL") && (IsIdentifier(PeekToken()) || PeekToken().Kind == TokenKind.Variable))
        {
            Advance();
        }

        if (!Accept(TokenKind.Variable))
        {
            ExpectIdentifier();
        }

        if (construct == "FETCH" && AcceptWord("INTO"))
        {
            do
            {
                ExpectVariable();
            }
            while (Accept(TokenKind.Comma));
        }

        return new UnsupportedStatement { Construct = construct, Line = line };
    }
}
