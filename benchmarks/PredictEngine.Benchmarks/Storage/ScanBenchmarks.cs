using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;

namespace PredictEngine.Benchmarks.Storage;

/// <summary>
/// Scan throughput from the embedded DuckDB into columnar batches: <c>SELECT *</c> over a 1M-row
/// in-memory table, read with <see cref="StorageConnection.ExecuteReader"/> in batches of 65536 rows
/// until the reader is exhausted, each batch disposed. Bytes are what the batches hold: fixed width
/// times rows for fixed-width columns plus the UTF-8 data of string columns (offsets and validity
/// bitmaps not counted).
/// </summary>
[Config(typeof(Config))]
public class ScanBenchmarks
{
    private const int BatchRows = 65536;
    private static readonly ConcurrentDictionary<ScanTable, long> BytesPerScan = new();

    private EmbeddedDatabase _database = null!;
    private StorageConnection _connection = null!;
    private string _sql = "";

    [Params(ScanTable.Mixed10, ScanTable.Features30)]
    public ScanTable Table { get; set; }

    [GlobalSetup]
    public void Setup() => (_database, _connection, _sql) = Open(Table);

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    /// <summary>Reads the whole table; returns the bytes the batches held.</summary>
    [Benchmark]
    public long Scan() => ScanAll(_connection, _sql).Bytes;

    private static (EmbeddedDatabase Database, StorageConnection Connection, string Sql) Open(ScanTable table)
    {
        var database = EmbeddedDatabase.OpenInMemory();
        var connection = database.Connect();
        connection.Execute(ScanTables.CreateSql(table));
        var sql = $"SELECT * FROM {ScanTables.Name(table)}";
        var (rows, _) = ScanAll(connection, sql);
        if (rows != ScanTables.Rows)
        {
            throw new InvalidOperationException($"The scan of {table} read {rows} rows, not {ScanTables.Rows}.");
        }

        return (database, connection, sql);
    }

    private static (long Rows, long Bytes) ScanAll(StorageConnection connection, string sql)
    {
        long rows = 0, bytes = 0;
        using var reader = connection.ExecuteReader(sql, BatchRows);
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                rows += batch.RowCount;
                bytes += BatchBytes(batch);
            }
        }

        return (rows, bytes);
    }

    private static long BatchBytes(ColumnBatch batch)
    {
        long bytes = 0;
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            var column = batch[c];
            bytes += column.Type.IsVariableWidth ? column.Data.Length : (long)column.Type.FixedWidth * batch.RowCount;
        }

        return bytes;
    }

    /// <summary>
    /// Bytes of one scan of <paramref name="table"/>, measured once in the host process (the columns are
    /// computed there, after the child processes ran) by building the same deterministic table and scanning it.
    /// </summary>
    private static long MeasureBytes(ScanTable table) => BytesPerScan.GetOrAdd(table, static t =>
    {
        var (database, connection, sql) = Open(t);
        using (database)
        using (connection)
        {
            return ScanAll(connection, sql).Bytes;
        }
    });

    private static ScanTable? TableOf(BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters[nameof(Table)] as ScanTable?;

    public sealed class Config : ShortRunConfig
    {
        public Config()
        {
            AddColumn(
                new ThroughputColumn("Mrows/s", "Millions of rows scanned per second", c => ScanTables.Rows),
                new ThroughputColumn("MB/s", "Batch bytes per second in MB (10^6): fixed width x rows + string data", c => TableOf(c) is { } t ? MeasureBytes(t) : null));
        }
    }
}
