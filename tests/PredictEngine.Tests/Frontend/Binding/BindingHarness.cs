using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using PredictEngine.Tests.Storage;
using Xunit;

namespace PredictEngine.Tests.Frontend.Binding;

/// <summary>
/// Translates statements against an in-memory DuckDB and runs what comes out, the way the session will:
/// variables bound to their positional parameters, storage errors mapped to SQL Server's.
/// </summary>
internal sealed class BindingHarness : ITranslationContext, IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();
    private readonly DuckDbCatalog _catalog;
    private readonly Dictionary<string, (VariableInfo Info, object? Value)> _variables = new(StringComparer.OrdinalIgnoreCase);

    public BindingHarness()
    {
        Connection = _database.Connect();

        // As the session sets it: GROUP BY and DISTINCT then treat 'a' and 'A' as one value, as SQL Server does.
        Connection.Execute("SET default_collation = 'nocase'");
        try
        {
            SqlFrontend.Functions.FunctionLibrary.Install(Connection);
        }
        catch (EngineException)
        {
            // A macro the binder does not use may fail to install; the ones before it are in place.
        }
        _catalog = new DuckDbCatalog(Connection);
    }

    public StorageConnection Connection { get; }

    public ICatalog Catalog => _catalog;

    public string Database => "predict";

    public VariableInfo? FindVariable(string name) => _variables.TryGetValue(name, out var v) ? v.Info : null;

    public object? Evaluate(Expression expression) => expression is LiteralExpression literal ? literal.Value : throw new NotSupportedException();

    public SqlFrontend.Files.FileAccessPolicy? FileAccess { get; set; }

    public void Declare(string name, SqlType type, object? value) => _variables[name] = (new VariableInfo(name, type), value);

    public void DeclareTable(string name, TableInfo table) => _variables[name] = (new VariableInfo(name, null, table), null);

    public TranslatedStatement Translate(Statement statement) => new Translator(this).Translate(statement);

    /// <summary>Runs a statement; returns its rows (for a SELECT) and the count of the last command.</summary>
    public (TranslatedStatement Statement, List<object?[]> Rows, long Count) Run(Statement statement)
    {
        var translated = Translate(statement);
        var (rows, count) = Execute(translated.Commands, translated.Outcome == StatementOutcome.Select, statement.Line);
        if (translated.ChangesCatalog)
        {
            _catalog.Invalidate();
        }

        return (translated, rows, count);
    }

    public List<object?[]> Rows(Statement statement) => Run(statement).Rows;

    /// <summary>Parses and runs a batch; returns the last statement's result.</summary>
    public (TranslatedStatement Statement, List<object?[]> Rows, long Count) Run(string sql)
    {
        var batch = SqlFrontend.Parsing.Parser.ParseBatch(sql);
        (TranslatedStatement, List<object?[]>, long) last = default;
        foreach (var statement in batch.Statements)
        {
            last = Run(statement);
        }

        return last;
    }

    public List<object?[]> Rows(string sql) => Run(sql).Rows;

    public object? Scalar(string sql) => Assert.Single(Assert.Single(Rows(sql)));

    public EngineException Fails(string sql) => Assert.Throws<EngineException>(() => Run(sql));

    public object? Scalar(Statement statement) => Assert.Single(Assert.Single(Rows(statement)));

    public EngineException Fails(Statement statement) => Assert.Throws<EngineException>(() => Run(statement));

    public (List<object?[]> Rows, long Count) Execute(IReadOnlyList<TranslatedCommand> commands, bool select, int line = 1)
    {
        var rows = new List<object?[]>();
        long count = 0;
        for (var i = 0; i < commands.Count; i++)
        {
            try
            {
                using var prepared = Connection.Prepare(commands[i].Sql);
                for (var p = 0; p < commands[i].Parameters.Count; p++)
                {
                    Bind(prepared, p + 1, _variables[commands[i].Parameters[p]].Value);
                }

                if (select && i == commands.Count - 1)
                {
                    using var reader = prepared.ExecuteReader();
                    while (reader.ReadBatch() is { } batch)
                    {
                        using (batch)
                        {
                            for (var r = 0; r < batch.RowCount; r++)
                            {
                                rows.Add(Enumerable.Range(0, batch.ColumnCount).Select(c => ColumnValues.Read(batch[c], r)).ToArray());
                            }
                        }
                    }
                }
                else
                {
                    count = prepared.ExecuteNonQuery();
                }
            }
            catch (EngineException error) when (error.Number == ErrorNumbers.StorageError)
            {
                throw StorageErrors.Translate(error, line);
            }
        }

        return (rows, count);
    }

    private static void Bind(StorageStatement statement, int index, object? value)
    {
        switch (value)
        {
            case null: statement.BindNull(index); break;
            case int i: statement.Bind(index, i); break;
            case long l: statement.Bind(index, l); break;
            case decimal d: statement.Bind(index, d); break;
            case double f: statement.Bind(index, f); break;
            case string s: statement.Bind(index, s); break;
            default: throw new ArgumentException($"No binding for {value.GetType()}.", nameof(value));
        }
    }

    public void Dispose()
    {
        Connection.Dispose();
        _database.Dispose();
    }
}
