using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>Column definitions and table constraints of CREATE TABLE, DECLARE @t TABLE and ALTER TABLE ADD.</summary>
public sealed partial class Parser
{
    /// <summary>( column | [CONSTRAINT name] PRIMARY KEY (...) | UNIQUE (...) | CHECK (...) | FOREIGN KEY (...) REFERENCES t (...), ... ).</summary>
    private (List<ColumnDefinition> Columns, List<TableConstraint> Constraints) ParseTableElements()
    {
        Expect(TokenKind.LeftParen);
        var columns = new List<ColumnDefinition>();
        var constraints = new List<TableConstraint>();
        do
        {
            if (IsWord("CONSTRAINT") || IsWord("PRIMARY") || IsWord("UNIQUE") || IsWord("CHECK") || IsWord("FOREIGN"))
            {
                constraints.Add(ParseTableConstraint());
            }
            else
            {
                columns.Add(ParseColumnDefinition(constraints));
            }
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen);
        return (columns, constraints);
    }

    private TableConstraint ParseTableConstraint()
    {
        var line = Current.Line;
        var name = AcceptWord("CONSTRAINT") ? ExpectIdentifier() : null;
        if (AcceptWord("PRIMARY"))
        {
            ExpectWord("KEY");
            AcceptClustering();
            var key = ParseKeyColumns();
            SkipStorageOptions();
            return new TableConstraint { Name = name, Kind = TableConstraintKind.PrimaryKey, Columns = key, Line = line };
        }

        if (AcceptWord("UNIQUE"))
        {
            AcceptClustering();
            var key = ParseKeyColumns();
            SkipStorageOptions();
            return new TableConstraint { Name = name, Kind = TableConstraintKind.Unique, Columns = key, Line = line };
        }

        if (AcceptWord("CHECK"))
        {
            return new TableConstraint { Name = name, Kind = TableConstraintKind.Check, Check = ParseParenthesizedCondition(), Line = line };
        }

        ExpectWord("FOREIGN");
        ExpectWord("KEY");
        var columns = ParseIdentifierList();
        ExpectWord("REFERENCES");
        var referenced = ParseObjectName();
        IReadOnlyList<string> referencedColumns = Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
        return new TableConstraint
        {
            Name = name, Kind = TableConstraintKind.ForeignKey, Columns = columns, ReferencedTable = referenced,
            ReferencedColumns = referencedColumns, Line = line,
        };
    }

    private void AcceptClustering()
    {
        if (!AcceptWord("CLUSTERED"))
        {
            AcceptWord("NONCLUSTERED");
        }
    }

    /// <summary>(a [ASC|DESC], b): key order does not change what a constraint enforces, so it is not kept.</summary>
    private List<string> ParseKeyColumns()
    {
        Expect(TokenKind.LeftParen);
        var names = new List<string>();
        do
        {
            names.Add(ExpectIdentifier());
            if (!AcceptWord("ASC"))
            {
                AcceptWord("DESC");
            }
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen);
        return names;
    }

    private Expression ParseParenthesizedCondition()
    {
        Expect(TokenKind.LeftParen);
        var condition = ParseCondition();
        Expect(TokenKind.RightParen);
        return condition;
    }

    /// <summary>
    /// name type [NULL | NOT NULL] [IDENTITY[(seed, increment)]] [DEFAULT e] [PRIMARY KEY] [UNIQUE] [CHECK (e)]
    /// [COLLATE c] [REFERENCES t (c)], in any order, each optionally named by CONSTRAINT. A column-level REFERENCES
    /// becomes a table-level foreign key in <paramref name="constraints"/> (null where none can be kept: ALTER TABLE ADD).
    /// </summary>
    private ColumnDefinition ParseColumnDefinition(List<TableConstraint>? constraints)
    {
        var line = Current.Line;
        var name = ExpectIdentifier();
        var type = ParseDataType();
        bool? nullable = null;
        IdentitySpec? identity = null;
        Expression? defaultValue = null;
        Expression? check = null;
        string? collation = null;
        bool primaryKey = false, unique = false;
        while (true)
        {
            var constraintLine = Current.Line;
            var constraintName = AcceptWord("CONSTRAINT") ? ExpectIdentifier() : null;
            if (AcceptWord("NULL"))
            {
                nullable = true;
            }
            else if (IsWord("NOT") && IsWordAt(1, "NULL"))
            {
                _pos += 2;
                nullable = false;
            }
            else if (AcceptWord("IDENTITY"))
            {
                identity = new IdentitySpec { Line = constraintLine };
                if (Accept(TokenKind.LeftParen))
                {
                    var seed = ParseSignedInteger();
                    Expect(TokenKind.Comma);
                    identity = new IdentitySpec { Seed = seed, Increment = ParseSignedInteger(), Line = constraintLine };
                    Expect(TokenKind.RightParen);
                }
            }
            else if (AcceptWord("DEFAULT"))
            {
                defaultValue = ParseAdditive();
            }
            else if (IsWord("PRIMARY"))
            {
                Advance();
                ExpectWord("KEY");
                AcceptClustering();
                primaryKey = true;
            }
            else if (AcceptWord("UNIQUE"))
            {
                AcceptClustering();
                unique = true;
            }
            else if (AcceptWord("CHECK"))
            {
                check = ParseParenthesizedCondition();
            }
            else if (AcceptWord("COLLATE"))
            {
                collation = ExpectIdentifier();
            }
            else if (constraints is not null && (IsWord("REFERENCES") || (IsWord("FOREIGN") && IsWordAt(1, "KEY"))))
            {
                if (AcceptWord("FOREIGN"))
                {
                    Advance();
                }

                ExpectWord("REFERENCES");
                var referenced = ParseObjectName();
                IReadOnlyList<string> referencedColumns = Current.Kind == TokenKind.LeftParen ? ParseIdentifierList() : [];
                constraints.Add(new TableConstraint
                {
                    Name = constraintName, Kind = TableConstraintKind.ForeignKey, Columns = [name], ReferencedTable = referenced,
                    ReferencedColumns = referencedColumns, Line = constraintLine,
                });
            }
            else if (constraintName is not null)
            {
                throw Error();
            }
            else
            {
                break;
            }
        }

        return new ColumnDefinition
        {
            Name = name, DataType = type, Nullable = nullable, Identity = identity, Default = defaultValue, PrimaryKey = primaryKey,
            Unique = unique, Check = check, Collation = collation, Line = line,
        };
    }
}
