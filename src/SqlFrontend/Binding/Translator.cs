using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// Turns one T-SQL statement (the syntax tree, never its text) into DuckDB SQL with SQL Server's semantics:
/// names resolved in T-SQL scopes, types inferred by SQL Server's rules, variables as typed parameters.
/// A translator holds no state between calls; each call resolves names against the context's catalog.
/// </summary>
public sealed class Translator
{
    private readonly ITranslationContext _context;

    public Translator(ITranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    public TranslatedStatement Translate(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var binder = new Binder(_context);
        return statement switch
        {
            SelectStatement select => binder.Select(select),
            InsertStatement insert => binder.Insert(insert),
            UpdateStatement update => binder.Update(update),
            DeleteStatement delete => binder.Delete(delete),
            CreateTableStatement create => binder.CreateTable(create),
            CreateViewStatement view => binder.CreateView(view),
            CreateSchemaStatement schema => binder.CreateSchema(schema),
            CreateIndexStatement index => binder.CreateIndex(index),
            DropStatement drop => binder.Drop(drop),
            AlterTableStatement alter => binder.AlterTable(alter),
            TruncateTableStatement truncate => binder.Truncate(truncate),
            BulkInsertStatement bulk => binder.BulkInsert(bulk),
            UnsupportedStatement unsupported => throw new EngineException(ErrorNumbers.UnsupportedStatement, 16, 1,
                $"{unsupported.Construct} is not supported by this engine.") { Line = statement.Line },
            _ => throw new EngineException(ErrorNumbers.NotSupported, 16, 1,
                $"The {StatementName(statement)} statement cannot be translated to a storage query.") { Line = statement.Line },
        };
    }

    /// <summary>A one-row <c>SELECT expr</c>: the value of SET @v = expr, IF / WHILE conditions (a condition yields a bit), PRINT.</summary>
    public TranslatedStatement TranslateScalar(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new Binder(_context).Scalar(expression);
    }

    public (IReadOnlyList<TranslatedCommand> Commands, TableInfo Table) TranslateTableVariable(VariableDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return new Binder(_context).TableVariable(declaration);
    }

    private static string StatementName(Statement statement)
    {
        var name = statement.GetType().Name;
        return (name.EndsWith("Statement", StringComparison.Ordinal) ? name[..^"Statement".Length] : name).ToUpperInvariant();
    }
}
