using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>Every SQL Server type of the mapping goes into DuckDB and comes back unchanged, nulls in place.</summary>
public sealed class TypeRoundTripTests : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();
    private readonly StorageConnection _connection;

    public TypeRoundTripTests()
    {
        _connection = _database.Connect();
    }

    public static TheoryData<string> Types => TypeCases.Names;

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void BulkAppendedBatchReadsBack(string name)
    {
        var type = TypeCases.Get(name);
        CreateTable(type);
        var ids = Enumerable.Range(0, type.Values.Length).Select(i => (object?)i).ToArray();
        using (var batch = Batch([("id", SqlType.Int, ids), ("c", type.Type, type.Values)]))
        using (var appender = _connection.CreateAppender("t"))
        {
            Assert.Equal(2, appender.ColumnCount);
            appender.Append(batch);
            appender.Close();
            Assert.Equal(type.Values.Length, appender.RowsAppended);
        }

        AssertTableHolds(type);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void BoundParametersReadBack(string name)
    {
        var type = TypeCases.Get(name);
        CreateTable(type);
        using (var insert = _connection.Prepare("INSERT INTO t VALUES ($1, $2)"))
        {
            Assert.Equal(2, insert.ParameterCount);
            for (var i = 0; i < type.Values.Length; i++)
            {
                insert.Bind(1, i);
                BindValue(insert, 2, type.Values[i]);
                Assert.Equal(1, insert.ExecuteNonQuery());
            }
        }

        AssertTableHolds(type);
    }

    [Fact]
    public void AllTypesInOneTableAcrossAppenderChunks()
    {
        // 5000 rows: the appender cuts the batch into 2048-row chunks, and each column's nulls fall at
        // positions that are not byte aligned relative to the chunk starts.
        const int rows = 5000;
        var types = TypeCases.All;
        var columns = new List<(string, SqlType, object?[])> { ("id", SqlType.Int, Enumerable.Range(0, rows).Select(i => (object?)i).ToArray()) };
        for (var c = 0; c < types.Count; c++)
        {
            var values = types[c].Values;
            columns.Add(($"c{c}", types[c].Type, Enumerable.Range(0, rows).Select(r => values[(r + c) % values.Length]).ToArray()));
        }

        _connection.Execute($"CREATE TABLE wide (id INTEGER, {string.Join(", ", types.Select((t, c) => $"c{c} {DuckDbTypeMapping.ToDuckDbDdl(t.Type)}"))})");
        using (var batch = Batch(columns))
        using (var appender = _connection.CreateAppender("wide"))
        {
            appender.Append(batch);
            appender.Close();
        }

        var (schema, read) = ColumnValues.Query(_connection, "SELECT * FROM wide ORDER BY id", batchRows: 1000);
        Assert.Equal(rows, read.Count);
        for (var c = 0; c < types.Count; c++)
        {
            Assert.Equal(types[c].ReadBackType, schema[c + 1].Type);
            for (var r = 0; r < rows; r++)
            {
                ColumnValues.AssertSame(columns[c + 1].Item3[r], read[r][c + 1], $"{types[c].Name} row {r}");
            }
        }
    }

    [Fact]
    public void BatchOfZeroRowsAppendsNothing()
    {
        _connection.Execute("CREATE TABLE t (id INTEGER, s VARCHAR)");
        using (var batch = Batch([("id", SqlType.Int, []), ("s", SqlType.NVarChar(10), [])]))
        using (var appender = _connection.CreateAppender("t"))
        {
            appender.Append(batch);
            appender.Close();
            Assert.Equal(0, appender.RowsAppended);
        }

        Assert.Equal(0L, ColumnValues.Scalar(_connection, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void DateTimeParameterBeforeEpochTruncatesToTheEarlierMicrosecond()
    {
        // DuckDB keeps microseconds; a tick remainder must round toward the past on both sides of 1970,
        // or 1969-12-31 23:59:59.9999995 would become midnight of the next day.
        _connection.Execute("CREATE TABLE ts (id INTEGER, c TIMESTAMP)");
        var before = new DateTime(1969, 12, 31, 23, 59, 59, 999, 999).AddTicks(5);
        var after = new DateTime(2000, 1, 1).AddTicks(5);
        using (var insert = _connection.Prepare("INSERT INTO ts VALUES ($1, $2)"))
        {
            insert.Bind(1, 1);
            insert.Bind(2, before);
            insert.ExecuteNonQuery();
            insert.Bind(1, 2);
            insert.Bind(2, after);
            insert.ExecuteNonQuery();
        }

        var (_, rows) = ColumnValues.Query(_connection, "SELECT c FROM ts ORDER BY id");
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59, 999, 999), rows[0][0]);
        Assert.Equal(new DateTime(2000, 1, 1), rows[1][0]);
    }

    internal static ColumnBatch Batch(IReadOnlyList<(string Name, SqlType Type, object?[] Values)> columns)
    {
        var fields = columns.Select(c => new ColumnField(c.Name, c.Type)).ToArray();
        var vectors = columns.Select(c => ColumnValues.Build(c.Type, c.Values)).ToArray();
        return new ColumnBatch(new BatchSchema(fields), vectors, columns[0].Values.Length);
    }

    internal static void BindValue(StorageStatement statement, int index, object? value)
    {
        switch (value)
        {
            case null: statement.BindNull(index); break;
            case bool v: statement.Bind(index, v); break;
            case byte v: statement.Bind(index, v); break;
            case short v: statement.Bind(index, v); break;
            case int v: statement.Bind(index, v); break;
            case long v: statement.Bind(index, v); break;
            case float v: statement.Bind(index, v); break;
            case double v: statement.Bind(index, v); break;
            case decimal v: statement.Bind(index, v); break;
            case string v: statement.Bind(index, v); break;
            case byte[] v: statement.Bind(index, v); break;
            case DateOnly v: statement.Bind(index, v); break;
            case TimeOnly v: statement.Bind(index, v); break;
            case DateTime v: statement.Bind(index, v); break;
            case Guid v: statement.Bind(index, v); break;
            default: throw new ArgumentException($"No Bind overload for {value.GetType().Name}.", nameof(value));
        }
    }

    private void CreateTable(TypeCase type) => _connection.Execute($"CREATE TABLE t (id INTEGER, c {DuckDbTypeMapping.ToDuckDbDdl(type.Type)})");

    private void AssertTableHolds(TypeCase type)
    {
        var (schema, rows) = ColumnValues.Query(_connection, "SELECT id, c FROM t ORDER BY id");
        Assert.Equal(type.ReadBackType, schema[1].Type);
        Assert.Equal("c", schema[1].Name);
        Assert.Equal(type.Values.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i, rows[i][0]);
            ColumnValues.AssertSame(type.Values[i], rows[i][1], $"{type.Name} row {i}");
        }

        var nulls = type.Values.Count(v => v is null);
        Assert.Equal((long)nulls, ColumnValues.Scalar(_connection, "SELECT count(*) FROM t WHERE c IS NULL"));
    }
}
