using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>CREATE TABLE / VIEW / SCHEMA / INDEX, DROP, ALTER TABLE, TRUNCATE; other CREATE / ALTER forms become UnsupportedStatement.</summary>
public sealed partial class Parser
{
    private Statement ParseCreate(bool firstInBatch)
    {
        var start = _pos;
        var line = Advance().Line;
        var orAlter = false;
        if (IsWord("OR") && IsWordAt(1, "ALTER"))
        {
            _pos += 2;
            orAlter = true;
        }

        var kind = Current.Kind == TokenKind.Word ? Current.Value.ToUpperInvariant() : string.Empty;
        switch (kind)
        {
            case "TABLE" when !orAlter:
                Advance();
                var name = ParseObjectName();
                var (columns, constraints) = ParseTableElements();
                SkipStorageOptions();
                return new CreateTableStatement { Name = name, Columns = columns, Constraints = constraints, Line = line };
            case "VIEW":
                return ParseCreateView(start, line, orAlter, firstInBatch);
            case "SCHEMA" when !orAlter:
                Advance();
                var schema = ExpectIdentifier();
                if (AcceptWord("AUTHORIZATION"))
                {
                    ExpectIdentifier();
                }

                return new CreateSchemaStatement { Name = schema, Line = line };
            case "UNIQUE" or "CLUSTERED" or "NONCLUSTERED" or "INDEX" when !orAlter:
                return ParseCreateIndex(line);
        }

        return ParseUnsupportedDefinition("CREATE", line);
    }

    /// <summary>CREATE / ALTER of PROCEDURE, FUNCTION, TRIGGER (rest of the batch) or TYPE, SEQUENCE, LOGIN, USER, DATABASE... (the statement).</summary>
    private UnsupportedStatement ParseUnsupportedDefinition(string verb, int line)
    {
        var kind = Current.Kind == TokenKind.Word ? Advance().Value.ToUpperInvariant() : throw Error();
        if (kind == "PROC")
        {
            kind = "PROCEDURE";
        }

        if (kind is "PROCEDURE" or "FUNCTION" or "TRIGGER")
        {
            return SkipRestOfBatch(verb + " " + kind, line);
        }

        if (kind is "UNIQUE" or "CLUSTERED" or "NONCLUSTERED" or "COLUMNSTORE" or "XML" or "SPATIAL" or "FULLTEXT")
        {
            kind = "INDEX";
        }

        var depth = 0;
        while (Current.Kind is not (TokenKind.EndOfInput or TokenKind.Semicolon) && !(depth == 0 && _pos > 0 && StartsNextStatement()))
        {
            depth += Advance().Kind switch
            {
                TokenKind.LeftParen => 1,
                TokenKind.RightParen => -1,
                _ => 0,
            };
        }

        return new UnsupportedStatement { Construct = verb + " " + kind, Line = line };
    }

    /// <summary>Whether the current word clearly begins a new statement (used when skipping statements we do not model).</summary>
    private bool StartsNextStatement()
    {
        if (Current.Kind != TokenKind.Word)
        {
            return false;
        }

        return Current.Value.ToUpperInvariant() switch
        {
            "SELECT" or "INSERT" or "UPDATE" or "DELETE" or "CREATE" or "ALTER" or "DROP" or "DECLARE" or "IF" or "WHILE"
                or "BEGIN" or "END" or "PRINT" or "EXEC" or "EXECUTE" or "USE" or "COMMIT" or "ROLLBACK" or "RETURN"
                or "THROW" or "RAISERROR" or "TRUNCATE" or "GRANT" or "DENY" or "REVOKE" or "GO" or "WAITFOR" or "SAVE" or "BREAK"
                or "CONTINUE" or "GOTO" or "MERGE" or "REVERT" or "DBCC" or "CHECKPOINT" or "DEALLOCATE" or "CLOSE" => true,
            "WITH" => IsIdentifier(PeekToken()) && (PeekToken(2).IsWord("AS") || PeekToken(2).Kind == TokenKind.LeftParen),
            _ => false,
        };
    }

    /// <summary>ON [PRIMARY], TEXTIMAGE_ON x, WITH (DATA_COMPRESSION = ...): physical storage placement that scripted DDL carries.</summary>
    private void SkipStorageOptions()
    {
        while (true)
        {
            if (IsWord("WITH") && PeekToken().Kind == TokenKind.LeftParen)
            {
                Advance();
                SkipParenthesized();
            }
            else if ((IsWord("ON") || IsWord("TEXTIMAGE_ON")) && PeekToken().Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
            {
                _pos += 2;
            }
            else
            {
                return;
            }
        }
    }

    private CreateViewStatement ParseCreateView(int start, int line, bool orAlter, bool firstInBatch)
    {
        if (!firstInBatch)
        {
            throw new Storage.Errors.EngineException(Storage.Errors.ErrorNumbers.MustBeFirstInBatch, 15, 1, "'CREATE VIEW' must be the first statement in a query batch.") { Line = line };
        }

        Advance();
        var name = ParseObjectName();
        IReadOnlyList<string> columns = Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
        // WITH SCHEMABINDING / ENCRYPTION / VIEW_METADATA: a CTE can only come after AS.
        if (AcceptWord("WITH"))
        {
            do
            {
                Expect(TokenKind.Word);
            }
            while (Accept(TokenKind.Comma));
        }

        ExpectWord("AS");
        var queryLine = Current.Line;
        var with = IsWord("WITH") ? ParseWith() : [];
        var query = ParseSelectStatement(with, queryLine);
        if (IsWord("WITH") && IsWordAt(1, "CHECK") && IsWordAt(2, "OPTION"))
        {
            _pos += 3;
        }

        return new CreateViewStatement { Name = name, Columns = columns, Query = query, OrAlter = orAlter, Definition = SourceText(start), Line = line };
    }

    private CreateIndexStatement ParseCreateIndex(int line)
    {
        var unique = AcceptWord("UNIQUE");
        bool? clustered = AcceptWord("CLUSTERED") ? true : AcceptWord("NONCLUSTERED") ? false : null;
        if (IsWord("COLUMNSTORE"))
        {
            throw Error();
        }

        ExpectWord("INDEX");
        var name = ExpectIdentifier();
        ExpectWord("ON");
        var table = ParseObjectName();
        Expect(TokenKind.LeftParen);
        var columns = ParseOrderByItems();
        Expect(TokenKind.RightParen);
        IReadOnlyList<string> include = AcceptWord("INCLUDE") ? ParseIdentifierList() : [];
        var where = AcceptWord("WHERE") ? ParseCondition() : null;
        if (IsWord("WITH") && PeekToken().Kind == TokenKind.LeftParen)
        {
            Advance();
            SkipParenthesized();
        }

        return new CreateIndexStatement { Name = name, Table = table, Columns = columns, Unique = unique, Clustered = clustered, Include = include, Where = where, Line = line };
    }

    private Statement ParseAlter()
    {
        var line = Advance().Line;
        if (!IsWord("TABLE"))
        {
            return ParseUnsupportedDefinition("ALTER", line);
        }

        Advance();
        var table = ParseObjectName();
        if (AcceptWord("ADD"))
        {
            if (IsWord("CONSTRAINT") || IsWord("PRIMARY") || IsWord("UNIQUE") || IsWord("CHECK") || IsWord("FOREIGN"))
            {
                return SkipStatement("ALTER TABLE ADD CONSTRAINT", line);
            }

            var columns = new List<ColumnDefinition>();
            do
            {
                columns.Add(ParseColumnDefinition(null));
            }
            while (Accept(TokenKind.Comma));
            return new AlterTableStatement { Table = table, Action = new AddColumnsAction { Columns = columns, Line = line }, Line = line };
        }

        if (IsWord("DROP") && IsWordAt(1, "COLUMN"))
        {
            _pos += 2;
            var ifExists = AcceptIfExists();
            var names = new List<string>();
            do
            {
                names.Add(ExpectIdentifier());
            }
            while (Accept(TokenKind.Comma));
            return new AlterTableStatement { Table = table, Action = new DropColumnsAction { Columns = names, IfExists = ifExists, Line = line }, Line = line };
        }

        if (IsWord("ALTER") && IsWordAt(1, "COLUMN"))
        {
            return SkipStatement("ALTER TABLE ALTER COLUMN", line);
        }

        if (IsWord("DROP") && IsWordAt(1, "CONSTRAINT"))
        {
            return SkipStatement("ALTER TABLE DROP CONSTRAINT", line);
        }

        // WITH CHECK ADD CONSTRAINT, NOCHECK CONSTRAINT, ENABLE TRIGGER, SWITCH, SET (...), REBUILD: scripted DDL we do not model.
        if (Current.Kind == TokenKind.Word && Current.Value.ToUpperInvariant() is "WITH" or "CHECK" or "NOCHECK" or "ENABLE" or "DISABLE" or "SWITCH" or "SET" or "REBUILD")
        {
            return SkipStatement("ALTER TABLE " + Current.Value.ToUpperInvariant(), line);
        }

        throw Error();
    }

    /// <summary>Skips a statement we recognise but do not model, up to ';' or the next statement's first word.</summary>
    private UnsupportedStatement SkipStatement(string construct, int line)
    {
        // The statement's own first word (ALTER, DROP, DBCC) would otherwise read as the next statement.
        Advance();
        while (Current.Kind is not (TokenKind.EndOfInput or TokenKind.Semicolon) && !StartsNextStatement())
        {
            if (Current.Kind == TokenKind.LeftParen)
            {
                SkipParenthesized();
                continue;
            }

            Advance();
        }

        return new UnsupportedStatement { Construct = construct, Line = line };
    }
}
