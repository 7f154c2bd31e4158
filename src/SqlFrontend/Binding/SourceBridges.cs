using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// PREDICT and OPENROWSET(BULK ...) sources: their SQL comes from the predict and files libraries
/// (PredictEngine.SqlFrontend.Predict / .Files).
/// </summary>
internal sealed partial class Binder
{
    /// <summary>
    /// PREDICT becomes one derived table (the planner's SELECT: every DATA column, then the outputs); the data
    /// alias and the predict alias both name it, one with the DATA columns, the other with the WITH columns.
    /// </summary>
    private string Predict(PredictTableSource predict, NameScope scope)
    {
        var planner = _context.Predict
            ?? throw NotSupported("PREDICT (no model registry in this session)", predict.Line);
        var model = _context.Evaluate(predict.Model) switch
        {
            byte[] bytes => bytes,
            null => throw new EngineException(ErrorNumbers.InvalidModel, 16, 1, "The MODEL of PREDICT is NULL.") { Line = predict.Line },
            var other => throw new EngineException(ErrorNumbers.InvalidModel, 16, 1,
                $"The MODEL of PREDICT must be a varbinary(max) value, not {other.GetType().Name}.") { Line = predict.Line },
        };

        var dataScope = new NameScope(scope.Parent);
        var dataSql = Source(predict.Data, dataScope);
        var data = dataScope.Sources.Single();
        var dataColumns = data.Columns.Select(c => new ColumnInfo(c.Name, c.Type, c.Nullable)).ToList();
        var select = string.Join(", ", data.Columns.Select(c => $"{data.ColumnSql(c)} AS {SqlText.Quote(c.Name)}"));
        var plan = planner.Plan(model, $"SELECT {select} FROM {dataSql}", dataColumns, predict.WithColumns, predict.Runtime, predict.Line);

        var alias = NextAlias();
        var dataAlias = predict.Data.Alias ?? data.Exposed[^1];
        scope.Add(new ScopeSource([dataAlias], alias, data.Columns.Select(c => c with { StorageName = c.Name }).ToList()), predict.Line);
        var outputs = plan.Outputs.Select(o => new ScopeColumn(o.Name, o.Type, true, o.SqlName)).ToList();
        scope.Add(new ScopeSource([predict.Alias ?? "PREDICT"], alias, outputs), predict.Line);
        return $"({plan.Sql}) AS {SqlText.Quote(alias)}";
    }

    private string OpenRowset(OpenRowsetSource source, NameScope scope)
    {
        var file = Files.OpenRowsetTranslator.Translate(source, FilePolicy(source.Line), _context.Evaluate);
        var result = new QueryResult(file.Sql, file.Columns.Select(c => new OutputColumn(c.Name, c.Type, c.Nullable)).ToList());
        return Derived(result, source.Alias ?? "OPENROWSET", source.ColumnAliases, scope, source.Line);
    }

    public TranslatedStatement BulkInsert(BulkInsertStatement statement)
    {
        var table = RequireTable(statement.Table);
        return Files.BulkInsertTranslator.Translate(statement, table, FilePolicy(statement.Line), _context.Evaluate);
    }

    private Files.FileAccessPolicy FilePolicy(int line) =>
        _context.FileAccess ?? throw NotSupported("Reading server files (this session has no file access policy)", line);
}
