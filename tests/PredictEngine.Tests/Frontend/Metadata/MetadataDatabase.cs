using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.SqlFrontend.Metadata;
using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend.Metadata;

/// <summary>
/// An in-memory database with tables created the way the translator creates them (DuckDB DDL plus the
/// declared T-SQL type as the column comment), the catalog views, and a procedure context over it.
/// </summary>
public sealed class MetadataDatabase : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();

    public MetadataDatabase()
    {
        Connection = _database.Connect();
        foreach (var sql in new[]
        {
            "CREATE TABLE main.customers (id INTEGER NOT NULL, name VARCHAR, balance DECIMAL(10,2) DEFAULT 0, created TIMESTAMP)",
            "COMMENT ON COLUMN main.customers.id IS 'int IDENTITY(100,5)'",
            "COMMENT ON COLUMN main.customers.name IS 'nvarchar(50)'",
            "COMMENT ON COLUMN main.customers.balance IS 'decimal(10,2)'",
            "COMMENT ON COLUMN main.customers.created IS 'datetime'",
            "CREATE SCHEMA sales",
            "CREATE TABLE sales.orders (id BIGINT, note VARCHAR, code VARCHAR)",
            "COMMENT ON COLUMN sales.orders.note IS 'varchar(max)'",
            "COMMENT ON COLUMN sales.orders.code IS 'char(3)'",
            "CREATE VIEW main.v_customers AS SELECT id, name FROM main.customers",
            "CREATE TEMP TABLE \"#scratch\" (x INTEGER)",
        })
        {
            Connection.Execute(sql);
        }

        CatalogViews.EnsureInstalled(Connection, "predict");
        FunctionLibrary.Install(Connection);
    }

    public StorageConnection Connection { get; }

    /// <summary>Rows of a query with every value as DuckDB writes it as VARCHAR.</summary>
    public List<string?[]> Query(string sql)
    {
        var sink = new RecordingSink();
        RunInto(Connection, sql, sink);
        return sink.ResultSets.Single().Rows;
    }

    public string? Scalar(string sql) => Query(sql).Single()[0];

    internal static void RunInto(StorageConnection connection, string sql, IResultSink sink)
    {
        using var reader = connection.ExecuteReader($"SELECT COLUMNS(*)::VARCHAR FROM ({sql}) q");
        sink.BeginResultSet(reader.Schema);
        long rows = 0;
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                sink.WriteRows(batch, CancellationToken.None);
                rows += batch.RowCount;
            }
        }

        sink.EndResultSet(rows);
    }

    public void Dispose()
    {
        Connection.Dispose();
        _database.Dispose();
    }
}

/// <summary>Keeps what a procedure sends: result sets with column names and string values.</summary>
public sealed class RecordingSink : IResultSink
{
    public List<(IReadOnlyList<string> Columns, List<string?[]> Rows)> ResultSets { get; } = [];

    public void BeginResultSet(BatchSchema schema) => ResultSets.Add(([.. schema.Fields.Select(f => f.Name)], []));

    public void WriteRows(ColumnBatch batch, CancellationToken cancellation)
    {
        for (var r = 0; r < batch.RowCount; r++)
        {
            var row = new string?[batch.ColumnCount];
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                row[c] = batch[c].IsNull(r) ? null : batch[c].GetString(r);
            }

            ResultSets[^1].Rows.Add(row);
        }
    }

    public void EndResultSet(long rows)
    {
    }

    public void StatementCompleted(StatementOutcome outcome, long rows)
    {
    }

    public void Info(int number, byte severity, byte state, string message, int line)
    {
    }

    public void Error(EngineException error) => throw error;
}

/// <summary>A procedure context over a real connection; SendQuery runs the query and records its rows.</summary>
public sealed class TestProcedureContext(StorageConnection connection) : IProcedureContext
{
    public StorageConnection Connection { get; } = connection;

    public RecordingSink Recorded { get; } = new();

    public IResultSink Sink => Recorded;

    public CancellationToken Cancellation => CancellationToken.None;

    public string Database => "predict";

    public string Login => "sa";

    public ITranslationContext Translation => throw new NotSupportedException("The catalog procedures do not translate T-SQL.");

    public void SendQuery(string sql, IReadOnlyList<ResultColumn>? columns, params object?[] parameters)
    {
        Assert.Empty(parameters);
        MetadataDatabase.RunInto(Connection, sql, Recorded);
    }
}
