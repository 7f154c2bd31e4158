using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>
/// DuckDB hands out chunks of up to 2048 rows; the reader packs and splits them into batches of any size.
/// Nulls every 7th row make the bit offsets unaligned wherever a batch boundary cuts a chunk.
/// </summary>
public sealed class BatchReaderTests : IDisposable
{
    private const int Rows = 10_000;
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();
    private readonly StorageConnection _connection;

    public BatchReaderTests()
    {
        _connection = _database.Connect();
        _connection.Execute($"""
            CREATE TABLE big AS
            SELECT i::INTEGER AS id,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3 END::BIGINT AS v,
                   CASE WHEN i % 7 = 3 THEN NULL WHEN i % 2 = 0 THEN 's' || i ELSE 'a longer string, row ' || i END AS s,
                   CASE WHEN i % 5 = 1 THEN NULL ELSE i % 2 = 0 END AS b
            FROM range({Rows}) r(i)
            """);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(333)]
    [InlineData(1000)]
    [InlineData(2048)]
    [InlineData(3000)]
    [InlineData(65536)]
    public void PacksAndSplitsChunksIntoBatches(int batchRows)
    {
        using var reader = _connection.ExecuteReader("SELECT id, v, s, b FROM big ORDER BY id", batchRows);
        Assert.Equal(batchRows, reader.BatchRows);
        Assert.Equal(["id", "v", "s", "b"], reader.Schema.Fields.Select(f => f.Name));
        Assert.Equal([SqlType.Int, SqlType.BigInt, SqlType.NVarChar(SqlType.MaxLength), SqlType.Bit], reader.Schema.Fields.Select(f => f.Type));

        var next = 0;
        var batches = 0;
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                Assert.Equal(Math.Min(batchRows, Rows - next), batch.RowCount);
                Assert.Same(reader.Schema, batch.Schema);
                AssertBatch(batch, next);
                next += batch.RowCount;
                batches++;
                Assert.Equal(next, reader.RowsRead);
            }
        }

        Assert.Equal(Rows, next);
        Assert.Equal((Rows + batchRows - 1) / batchRows, batches);
        Assert.Null(reader.ReadBatch());
    }

    [Fact]
    public void EmptyResultHasSchemaAndNoBatches()
    {
        using var reader = _connection.ExecuteReader("SELECT id, s FROM big WHERE id < 0");
        Assert.Equal(2, reader.Schema.Count);
        Assert.Null(reader.ReadBatch());
        Assert.Equal(0, reader.RowsRead);
    }

    [Fact]
    public void ConstantAndAllNullColumnsAreFlattened()
    {
        var (schema, rows) = ColumnValues.Query(_connection, "SELECT 42 AS k, NULL::VARCHAR AS n, 'x' AS x, NULL AS z FROM range(5000)", batchRows: 3000);
        Assert.Equal(SqlType.Int, schema[3].Type);
        Assert.Equal(5000, rows.Count);
        Assert.All(rows, r => Assert.Equal([42, null, "x", null], r));
    }

    [Fact]
    public void PreparedStatementStreamsWithParameters()
    {
        using var statement = _connection.Prepare("SELECT id, s FROM big WHERE id >= $1 AND id < $2 ORDER BY id");
        statement.Bind(1, 2040);
        statement.Bind(2, 2060);
        using (var reader = statement.ExecuteReader(batchRows: 6))
        {
            var ids = new List<int>();
            while (reader.ReadBatch() is { } batch)
            {
                using (batch)
                {
                    ids.AddRange(batch[0].GetValues<int>().ToArray());
                }
            }

            Assert.Equal(Enumerable.Range(2040, 20), ids);
        }

        // The statement runs again with new bindings.
        statement.Bind(1, 1);
        statement.Bind(2, 5);
        var (_, rows) = ColumnValues.Query(_connection, "SELECT 1");
        Assert.Single(rows);
        using var again = statement.ExecuteReader();
        using var first = again.ReadBatch();
        Assert.NotNull(first);
        Assert.Equal(4, first.RowCount);
        Assert.True(first[1].IsNull(2));
        Assert.Equal("s2", first[1].GetString(1));
        Assert.Equal("a longer string, row 1", first[1].GetString(0));
    }

    [Fact]
    public void LargeStringsSpanManyBatches()
    {
        _connection.Execute("CREATE TABLE texts AS SELECT i AS id, repeat(chr(26085 + (i % 3)::INTEGER), 100 + i) AS t FROM range(3000) r(i)");
        var (_, rows) = ColumnValues.Query(_connection, "SELECT t FROM texts ORDER BY id", batchRows: 1100);
        Assert.Equal(3000, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var text = Assert.IsType<string>(rows[i][0]);
            Assert.Equal(100 + i, text.Length);
            Assert.All(text, ch => Assert.Equal((char)(26085 + (i % 3)), ch));
        }
    }

    private static void AssertBatch(ColumnBatch batch, int first)
    {
        var ids = batch[0].GetValues<int>();
        var values = batch[1].GetValues<long>();
        var flags = batch[3].GetValues<byte>();
        int vNulls = 0, sNulls = 0, bNulls = 0;
        for (var r = 0; r < batch.RowCount; r++)
        {
            var i = first + r;
            Assert.Equal(i, ids[r]);
            Assert.False(batch[0].IsNull(r));

            var vNull = i % 7 == 0;
            vNulls += vNull ? 1 : 0;
            Assert.Equal(vNull, batch[1].IsNull(r));
            Assert.Equal(!vNull, batch[1].Validity.IsEmpty || Bitmap.Get(batch[1].Validity, r));
            if (!vNull)
            {
                Assert.Equal(i * 3L, values[r]);
            }

            var sNull = i % 7 == 3;
            sNulls += sNull ? 1 : 0;
            Assert.Equal(sNull, batch[2].IsNull(r));
            Assert.Equal(sNull ? string.Empty : i % 2 == 0 ? $"s{i}" : $"a longer string, row {i}", batch[2].GetString(r));

            var bNull = i % 5 == 1;
            bNulls += bNull ? 1 : 0;
            Assert.Equal(bNull, batch[3].IsNull(r));
            if (!bNull)
            {
                Assert.Equal(i % 2 == 0 ? 1 : 0, flags[r]);
            }
        }

        Assert.Equal(0, batch[0].NullCount);
        Assert.True(batch[0].Validity.IsEmpty);
        Assert.Equal(vNulls, batch[1].NullCount);
        Assert.Equal(vNulls == 0, batch[1].Validity.IsEmpty);
        Assert.Equal(vNulls, batch[1].Validity.IsEmpty ? 0 : Bitmap.CountUnset(batch[1].Validity, batch.RowCount));
        Assert.Equal(sNulls, batch[2].NullCount);
        Assert.Equal(bNulls, batch[3].NullCount);
        Assert.Equal(batch.RowCount + 1, batch[2].Offsets.Length);
        Assert.Equal(batch[2].Offsets[^1], batch[2].Data.Length);
    }
}
