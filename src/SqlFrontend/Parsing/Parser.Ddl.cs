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
                or "THROW" or "RAISERROR" or "TRUNCATE" or "GRANT" or "GO" => true,
            "WITH" => IsIdentifier(PeekToken()) && (PeekToken(2).IsWord("AS") || PeekToken(2).Kind == TokenKind.LeftParen),
            _ => false,
        };
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
        if (IsWord("WITH") && !IsWordAt(2, "AS"))
        {
            Advance();
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
        var where = AcceptWord("WHERE") ? ParseExpression() : null;
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
                return SkipAlterTable("ALTER TABLE ADD CONSTRAINT", line);
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
            return SkipAlterTable("ALTER TABLE ALTER COLUMN", line);
        }

        if (IsWord("DROP") && IsWordAt(1, "CONSTRAINT"))
        {
            return SkipAlterTable("ALTER TABLE DROP CONSTRAINT", line);
        }

        throw Error();
    }

    private UnsupportedStatement SkipAlterTable(string construct, int line)
    {
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

    private bool AcceptIfExists()
    {
        if (IsWord("IF") && IsWordAt(1, "EXISTS"))
        {
            _pos += 2;
            return true;
        }

        return false;
    }

    private DropStatement ParseDrop()
    {
        var line = Advance().Line;
        var word = Current.Kind == TokenKind.Word ? Current.Value.ToUpperInvariant() : string.Empty;
        DropObjectKind kind = word switch
        {
            "TABLE" => DropObjectKind.Table,
            "VIEW" => DropObjectKind.View,
            "SCHEMA" => DropObjectKind.Schema,
            "INDEX" => DropObjectKind.Index,
            "PROCEDURE" or "PROC" => DropObjectKind.Procedure,
            "FUNCTION" => DropObjectKind.Function,
            _ => throw Error(),
        };
        Advance();
        var ifExists = AcceptIfExists();
        if (kind == DropObjectKind.Index)
        {
            var first = ParseObjectName();
            if (AcceptWord("ON"))
            {
                return new DropStatement { Kind = kind, Names = [first], OnTable = ParseObjectName(), IfExists = ifExists, Line = line };
            }

            if (first.Parts.Count < 2)
            {
                throw Error();
            }

            var index = new ObjectName { Parts = [first.Name], Line = first.Line };
            var onTable = new ObjectName { Parts = first.Parts.Take(first.Parts.Count - 1).ToList(), Line = first.Line };
            return new DropStatement { Kind = kind, Names = [index], OnTable = onTable, IfExists = ifExists, Line = line };
        }

        var names = new List<ObjectName>();
        do
        {
            names.Add(ParseObjectName());
        }
        while (Accept(TokenKind.Comma));
        return new DropStatement { Kind = kind, Names = names, IfExists = ifExists, Line = line };
    }

    private TruncateTableStatement ParseTruncate()
    {
        var line = Advance().Line;
        ExpectWord("TABLE");
        return new TruncateTableStatement { Table = ParseObjectName(), Line = line };
    }
}
