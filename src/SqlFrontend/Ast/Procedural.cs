namespace PredictEngine.SqlFrontend.Ast;

public sealed class UseStatement : Statement
{
    public required string Database { get; init; }
}

/// <summary>
/// SET option ON|OFF (SET NOCOUNT ON, SET ANSI_NULLS, XACT_ABORT, STATISTICS TIME...), several options in one
/// statement, or SET option value (SET DATEFORMAT ymd, SET LANGUAGE us_english, SET TRANSACTION ISOLATION LEVEL
/// READ COMMITTED, SET ROWCOUNT 10, SET TEXTSIZE 1000). Options are upper-cased, multi-word ones joined by spaces.
/// </summary>
public sealed class SetOptionStatement : Statement
{
    public required IReadOnlyList<string> Options { get; init; }

    /// <summary>"ON", "OFF", or the value as written (a word or number).</summary>
    public required string Value { get; init; }
}

public enum TransactionStatementKind
{
    Begin,
    Commit,
    Rollback,
    Save,
}

public sealed class TransactionStatement : Statement
{
    public required TransactionStatementKind Kind { get; init; }

    public string? Name { get; init; }
}

public sealed class VariableDeclaration : SqlNode
{
    public required string Name { get; init; }

    /// <summary>The type; null for a table variable (see <see cref="TableColumns"/>).</summary>
    public DataTypeReference? DataType { get; init; }

    public Expression? Initial { get; init; }

    /// <summary>DECLARE @t TABLE (...): the columns of the table variable.</summary>
    public IReadOnlyList<ColumnDefinition>? TableColumns { get; init; }

    /// <summary>DECLARE @t TABLE (..., PRIMARY KEY (a, b)): the table-level constraints of the table variable.</summary>
    public IReadOnlyList<TableConstraint> TableConstraints { get; init; } = [];
}

public sealed class DeclareStatement : Statement
{
    public required IReadOnlyList<VariableDeclaration> Variables { get; init; }
}

/// <summary>SET @v = expr, SET @v += expr.</summary>
public sealed class SetVariableStatement : Statement
{
    public required string Variable { get; init; }

    public BinaryOperator? CompoundOperator { get; init; }

    public required Expression Value { get; init; }
}

public sealed class IfStatement : Statement
{
    public required Expression Condition { get; init; }

    public required Statement Then { get; init; }

    public Statement? Else { get; init; }
}

public sealed class WhileStatement : Statement
{
    public required Expression Condition { get; init; }

    public required Statement Body { get; init; }
}

public sealed class BreakStatement : Statement
{
}

public sealed class ContinueStatement : Statement
{
}

/// <summary>BEGIN ... END.</summary>
public sealed class BlockStatement : Statement
{
    public required IReadOnlyList<Statement> Statements { get; init; }
}

/// <summary>BEGIN TRY ... END TRY BEGIN CATCH ... END CATCH.</summary>
public sealed class TryCatchStatement : Statement
{
    public required IReadOnlyList<Statement> Try { get; init; }

    public required IReadOnlyList<Statement> Catch { get; init; }
}

public sealed class PrintStatement : Statement
{
    public required Expression Value { get; init; }
}

/// <summary>RAISERROR(msg, severity, state [, args...]) [WITH NOWAIT|LOG|SETERROR].</summary>
public sealed class RaiserrorStatement : Statement
{
    /// <summary>A message string (with printf-style %s/%d), a message number, or a variable.</summary>
    public required Expression Message { get; init; }

    public required Expression Severity { get; init; }

    public required Expression State { get; init; }

    public IReadOnlyList<Expression> Arguments { get; init; } = [];

    public IReadOnlyList<string> Options { get; init; } = [];
}

/// <summary>THROW number, message, state; or a bare THROW (rethrow, only inside CATCH) with all three null.</summary>
public sealed class ThrowStatement : Statement
{
    public Expression? Number { get; init; }

    public Expression? Message { get; init; }

    public Expression? State { get; init; }
}

public sealed class ReturnStatement : Statement
{
    public Expression? Value { get; init; }
}

/// <summary>WAITFOR DELAY 'hh:mm:ss' (used by tools and by our cancellation tests).</summary>
public sealed class WaitForStatement : Statement
{
    public required Expression Delay { get; init; }
}

/// <summary>One argument of EXEC: [@name =] value [OUTPUT], or [@name =] DEFAULT (a <see cref="LiteralKind.Default"/> literal).</summary>
public sealed class ExecuteArgument : SqlNode
{
    public string? Name { get; init; }

    public required Expression Value { get; init; }

    public bool Output { get; init; }
}

/// <summary>
/// EXEC [@rc =] proc args (<see cref="Procedure"/> set), or EXEC('string' + @sql) / EXEC(@sql) (<see cref="DynamicSql"/> set).
/// </summary>
public sealed class ExecuteStatement : Statement
{
    public string? ReturnVariable { get; init; }

    public ObjectName? Procedure { get; init; }

    /// <summary>EXEC @procname_variable args.</summary>
    public string? ProcedureVariable { get; init; }

    public IReadOnlyList<ExecuteArgument> Arguments { get; init; } = [];

    public Expression? DynamicSql { get; init; }
}
