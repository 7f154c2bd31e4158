using System.Globalization;
using System.Text;
using PredictEngine.ModelRegistry;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Predict;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;
using PredictEngine.Tests.Scoring;

namespace PredictEngine.Tests.Predict;

/// <summary>An in-memory database with the registry, a connection and a planner, plus golden-CSV tables.</summary>
internal sealed class PredictFixture : IDisposable
{
    public PredictFixture()
    {
        Database = EmbeddedDatabase.OpenInMemory();
        Cache = new ModelSessionCache(TestModels.Cpu);
        Catalog = new ModelCatalog(Database, Cache);
        Connection = Database.Connect();
        Planner = new PredictPlanner(Connection, Cache, Catalog);
    }

    public EmbeddedDatabase Database { get; }

    public ModelSessionCache Cache { get; }

    public ModelCatalog Catalog { get; }

    public StorageConnection Connection { get; }

    public PredictPlanner Planner { get; }

    public static byte[] Model(string name) => File.ReadAllBytes(TestPaths.Model(name + ".onnx"));

    public static IReadOnlyList<ColumnSpec> With(params string[] columns) => [.. columns.Select(c =>
    {
        var space = c.IndexOf(' ', StringComparison.Ordinal);
        return new ColumnSpec { Name = c[..space], DataType = new DataTypeReference { Name = c[(space + 1)..] } };
    })];

    /// <summary>Creates <paramref name="table"/> (id INTEGER, then one REAL per CSV column) holding the CSV's rows.</summary>
    public IReadOnlyList<ColumnInfo> LoadInputs(string table, GoldenCsv csv) => new PredictFixtureTables(Connection).Load(table, csv);

    /// <summary>All rows of <paramref name="sql"/> in one batch.</summary>
    public ColumnBatch Query(string sql)
    {
        using var reader = Connection.ExecuteReader(sql, 1 << 20);
        return reader.ReadBatch() ?? throw new InvalidOperationException("no rows");
    }

    public void Dispose()
    {
        Connection.Dispose();
        Database.Dispose();
        Cache.Dispose();
    }
}

/// <summary>Golden CSVs as tables.</summary>
internal sealed class PredictFixtureTables(StorageConnection connection)
{
    /// <summary>Creates <paramref name="table"/> (id INTEGER, then one REAL per CSV column) holding the CSV's rows.</summary>
    public IReadOnlyList<ColumnInfo> Load(string table, GoldenCsv csv)
    {
        var sql = new StringBuilder($"CREATE TABLE {table} (id INTEGER, ");
        sql.AppendJoin(", ", csv.Columns.Select(c => $"\"{c}\" FLOAT")).Append("); INSERT INTO ").Append(table).Append(" VALUES ");
        var columns = csv.Columns.Select(csv.Column).ToArray();
        for (var r = 0; r < csv.RowCount; r++)
        {
            sql.Append(r > 0 ? ", (" : "(").Append(r.ToString(CultureInfo.InvariantCulture));
            foreach (var column in columns)
            {
                sql.Append(", ").Append(column[r]);
            }

            sql.Append(')');
        }

        connection.Execute(sql.ToString());
        return [new ColumnInfo("id", SqlType.Int, false), .. csv.Columns.Select(c => new ColumnInfo(c, SqlType.Real, true))];
    }
}
