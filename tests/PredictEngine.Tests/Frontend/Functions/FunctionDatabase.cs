using Xunit;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.SqlFrontend.Metadata;
using PredictEngine.Storage;

namespace PredictEngine.Tests.Frontend.Functions;

/// <summary>An in-memory DuckDB with the function macros and catalog views, evaluating translated expressions.</summary>
public sealed class FunctionDatabase : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();

    public FunctionDatabase()
    {
        Connection = _database.Connect();
        CatalogViews.EnsureInstalled(Connection, "predict");
        FunctionLibrary.Install(Connection);
    }

    public StorageConnection Connection { get; }

    /// <summary>The expression's value as DuckDB writes it as VARCHAR (null for NULL).</summary>
    public string? Scalar(string sql)
    {
        using var reader = Connection.ExecuteReader($"SELECT CAST(({sql}) AS VARCHAR)");
        using var batch = reader.ReadBatch();
        Assert.NotNull(batch);
        return batch![0].IsNull(0) ? null : batch[0].GetString(0);
    }

    public void Dispose()
    {
        Connection.Dispose();
        _database.Dispose();
    }
}
